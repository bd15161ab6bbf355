"""Corpus analysis on Dask workers: batches go out as tasks, outcomes come back to one writer.

The driver reads pending documents from the store in batches (the partitions), keeps a
few batches in flight per worker, and writes each batch's outcomes (spans with their
voices and speakers, and the documents' quotes) in one transaction as it completes. Workers never touch the store; each loads the detector once (by name
or folder, so it must be resolvable on the worker machines) and keeps it. A killed run
loses only the batches in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

from spinscope.corpus import Progress, analyse_records, pending_batches
from spinscope.corpus_detectors import detector_id, model_folder, resolve_detector
from spinscope.detector.base import Detector
from spinscope.errors import ConfigError
from spinscope.pipeline import Pipeline
from spinscope.io.records import Record
from spinscope.store import DetectorId, Outcome, Store, utc_now

IN_FLIGHT_PER_WORKER = 4
CONNECT_TIMEOUT_S = 30

_detectors: dict[str, Detector] = {}
_lock = threading.Lock()


def worker_detector(spec: str | None) -> Detector:
    """The detector for ``spec``, loaded once per worker process and then reused."""
    with _lock:
        key = spec or ""
        if key not in _detectors:
            _detectors[key] = Pipeline(resolve_detector(spec))
        return _detectors[key]


def worker_identity(spec: str | None) -> DetectorId:
    """Run on a worker: the name and version of the detector the workers will use."""
    return detector_id(worker_detector(spec), model_folder(spec))


def worker_analyse(spec: str | None, records: Sequence[Record]) -> list[Outcome]:
    """Run on a worker: the outcomes of one batch (spans with their voices, and quotes)."""
    return analyse_records(worker_detector(spec), records)


def connect(address: str, workers: int):
    """A Dask client: a new local cluster of ``workers`` processes, or a running scheduler."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("Dask is not installed; install spinscope[corpus] to use --dask") from None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        return Client(cluster)
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({error})") from None


def _close(client) -> None:
    cluster = client.cluster if hasattr(client, "cluster") else None
    client.close()
    if cluster is not None:
        cluster.close()


def _run(client, store: Store, spec: str | None, identity: DetectorId, batches: Iterator,
         on_batch: Callable[[list[Outcome], str], None], limit: int) -> None:
    from dask.distributed import as_completed

    def submit(records):
        return client.submit(worker_analyse, spec, records, pure=False)

    started: dict[str, str] = {}
    queue = as_completed()
    for records in batches:
        future = submit(records)
        started[future.key] = utc_now()
        queue.add(future)
        if queue.count() >= limit:
            done = next(queue)
            on_batch(done.result(), started.pop(done.key))
    for done in queue:
        on_batch(done.result(), started.pop(done.key))


def analyze_distributed(store: Store, spec: str | None, address: str, workers: int, batch_size: int,
                        progress: Progress | None) -> tuple[DetectorId, int, int]:
    """Analyse the pending documents on Dask; returns the detector, documents done, failures."""
    client = connect(address, workers)
    counts = [0, 0]
    try:
        identity = client.submit(worker_identity, spec, pure=False).result()
        total = store.count_pending(identity)
        if progress:
            progress(0, total)

        def on_batch(outcomes: list[Outcome], started: str) -> None:
            store.write_outcomes(identity, outcomes, started)
            counts[0] += len(outcomes)
            counts[1] += sum(1 for o in outcomes if o.error)
            if progress:
                progress(len(outcomes), total)

        limit = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        _run(client, store, spec, identity, pending_batches(store, identity, batch_size), on_batch, limit)
    finally:
        _close(client)
    return identity, counts[0], counts[1]
