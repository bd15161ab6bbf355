"""The front door: load() -> Pipeline, calling it, streaming with pipe(), and voices on spans."""

from __future__ import annotations

from dataclasses import replace

import pytest

import spinscope
from spinscope.quotes import finder
from spinscope.document import Analysis, Document, Span
from spinscope.errors import EmptyTextError, InputError
from spinscope.pipeline import Pipeline, with_voices
from spinscope.quotes import Quote

from tests.support.detectors import PhraseDetector

TEXT = "The traitors lied again. “These traitors will burn,” Putin said."


def WordDetector() -> PhraseDetector:  # noqa: N802 (stands for a class)
    """Marks every occurrence of "traitors" as name calling; ``batches`` counts its predict calls."""
    return PhraseDetector({"traitors": ("name_calling", 0.9)})


@pytest.fixture
def quoted_putin(monkeypatch):
    """find_quotes stubbed to report TEXT's quotation as Putin's, whatever the finder does."""
    start = TEXT.index("These")
    quote = Quote(start, TEXT.index("”"), "quoted", "Vladimir Putin")
    monkeypatch.setattr(finder, "find_quotes", lambda text: (quote,) if text == TEXT else ())
    return quote


def test_pipeline_call_marks_quoted_spans_with_their_speaker(quoted_putin):
    analysis = Pipeline(WordDetector())(TEXT)
    outside, inside = analysis.spans
    assert (outside.voice, outside.speaker) == ("outlet", None)
    assert (inside.voice, inside.speaker) == ("quoted", "Vladimir Putin")
    assert analysis.quotes == (quoted_putin,)


def test_pipeline_keeps_the_detector_name_and_version():
    detector = WordDetector()
    detector.version = "7"
    wrapped = Pipeline(Pipeline(detector))
    assert (wrapped.name, wrapped.version, wrapped.detector) == ("phrases", "7", detector)


def test_pipeline_pipe_streams_in_batches_and_keeps_order():
    detector = WordDetector()
    texts = (f"article {i}: traitors" for i in range(5))  # a generator: consumed lazily
    analyses = list(Pipeline(detector).pipe(texts, batch_size=2))
    assert [a.document.text for a in analyses] == [f"article {i}: traitors" for i in range(5)]
    assert detector.batches == [2, 2, 1]


def test_pipeline_pipe_is_lazy():
    detector = WordDetector()

    def endless():
        i = 0
        while True:
            yield f"text {i} traitors"
            i += 1

    stream = Pipeline(detector).pipe(endless(), batch_size=3)
    assert next(stream).document.text == "text 0 traitors"
    assert detector.batches == [3]


def test_pipeline_refuses_what_is_not_text():
    with pytest.raises(InputError, match="expected a text"):
        Pipeline(WordDetector())(["a list", "of texts"])
    with pytest.raises(EmptyTextError):
        Pipeline(WordDetector())("   ")
    with pytest.raises(InputError, match="batch_size"):
        list(Pipeline(WordDetector()).pipe(["x"], batch_size=0))


def test_pipeline_accepts_a_document_unchanged_but_for_its_detected_language():
    document = Document(id="mine", text="no traitors here", title="T")
    analysis = Pipeline(WordDetector())(document)
    assert analysis.document == replace(document, language="en") and len(analysis.spans) == 1


def test_pipeline_keeps_a_language_given_with_the_document():
    document = Document(id="mine", text="no traitors here", language="uk")
    assert Pipeline(WordDetector())(document).document is document


def test_with_voices_reports_quotes_without_spans(quoted_putin):
    analysis = with_voices(Analysis(Document(id="d", text=TEXT)))
    assert analysis.spans == () and analysis.quotes == (quoted_putin,)


def test_analyze_refuses_a_list_with_a_spinscope_error():
    with pytest.raises(spinscope.SpinscopeError):
        spinscope.analyze(["one", "two"], detector="lexicon")


def test_load_gives_a_pipeline_over_a_shipped_detector():
    loaded = spinscope.load("lexicon")
    assert isinstance(loaded, spinscope.Pipeline) and loaded.name == "lexicon"
    analysis = loaded('These traitors will destroy our great nation. "The traitors lie," Ann Lee said.')
    assert {(span.voice, span.speaker) for span in analysis.spans} == {("outlet", None), ("quoted", "Ann Lee")}


def test_analysis_in_voice_filters_spans():
    spans = (Span(0, 3, "doubt", voice="quoted", speaker="A"), Span(4, 7, "doubt"))
    analysis = Analysis(Document(id="d", text="abc def"), spans)
    assert [s.start for s in analysis.in_voice("quoted").spans] == [0]
    assert [s.start for s in analysis.in_voice("outlet").spans] == [4]
    assert analysis.in_voice("all") == analysis


def test_span_refuses_an_unknown_voice():
    with pytest.raises(spinscope.SpinscopeError, match="voice"):
        Span(0, 3, "doubt", voice="editor")


def test_load_passes_the_thread_count_to_the_encoder():
    from spinscope.detector.routing import ENGLISH_DETECTOR

    assert spinscope.load(ENGLISH_DETECTOR, threads=1).detector.workers == 1
    assert spinscope.load(ENGLISH_DETECTOR, threads=2).detector.workers == 2
    assert spinscope.load(threads=1).detector.detector_for("en").workers == 1  # auto, the default
    with pytest.raises(InputError, match="threads"):
        spinscope.load(threads=0)
