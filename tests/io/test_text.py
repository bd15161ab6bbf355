"""Text input and the errors for bad input."""

from __future__ import annotations

import io

import pytest

from spinscope.document import content_id
from spinscope.errors import (BinaryInputError, ConfigError, EmptyTextError, EncodingError,
                              InputTooLargeError, MissingInputError)
from spinscope.io.sources import read_text_file
from spinscope.io.text import check_text, read_stream


def test_read_text_file_keeps_text_exactly(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("\ufeffLine one\r\nLine two – ok".encode("utf-8"))
    document = read_text_file(path)
    assert document.id == content_id(document.text) and document.title == "story"
    assert document.text == "\ufeffLine one\r\nLine two – ok"


def test_read_text_file_missing(tmp_path):
    with pytest.raises(MissingInputError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")


def test_read_text_file_binary(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryInputError, match="binary"):
        read_text_file(path)


def test_read_text_file_undecodable_names_the_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    with pytest.raises(EncodingError, match="cannot decode as utf-8") as raised:
        read_text_file(path)
    assert raised.value.encoding == "utf-8" and raised.value.position == 3 and "--" not in str(raised.value)
    assert read_text_file(path, encoding="latin-1").text == "Caf\xe9 cr\xe8me"


def test_read_text_file_unknown_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown encoding 'klingon'"):
        read_text_file(path, encoding="klingon")


def test_read_text_file_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(EmptyTextError, match="empty"):
        read_text_file(path)


def test_check_text_enforces_the_size_limit():
    with pytest.raises(InputTooLargeError, match="11 characters, over the limit of 10"):
        check_text("x" * 11, "input", max_chars=10)
    assert check_text("x" * 10, "input", max_chars=10) == "x" * 10


def test_read_stream_gives_content_hash_id():
    document = read_stream(io.BytesIO("They lie.".encode("utf-8")))
    assert document.text == "They lie." and len(document.id) == 16
    with pytest.raises(EmptyTextError):
        read_stream(io.BytesIO(b""))
