"""Every detector keeps the same contract (check_detector), and the check catches breaches."""

from __future__ import annotations

import pytest

from spinscope.detector.contract import check_detector
from spinscope.detector.loading import load_detector, shipped_names
from spinscope.document import Analysis, Document, Span
from spinscope.errors import ContractError, SpinscopeError
from spinscope.pipeline import Pipeline


@pytest.mark.parametrize("name", shipped_names())
def test_check_detector_passes_every_shipped_detector(name):
    check_detector(load_detector(name))


def test_analysis_refuses_a_span_past_the_end_so_no_detector_can_return_one():
    analysis = load_detector("lexicon").predict([_doc("short")])[0]
    with pytest.raises(SpinscopeError, match="runs past the end"):
        Analysis(analysis.document, (Span(0, 9, "doubt"),))


def test_check_detector_passes_a_pipeline():
    check_detector(Pipeline(load_detector("lexicon")))


def _doc(text: str) -> Document:
    return Document(id="d", text=text)


class Broken:
    """The lexicon with one fault switched on at a time."""

    name = "broken"

    def __init__(self, fault: str) -> None:
        self.inner, self.fault = load_detector("lexicon"), fault

    def predict(self, documents):
        analyses = self.inner.predict(documents)
        if self.fault == "reversed":
            return analyses[::-1]
        if self.fault == "mutates" and isinstance(documents, list):
            documents.pop()
        if self.fault == "drops":
            return analyses[:-1]
        return analyses

    def classify(self, analyses):
        named = self.inner.classify(analyses)
        if self.fault == "moves ranges":
            return [Analysis(a.document, tuple(Span(s.start + 1, s.end, s.technique) for s in a.spans
                                               if s.end - s.start > 1)) for a in named]
        return named

    def save(self, folder):
        self.inner.save(folder)


@pytest.mark.parametrize("fault, message", [
    ("reversed", "order"), ("mutates", "changed the list"), ("drops", "analyses for"),
    ("moves ranges", "changed the ranges"),
])
def test_check_detector_names_the_broken_rule(fault, message):
    with pytest.raises(ContractError, match=message):
        check_detector(Broken(fault), round_trip=False)
