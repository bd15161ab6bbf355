"""Corpus analysis on Dask workers: batches go out as tasks, outcomes come back to one writer.

The driver (the batch loop in ``batch``) reads pending documents from the store in
batches, keeps a few batches in flight per worker, and writes each batch's outcomes
(spans with their voices and speakers, and the documents' quotes) in one transaction as
it completes. Workers never touch the store; each loads the detector once (by name or
folder, so it must be resolvable on the worker machines), with one encoder thread —
a worker process per core is the unit of parallelism here, so pools inside workers
would only oversubscribe the cores. A killed run loses only the batches in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from spinscope.corpus.detectors import detector_id, model_folder, resolve_detector
from spinscope.corpus.executors import Finished
from spinscope.corpus.outcomes import analyse_records
from spinscope.corpus.store import DetectorId, Outcome, utc_now
from spinscope.errors import ConfigError
from spinscope.io.records import Record
from spinscope.pipeline import Pipeline

IN_FLIGHT_PER_WORKER = 4
CONNECT_TIMEOUT_S = 30
WORKER_THREADS = 1

_pipelines: dict[str, Pipeline] = {}
_lock = threading.Lock()


def worker_pipeline(spec: str | None) -> Pipeline:
    """The pipeline for ``spec``, loaded once per worker process and then reused."""
    with _lock:
        key = spec or ""
        if key not in _pipelines:
            _pipelines[key] = Pipeline(resolve_detector(spec, threads=WORKER_THREADS))
        return _pipelines[key]


def worker_identity(spec: str | None) -> DetectorId:
    """Run on a worker: the name and version of the detector the workers will use."""
    return detector_id(worker_pipeline(spec), model_folder(spec))


def worker_analyse(spec: str | None, records: Sequence[Record]) -> list[Outcome]:
    """Run on a worker: the outcomes of one batch (spans with their voices, and quotes)."""
    return analyse_records(worker_pipeline(spec), records)


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


class DaskExecutor:
    """Analyses batches on the workers of a Dask cluster, a few in flight per worker."""

    def __init__(self, spec: str | None, address: str, workers: int) -> None:
        from dask.distributed import as_completed

        self.spec, self.client = spec, connect(address, workers)
        try:
            self.identity = self.client.submit(worker_identity, spec, pure=False).result()
        except BaseException:
            self.close()
            raise
        known = len(self.client.scheduler_info().get("workers", {})) or workers
        self.capacity = IN_FLIGHT_PER_WORKER * max(1, known)
        self._queue, self._started = as_completed(), {}

    def submit(self, records: Sequence[Record]) -> None:
        future = self.client.submit(worker_analyse, self.spec, records, pure=False)
        self._started[future.key] = utc_now()
        self._queue.add(future)

    def in_flight(self) -> int:
        return self._queue.count()

    def next_done(self) -> Finished:
        done = next(self._queue)
        return done.result(), self._started.pop(done.key)

    def close(self) -> None:
        cluster = getattr(self.client, "cluster", None)
        self.client.close()
        if cluster is not None:
            cluster.close()
