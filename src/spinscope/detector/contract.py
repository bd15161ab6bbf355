"""``check_detector``: the contract every detector keeps, run the same way over each of them.

As scikit-learn's ``check_estimator`` does for estimators, one function checks what the
rest of spinscope relies on: analyses come back one per document, in order; inputs are
not changed; empty and one-word texts work; every span lies inside its text and on
whole characters; ``classify`` keeps the given ranges; and a detector saved to a folder
loads back and finds the same spans. A broken rule raises ``ContractError`` naming it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from spinscope.detector.base import Detector
from spinscope.document import Analysis, Document, Span
from spinscope.errors import ContractError

TEXTS = (
    "They are traitors and warmongers, and everyone knows it. Our great nation will never bow!",
    "",
    "Traitors",
    "Café owners say the «so-called experts» are a disgrace to the nation 🇷🇺 — shameful.",
    "The weather was mild on Tuesday.\n\n\nA huge, terrible, catastrophic betrayal of the people.",
)


def _documents() -> list[Document]:
    return [Document(id=f"contract-{i}", text=text) for i, text in enumerate(TEXTS)]


def _expect(condition: bool, rule: str) -> None:
    if not condition:
        raise ContractError(rule)


def _positions(analysis: Analysis) -> list[tuple[int, int, str, float]]:
    return [(s.start, s.end, s.technique, s.score) for s in analysis.spans]


def _same_document(returned: Document, given: Document) -> bool:
    """The given document, or the same with the language that was missing filled in (a Pipeline does)."""
    return returned == given or (given.language is None and replace(returned, language=None) == given)


def check_predict(detector: Detector, documents: Sequence[Document]) -> list[Analysis]:
    """One analysis per document, in order, inputs unchanged, spans inside their texts."""
    given = list(documents)
    analyses = detector.predict(given)
    _expect(given == list(documents), f"{detector.name}: predict changed the list it was given")
    _expect(len(analyses) == len(given), f"{detector.name}: predict gave {len(analyses)} analyses for "
                                         f"{len(given)} documents")
    for document, analysis in zip(given, analyses):
        _expect(_same_document(analysis.document, document),
                f"{detector.name}: analyses are not in the documents' order")
        for span in analysis.spans:
            _expect(span.end <= len(document.text), f"{detector.name}: span {span.start}-{span.end} runs "
                                                     f"past the end of {document.id}")
    return analyses


def check_classify(detector: Detector, analyses: Sequence[Analysis]) -> None:
    """``classify`` keeps every given range and names each with a technique; inputs unchanged."""
    given = [Analysis(a.document, tuple(Span(s.start, s.end, s.technique) for s in a.spans)) for a in analyses]
    before = list(given)
    named = detector.classify(given)
    _expect(given == before, f"{detector.name}: classify changed the analyses it was given")
    _expect(len(named) == len(given), f"{detector.name}: classify gave a different number of analyses")
    for old, new in zip(given, named):
        ranges = sorted((s.start, s.end) for s in old.spans)
        _expect(sorted((s.start, s.end) for s in new.spans) == ranges,
                f"{detector.name}: classify changed the ranges of {old.document.id}")


def check_round_trip(detector: Detector, analyses: Sequence[Analysis]) -> None:
    """A detector saved to a folder loads back (``load_from_folder``) and finds the same spans."""
    from spinscope.detector.loading import load_from_folder

    with tempfile.TemporaryDirectory() as folder:
        detector.save(Path(folder))
        reloaded = load_from_folder(Path(folder))
        again = reloaded.predict([a.document for a in analyses])
    for first, second in zip(analyses, again):
        _expect(_positions(first) == _positions(second),
                f"{detector.name}: spans of {first.document.id} differ after save and load")


def check_detector(detector: Detector, round_trip: bool = True) -> None:
    """Run every check of the contract on ``detector``; see the module docstring."""
    documents = _documents()
    analyses = check_predict(detector, documents)
    again = check_predict(detector, list(reversed(documents)))
    _expect([_positions(a) for a in reversed(again)] == [_positions(a) for a in analyses],
            f"{detector.name}: a document's spans depend on the order of the batch")
    check_classify(detector, analyses)
    if round_trip:
        check_round_trip(detector, analyses)
