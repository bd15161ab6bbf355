"""Corpus analysis: ingest articles into a store, then run a detector over them, resumably.

``analyze`` takes the documents the detector has not analysed yet, in batches, and
commits each batch in one transaction. A run killed at any moment (even by SIGKILL)
keeps every committed batch, so running it again redoes at most the batch that was in
flight. A document that cannot be analysed (empty, badly encoded, or one the detector
fails on) is stored with its error and the run goes on. With ``dask`` set, batches are
analysed on Dask workers (see ``corpus_dask``) and written here, by the one writer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from spinscope.corpus_detectors import detector_id, load_for_corpus
from spinscope.detector.base import Detector
from spinscope.document import Analysis, Document
from spinscope.errors import ConfigError, SpinscopeError
from spinscope.io.corpus_sources import SourceOptions, read_source
from spinscope.io.records import Failure, Record
from spinscope.io.text import check_text
from spinscope.pipeline import Pipeline
from spinscope.store import DetectorId, Outcome, Store, utc_now

DEFAULT_BATCH_SIZE = 16
ADD_CHUNK = 500
Progress = Callable[[int, int], None]
"""Called with (0, documents to analyse) at the start, then (documents in the batch, same total)
after each committed batch."""


@dataclass(frozen=True)
class AddResult:
    """What ``add`` did: items read, documents new to the store, and items that gave no text."""

    read: int
    added: int
    failures: tuple[Failure, ...]


@dataclass(frozen=True)
class AnalyzeResult:
    """What ``analyze`` did: the detector, documents analysed, how many of them failed."""

    detector: DetectorId
    analysed: int
    failed: int
    seconds: float


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def add(store: Store, sources: Sequence[str], options: SourceOptions = SourceOptions()) -> AddResult:
    """Read every source into the store; documents already there (same text) are skipped."""
    read, added, failures = 0, 0, []
    for source in sources:
        for chunk in _chunks(read_source(source, options), ADD_CHUNK):
            records = [item for item in chunk if isinstance(item, Record)]
            failures.extend(item for item in chunk if isinstance(item, Failure))
            read += len(chunk)
            added += store.add_records(records)
    return AddResult(read, added, tuple(failures))


def _problem(record: Record) -> str | None:
    if record.problem:
        return record.problem
    try:
        check_text(record.document.text, record.origin or record.document.id)
    except SpinscopeError as error:
        return str(error)
    return None


def _predict_one(detector: Detector, document: Document) -> Outcome:
    try:
        analysis = detector.predict([document])[0]
    except Exception as error:  # a model failing on one document must not stop the run
        return Outcome(document.id, error=f"the detector failed: {type(error).__name__}: {error}")
    return outcome_of(analysis)


def outcome_of(analysis: Analysis) -> Outcome:
    """What the store keeps of an analysis: its spans (with voices) and the document's quotes."""
    return Outcome(analysis.document.id, analysis.spans, quotes=analysis.quotes)


def analyse_records(detector: Detector, records: Sequence[Record]) -> list[Outcome]:
    """One outcome per record, in order; bad documents get an error instead of spans and quotes."""
    outcomes: dict[str, Outcome] = {}
    usable = []
    for record in records:
        problem = _problem(record)
        if problem:
            outcomes[record.document.id] = Outcome(record.document.id, error=problem)
        else:
            usable.append(record.document)
    try:
        analyses = detector.predict(usable) if usable else []
        if len(analyses) != len(usable):
            raise ValueError("the detector returned a different number of analyses")
        outcomes.update((a.document.id, outcome_of(a)) for a in analyses)
    except Exception:  # find the document that broke the batch by trying them one at a time
        outcomes.update((d.id, _predict_one(detector, d)) for d in usable)
    return [outcomes[r.document.id] for r in records]


def pending_batches(store: Store, detector: DetectorId, batch_size: int) -> Iterator[tuple[Record, ...]]:
    """The documents this detector has not analysed, in batches, in the order they were added."""
    after = 0
    while True:
        batch = store.pending(detector, after, batch_size)
        if not batch.records:
            return
        yield batch.records
        after = batch.last_rowid


def _analyze_here(store: Store, detector: Detector, identity: DetectorId, batch_size: int,
                  progress: Progress | None) -> tuple[int, int]:
    analysed, failed = 0, 0
    total = store.count_pending(identity)
    if progress:
        progress(0, total)
    for records in pending_batches(store, identity, batch_size):
        started = utc_now()
        outcomes = analyse_records(detector, records)
        store.write_outcomes(identity, outcomes, started)
        analysed += len(outcomes)
        failed += sum(1 for o in outcomes if o.error)
        if progress:
            progress(len(outcomes), total)
    return analysed, failed


def analyze(store: Store, detector: Detector | str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
            dask: str | None = None, workers: int = 1, progress: Progress | None = None) -> AnalyzeResult:
    """Analyse every document the detector has not analysed yet; see the module docstring."""
    if batch_size < 1 or workers < 1:
        raise ConfigError("batch size and number of workers must be at least 1")
    begun = time.perf_counter()
    if dask or workers > 1:
        if not isinstance(detector, (str, type(None))):
            raise ConfigError("with Dask, give the detector by name or folder so that each worker can load it")
        from spinscope.corpus_dask import analyze_distributed

        identity, analysed, failed = analyze_distributed(
            store, detector, dask or "local", workers, batch_size, progress)
    else:
        if isinstance(detector, (str, type(None))):
            loaded, identity = load_for_corpus(detector)
        else:
            loaded, identity = Pipeline(detector), detector_id(detector)
        analysed, failed = _analyze_here(store, loaded, identity, batch_size, progress)
    return AnalyzeResult(identity, analysed, failed, time.perf_counter() - begun)

