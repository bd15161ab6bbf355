"""Where the batches of a corpus run are analysed: in this process, or on Dask workers.

An executor takes batches (``submit``) and hands back finished ones (``next_done``), at
most ``capacity`` in flight. The one batch loop in ``batch`` drives either kind, so a
local run and a distributed run share their resumption, progress and writing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Protocol

from spinscope.corpus.detectors import detector_id, load_for_corpus
from spinscope.corpus.outcomes import analyse_records
from spinscope.corpus.store import DetectorId, Outcome, utc_now
from spinscope.detector.base import Detector
from spinscope.io.records import Record
from spinscope.pipeline import Pipeline

Finished = tuple[list[Outcome], str]
"""A batch's outcomes and the time its analysis started."""


class Executor(Protocol):
    identity: DetectorId
    capacity: int

    def submit(self, records: Sequence[Record]) -> None: ...

    def in_flight(self) -> int: ...

    def next_done(self) -> Finished: ...

    def close(self) -> None: ...


class LocalExecutor:
    """Analyses each batch in this process when it is collected (one in flight)."""

    capacity = 1

    def __init__(self, detector: Detector | str | None) -> None:
        if isinstance(detector, (str, type(None))):
            self.pipeline, self.identity = load_for_corpus(detector)
        else:
            self.pipeline, self.identity = Pipeline(detector), detector_id(detector)
        self._queue: deque[Sequence[Record]] = deque()

    def submit(self, records: Sequence[Record]) -> None:
        self._queue.append(records)

    def in_flight(self) -> int:
        return len(self._queue)

    def next_done(self) -> Finished:
        started = utc_now()
        return analyse_records(self.pipeline, self._queue.popleft()), started

    def close(self) -> None:
        """Nothing to release: the pipeline goes with the executor."""
