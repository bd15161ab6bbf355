"""``corpus analyze``: run a detector over every stored document it has not analysed, resumably.

``analyze`` takes the documents the detector has not analysed yet, in batches, and
commits each batch in one transaction. A run killed at any moment (even by SIGKILL)
keeps every committed batch, so running it again redoes at most the batches that were
in flight. Each batch is claimed before it is analysed (see ``claims``): two runs on one
store split the documents between them, and a run that died leaves claims that the next
run takes over. A document that cannot be analysed (empty, badly encoded, or one the detector
fails on) is stored with its error and the run goes on. One loop (``run_batches``) drives
both executors: in this process, or on Dask workers (``distributed``), whose results are
written here, by the one writer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spinscope.corpus.claims import LEASE_S, Claimant
from spinscope.corpus.executors import Executor, LocalExecutor
from spinscope.corpus.store import DetectorId, Outcome, Store
from spinscope.detector.base import Detector
from spinscope.errors import ConfigError
from spinscope.io.records import Record

DEFAULT_BATCH_SIZE = 16
Progress = Callable[[int, int], None]
"""Called with (0, documents to analyse) at the start, then (documents in the batch, same total)
after each committed batch."""


@dataclass(frozen=True)
class AnalyzeResult:
    """What ``analyze`` did: the detector, documents analysed, how many of them failed."""

    detector: DetectorId
    analysed: int
    failed: int
    seconds: float


def pending_batches(store: Store, detector: DetectorId, batch_size: int,
                    claimant: Claimant) -> Iterator[tuple[Record, ...]]:
    """The documents this detector has not analysed and no live run has claimed, in batches,
    in the order they were added; each batch is claimed for ``claimant`` before it is yielded."""
    after = 0
    while True:
        batch = store.claim(detector, claimant, after, batch_size)
        if not batch.records:
            return
        yield batch.records
        after = batch.last_rowid


def run_batches(store: Store, executor: Executor, batch_size: int, progress: Progress | None,
                claimant: Claimant | None = None) -> tuple[int, int]:
    """Feed the pending batches to the executor and write each finished one; (analysed, failed).
    Claims still held when the run stops early are released."""
    claimant = claimant or Claimant()
    counts = [0, 0]
    total = store.count_pending(executor.identity)
    if progress:
        progress(0, total)

    def write(outcomes: list[Outcome], started: str) -> None:
        store.write_outcomes(executor.identity, outcomes, started, claimant)
        counts[0] += len(outcomes)
        counts[1] += sum(1 for o in outcomes if o.error)
        if progress:
            progress(len(outcomes), total)

    try:
        for records in pending_batches(store, executor.identity, batch_size, claimant):
            executor.submit(records)
            if executor.in_flight() >= executor.capacity:
                write(*executor.next_done())
        while executor.in_flight():
            write(*executor.next_done())
    finally:
        store.release(claimant)
    return counts[0], counts[1]


def open_executor(detector: Detector | str | None, dask: str | None, workers: int) -> Executor:
    """The executor a run asks for: Dask when ``dask`` is set or ``workers`` > 1, else this process."""
    if not (dask or workers > 1):
        return LocalExecutor(detector)
    if not isinstance(detector, (str, type(None))):
        raise ConfigError("with Dask, give the detector by name or folder so that each worker can load it")
    from spinscope.corpus.distributed import DaskExecutor

    return DaskExecutor(detector, dask or "local", workers)


def analyze(store: Store, detector: Detector | str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
            dask: str | None = None, workers: int = 1, progress: Progress | None = None,
            lease_s: float = LEASE_S) -> AnalyzeResult:
    """Analyse every document the detector has not analysed yet; see the module docstring.
    ``lease_s``: how long this run's claims outlive its last stored batch if it dies."""
    if batch_size < 1 or workers < 1 or lease_s <= 0:
        raise ConfigError("batch size and number of workers must be at least 1, the lease above 0 s")
    begun = time.perf_counter()
    executor = open_executor(detector, dask, workers)
    try:
        analysed, failed = run_batches(store, executor, batch_size, progress, Claimant(lease_s))
    finally:
        executor.close()
    return AnalyzeResult(executor.identity, analysed, failed, time.perf_counter() - begun)
