"""JSONL corpus files: configurable columns, and errors that name the line."""

from __future__ import annotations

import json

import pytest

from spinscope.document import content_id
from spinscope.errors import SourceError
from spinscope.io.jsonl import read_jsonl
from spinscope.io.records import Columns


def write_lines(path, *lines: str):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_read_jsonl_maps_default_columns_and_hashes_text(tmp_path):
    row = {"text": "Traitors!", "title": "T", "url": "http://x.test/a", "outlet": "Herald",
           "published": "2024-03-01", "extra": [1, 2]}
    path = write_lines(tmp_path / "c.jsonl", json.dumps(row), "", json.dumps({"text": "Heroes."}))
    first, second = read_jsonl(path)
    assert first.document.id == content_id("Traitors!")
    assert (first.document.title, first.document.outlet, first.document.published) == ("T", "Herald", "2024-03-01")
    assert first.origin.endswith("c.jsonl, line 1") and second.origin.endswith("line 3")
    assert second.document.outlet is None


def test_read_jsonl_uses_configured_column_names(tmp_path):
    path = write_lines(tmp_path / "c.jsonl", json.dumps({"body": "Text here.", "source": "Courier", "date": 2024}))
    (record,) = read_jsonl(path, Columns(text="body", outlet="source", published="date"))
    assert (record.document.text, record.document.outlet, record.document.published) == ("Text here.", "Courier", "2024")


@pytest.mark.parametrize("bad_line, message", [
    ('{"text": "unterminated', "line 2: not valid JSON"),
    ('["a", "list"]', "line 2: expected a JSON object"),
    ('{"body": "no text field"}', "line 2: no 'text' field"),
    ('{"text": 42}', "line 2: the 'text' field must be a string"),
    ('{"text": "ok", "outlet": {"nested": 1}}', "line 2: the 'outlet' field must be a string"),
])
def test_read_jsonl_bad_row_names_its_line(tmp_path, bad_line, message):
    path = write_lines(tmp_path / "c.jsonl", json.dumps({"text": "fine"}), bad_line)
    with pytest.raises(SourceError, match=message):
        list(read_jsonl(path))


def test_read_jsonl_undecodable_bytes_name_the_encoding(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9"}\n')
    with pytest.raises(SourceError, match="not utf-8-sig text"):
        list(read_jsonl(path))


def test_read_jsonl_deeply_nested_line_is_a_source_error(tmp_path):
    path = write_lines(tmp_path / "deep.jsonl", '{"text": "fine"}', '{"text": ' + "[" * 200_000 + "]" * 200_000 + "}")
    with pytest.raises(SourceError, match="line 2: the JSON is nested too deeply") as raised:
        list(read_jsonl(path))
    assert raised.value.line == 2
