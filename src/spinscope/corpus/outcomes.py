"""One batch of stored documents → one outcome per document (spans and quotes, or an error).

This is the work of a batch wherever it runs (in this process or on a Dask worker): a
document that cannot be analysed (empty, too long, in a language that is not analysed, or one
the detector fails on) gets its error, and the rest of the batch is still analysed.
"""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.corpus.store import Outcome
from spinscope.detector.base import Detector
from spinscope.document import Analysis, Document
from spinscope.errors import SpinscopeError
from spinscope.io.records import Record
from spinscope.io.text import check_text


def _problem(record: Record) -> str | None:
    if record.problem:
        return record.problem
    try:
        check_text(record.document.text, record.origin or record.document.id)
    except SpinscopeError as error:
        return str(error)
    return None


def outcome_of(analysis: Analysis) -> Outcome:
    """What the store keeps of an analysis: its spans (with voices) and the document's quotes."""
    return Outcome(analysis.document.id, analysis.spans, quotes=analysis.quotes, detector=analysis.detector)


def _predict_one(detector: Detector, document: Document) -> Outcome:
    try:
        analysis = detector.predict([document])[0]
    except SpinscopeError as error:  # e.g. a language that is not analysed: the library's own message
        return Outcome(document.id, error=str(error))
    except Exception as error:  # a model failing on one document must not stop the run
        return Outcome(document.id, error=f"the detector failed: {type(error).__name__}: {error}")
    return outcome_of(analysis)


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
