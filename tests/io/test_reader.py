"""The one input reader: one article-file rule, one PTC-folder rule, one id rule, for every caller."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest

from spinscope.document import Analysis, content_id
from spinscope.errors import BinaryInputError, EncodingError, InputError, SpinscopeError
from spinscope.io.corpus_sources import read_source as corpus_read_source
from spinscope.io.folders import article_files, document_id, is_ptc_folder
from spinscope.io.reader import SourceOptions, from_text, read, read_documents
from spinscope.io.records import Record
from spinscope.io.sources import read_source as analyze_read_source
from spinscope.io.text import check_text, decode, read_stream
from spinscope.pipeline import load
from tests.support.http import ARTICLE_HTML
from tests.support.ptc import write_ptc


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def news_folder(tmp_path) -> Path:
    folder = tmp_path / "news"
    write(folder / "b.txt", "The traitors lied again.")
    write(folder / "a.md", "A shameful and barbaric attack.")
    write(folder / "world" / "c.html", ARTICLE_HTML)
    write(folder / "README.md", "How this folder was collected.")
    write(folder / "LICENSE.txt", "Some licence text.")
    write(folder / ".hidden.txt", "Not an article.")
    write(folder / ".cache" / "d.txt", "Not an article either.")
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    return folder


def test_read_folder_analyze_and_corpus_add_give_the_same_documents_and_ids(news_folder):
    analysed = analyze_read_source(str(news_folder))
    added = [item.document for item in corpus_read_source(str(news_folder))]
    assert [(d.id, d.title, d.text) for d in analysed] == [(d.id, d.title, d.text) for d in added]
    assert [d.title for d in analysed] == ["a", "b", "Crisis deepens"]
    assert analysed[0].id == content_id("A shameful and barbaric attack.")


def test_article_files_skip_readme_license_and_hidden_files(news_folder):
    names = [p.relative_to(news_folder).as_posix() for p in article_files(news_folder)]
    assert names == ["a.md", "b.txt", "world/c.html"]


def test_is_ptc_folder_mixed_folder_with_one_article_file_is_not_ptc(tmp_path):
    write(tmp_path / "article123.txt", "Headline\n\nThe traitors lied.")
    for name in ("story.txt", "other.txt", "notes.md"):
        write(tmp_path / name, f"The text of {name}.")
    assert not is_ptc_folder(tmp_path)
    documents = read_documents(str(tmp_path))
    assert len(documents) == 4 and all(d.id == content_id(d.text) for d in documents)


def test_is_ptc_folder_accepts_articles_subfolder_and_bare_article_folder(tmp_path):
    write_ptc(tmp_path / "ptc", {"1": "One."}, labels=[])
    write(tmp_path / "ptc" / "README.md", "About the data.")
    write(tmp_path / "bare" / "article2.txt", "Two.")
    write(tmp_path / "nested" / "articles" / "article3.txt", "Three.")
    write(tmp_path / "nested" / "extra" / "story.txt", "Four.")
    assert is_ptc_folder(tmp_path / "ptc") and is_ptc_folder(tmp_path / "bare")
    assert not is_ptc_folder(tmp_path / "nested")
    assert [d.id for d in read_documents(str(tmp_path / "ptc"))] == ["1"]


def test_document_id_is_the_ptc_id_only_for_ptc_articles():
    assert document_id("Some text.", Path("article42.txt")) == "42"
    assert document_id("Some text.") == content_id("Some text.")


def test_read_ptc_folder_with_a_bad_article_raises_naming_it(tmp_path):
    write_ptc(tmp_path, {"1": "Fine words.", "2": "Caf\xe9".encode("latin-1"), "3": "More fine words."})
    with pytest.raises(EncodingError, match="article2.txt: cannot decode as utf-8"):
        read_documents(str(tmp_path))
    first, bad, third = read(str(tmp_path))  # corpus add: the bad one is kept with its problem, the rest read
    assert isinstance(bad, Record) and "article2.txt" in bad.problem and bad.document.id == "2"
    assert first.problem is None and third.problem is None


def test_read_lenient_keeps_a_text_with_nul_as_a_problem_record(tmp_path):
    write(tmp_path / "rows.jsonl", '{"text": "Good words."}\n{"text": "Bad\\u0000words"}\n{"text": "\\ud800"}\n')
    good, nul, surrogate = read(str(tmp_path / "rows.jsonl"))
    assert good.problem is None
    assert "NUL" in nul.problem and "\x00" not in nul.document.text and nul.document.id == content_id("Badwords")
    assert "surrogate" in surrogate.problem and surrogate.document.text.encode("utf-8")
    with pytest.raises(BinaryInputError, match="line 2"):
        read_documents(str(tmp_path / "rows.jsonl"))


def test_decode_refuses_nul_after_8kb():
    data = b"word " * 2000 + b"\x00" + b" more"
    with pytest.raises(BinaryInputError, match="NUL byte at byte 10,000"):
        decode(data, "input")
    assert decode("\ufeffhello".encode("utf-16"), "input", "utf-16") == "\ufeffhello"


def test_check_text_refuses_nul_and_lone_surrogates():
    with pytest.raises(BinaryInputError, match="NUL character"):
        check_text("fine" * 3000 + "\x00", "text")
    with pytest.raises(InputError, match="lone surrogate .U\\+D800 at character 4"):
        from_text("fine\ud800 text")


def test_source_options_refuse_an_unknown_encoding():
    from spinscope.errors import ConfigError

    for encoding in ("klingon", "rot13", "base64"):
        with pytest.raises(ConfigError, match="unknown encoding"):
            SourceOptions(encoding=encoding)


# --- property: whatever text or bytes come in, the input layer and the pipeline give either an analysis
# whose every span's text is ``text[start:end]``, or a spinscope error, never anything else.

# Hypothesis and the lexicon pipeline are set up in the tests, not when the module is collected.
WORDS = ["traitors", "shameful", "barbaric", "our great nation", "the", "\r\n", " ",
         "\ufeff", "\x00", "\u2028", "“", "”", "said", "é"]


@pytest.fixture(scope="module")
def pipeline():
    return load("lexicon")


def texts():
    """A strategy: any text, or runs of the words above (BOM, NUL, CRLF, line separator among them)."""
    from hypothesis import strategies as st

    return st.one_of(st.text(st.characters(exclude_categories=())), st.lists(st.sampled_from(WORDS)).map("".join))


def property_settings():
    from hypothesis import HealthCheck, settings

    return settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_exact_spans(analysis: Analysis) -> None:
    text = analysis.document.text
    for span in analysis.to_dict()["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert all(0 <= s.start < s.end <= len(text) for s in analysis.spans)


def test_from_text_arbitrary_text_gives_exact_spans_or_a_spinscope_error(pipeline):
    from hypothesis import given
    from hypothesis import strategies as st

    @property_settings()
    @given(text=texts(), max_chars=st.sampled_from([5, 1000]))
    def check(text, max_chars):
        try:
            document = from_text(text, max_chars=max_chars)
        except SpinscopeError:
            return
        [analysis] = pipeline.predict([document])
        assert analysis.document.text == text
        assert_exact_spans(analysis)

    check()


def test_read_arbitrary_bytes_gives_exact_spans_or_a_spinscope_error(pipeline):
    from hypothesis import given
    from hypothesis import strategies as st

    data_strategy = st.one_of(st.binary(), texts().map(lambda t: t.encode("utf-8", "surrogatepass")),
                              texts().map(lambda t: t.encode("utf-16", "surrogatepass")))

    @property_settings()
    @given(data=data_strategy, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
    def check(data, encoding):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "article.txt"
            path.write_bytes(data)
            try:
                documents = read_documents(str(path), SourceOptions(kind="text", encoding=encoding, max_chars=2000))
            except SpinscopeError:
                documents = []
            for analysis in pipeline.predict(documents):
                assert_exact_spans(analysis)
        try:
            document = read_stream(io.BytesIO(data), encoding=encoding, max_chars=2000)
        except SpinscopeError:
            return
        assert_exact_spans(pipeline.predict([document])[0])

    check()


@pytest.mark.parametrize("text", ["fine\ud800", "\x00", "", "x" * 3])
def test_from_text_refusals_are_spinscope_errors(text):
    with pytest.raises(SpinscopeError):
        from_text(text, max_chars=2)
