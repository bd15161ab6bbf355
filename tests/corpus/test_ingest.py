"""``corpus add`` stores all of its rows or none; ``skip_bad`` lists the bad rows and stores the rest."""

from __future__ import annotations

import json

import pytest

from spinscope import corpus
from spinscope.corpus.store import Store
from spinscope.errors import InputTooLargeError, SourceError
from spinscope.io.corpus_sources import SourceOptions

GOOD_ROWS = 600
BAD_LINE = 601  # past the first 500 rows, where the old add had committed a chunk


def write_jsonl(path, bad_line: int = BAD_LINE, bad: str = '{"text": "broken', rows: int = GOOD_ROWS):
    """``rows`` good articles, with ``bad`` as line ``bad_line`` (so the file has rows + 1 lines)."""
    lines = [json.dumps({"text": f"Article {i} about traitors.", "outlet": "Herald"}) for i in range(rows)]
    lines.insert(bad_line - 1, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_add_bad_row_stores_nothing_and_names_file_and_line(tmp_path):
    source = write_jsonl(tmp_path / "news.jsonl")
    with Store(tmp_path / "c.db") as store:
        corpus.add(store, [str(write_jsonl(tmp_path / "old.jsonl", rows=3, bad='{"text": "old one"}'))])
        with pytest.raises(SourceError, match=rf"news\.jsonl, line {BAD_LINE}: not valid JSON"):
            corpus.add(store, [str(source)])
        assert store.count_documents() == 4


def test_add_bad_row_in_a_later_source_stores_nothing_from_earlier_ones(tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", rows=5, bad='{"text": "fine too"}')
    second = tmp_path / "second.csv"
    second.write_text("text,outlet\nGood one,Herald\nToo,many,fields\n", encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        with pytest.raises(SourceError, match=r"second\.csv, line 3: more fields"):
            corpus.add(store, [str(first), str(second)])
        assert store.count_documents() == 0


def test_add_skip_bad_stores_the_good_rows_and_lists_the_bad_one(tmp_path):
    source = write_jsonl(tmp_path / "news.jsonl")
    with Store(tmp_path / "c.db") as store:
        result = corpus.add(store, [str(source)], SourceOptions(skip_bad=True))
        assert store.count_documents() == GOOD_ROWS
    assert (result.read, result.added) == (GOOD_ROWS + 1, GOOD_ROWS)
    (failure,) = result.failures
    assert failure.origin == f"{source}, line {BAD_LINE}" and "not valid JSON" in failure.message


def test_add_skip_bad_skips_a_bad_csv_row(tmp_path):
    source = tmp_path / "news.csv"
    source.write_text("text,outlet\nGood one,Herald\nToo,many,fields\nAnother,Courier\n", encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        result = corpus.add(store, [str(source)], SourceOptions(skip_bad=True))
    assert result.added == 2 and [f.origin for f in result.failures] == [f"{source}, line 3"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_add_non_finite_metadata_is_a_bad_row(tmp_path, value):
    source = write_jsonl(tmp_path / "news.jsonl", bad_line=2, bad=f'{{"text": "Odd one.", "title": {value}}}', rows=2)
    with Store(tmp_path / "c.db") as store:
        with pytest.raises(SourceError, match=r"news\.jsonl, line 2: the 'title' field"):
            corpus.add(store, [str(source)])
        result = corpus.add(store, [str(source)], SourceOptions(skip_bad=True))
    assert result.added == 2 and [f.origin for f in result.failures] == [f"{source}, line 2"]


def test_add_max_chars_refuses_a_long_row_naming_file_and_line(tmp_path):
    source = write_jsonl(tmp_path / "news.jsonl", bad_line=3, bad=json.dumps({"text": "word " * 40}), rows=4)
    with Store(tmp_path / "c.db") as store:
        with pytest.raises(InputTooLargeError, match=r"news\.jsonl, line 3: the text has 200 characters, over the limit of 100"):
            corpus.add(store, [str(source)], SourceOptions(max_chars=100))
        assert store.count_documents() == 0
        result = corpus.add(store, [str(source)], SourceOptions(max_chars=100, skip_bad=True))
        assert result.added == 4 and [f.origin for f in result.failures] == [f"{source}, line 3"]
        assert corpus.add(store, [str(source)], SourceOptions(max_chars=200)).added == 1


def test_add_max_chars_names_the_text_file(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "short.txt").write_text("Short.", encoding="utf-8")
    (folder / "long.txt").write_text("x" * 50, encoding="utf-8")
    (folder / "huge.txt").write_text("y" * 500, encoding="utf-8")  # over 4 bytes per allowed character
    with Store(tmp_path / "c.db") as store:
        with pytest.raises(InputTooLargeError, match=r"huge\.txt"):
            corpus.add(store, [str(folder)], SourceOptions(max_chars=40))
        result = corpus.add(store, [str(folder)], SourceOptions(max_chars=40, skip_bad=True))
        assert store.count_documents() == 1
    assert sorted(f.origin.rsplit("/", 1)[-1] for f in result.failures) == ["huge.txt", "long.txt"]
