"""Property: whatever text or bytes come in, the input layer and the pipeline give either an analysis
whose every span's text is ``text[start:end]``, or a spinscope error, never anything else."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinscope.document import Analysis
from spinscope.errors import SpinscopeError
from spinscope.io.reader import SourceOptions, from_text, read_documents
from spinscope.io.text import read_stream
from spinscope.pipeline import load
from spinscope.render.json import analysis_to_dict

PIPELINE = load("lexicon")
WORDS = st.sampled_from(["traitors", "shameful", "barbaric", "our great nation", "the", "\r\n", " ",
                         "\ufeff", "\x00", "\u2028", "“", "”", "said", "é"])
TEXTS = st.one_of(st.text(st.characters(exclude_categories=())), st.lists(WORDS).map("".join))
BYTES = st.one_of(st.binary(), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
                  TEXTS.map(lambda t: t.encode("utf-16", "surrogatepass")))
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_exact_spans(analysis: Analysis) -> None:
    text = analysis.document.text
    for span in analysis_to_dict(analysis)["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert all(0 <= s.start < s.end <= len(text) for s in analysis.spans)


@SETTINGS
@given(text=TEXTS, max_chars=st.sampled_from([5, 1000]))
def test_from_text_arbitrary_text_gives_exact_spans_or_a_spinscope_error(text, max_chars):
    try:
        document = from_text(text, max_chars=max_chars)
    except SpinscopeError:
        return
    [analysis] = PIPELINE.predict([document])
    assert analysis.document.text == text
    assert_exact_spans(analysis)


@SETTINGS
@given(data=BYTES, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
def test_read_arbitrary_bytes_gives_exact_spans_or_a_spinscope_error(data, encoding):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(data)
        try:
            documents = read_documents(str(path), SourceOptions(kind="text", encoding=encoding, max_chars=2000))
        except SpinscopeError:
            documents = []
        for analysis in PIPELINE.predict(documents):
            assert_exact_spans(analysis)
    try:
        document = read_stream(io.BytesIO(data), encoding=encoding, max_chars=2000)
    except SpinscopeError:
        return
    assert_exact_spans(PIPELINE.predict([document])[0])


@pytest.mark.parametrize("text", ["fine\ud800", "\x00", "", "x" * 3])
def test_from_text_refusals_are_spinscope_errors(text):
    with pytest.raises(SpinscopeError):
        from_text(text, max_chars=2)
