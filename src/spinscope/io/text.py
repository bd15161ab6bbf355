"""Plain-text input: files, standard input and folders, with clear errors for bad input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from spinscope.document import Document
from spinscope.errors import (BinaryInputError, EmptyTextError, EncodingError,
                              InputTooLargeError, MissingInputError)

MAX_CHARS = 200_000
"""Default limit on one document's length (about 30,000 words; the longest PTC article has ~10,000 characters)."""

TEXT_SUFFIXES = (".txt", ".text", ".md")


def check_text(text: str, source: str, max_chars: int = MAX_CHARS) -> str:
    """The text unchanged if it is non-empty and within the size limit."""
    if not text.strip():
        raise EmptyTextError(f"{source}: the text is empty; give an article with some words in it")
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"{source}: the text has {len(text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise the limit (--max-chars)"
        )
    return text


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Bytes to text; NUL bytes mean binary data, undecodable bytes name the encoding tried."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError(f"{source}: this looks like a binary file, not text")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"{source}: cannot decode as {encoding} ({error.reason} at byte {error.start}); "
            "give the right encoding with --encoding, e.g. --encoding cp1252"
        ) from None
    except LookupError:
        raise EncodingError(f"{source}: unknown encoding {encoding!r}") from None


def read_bytes(path: Path, max_chars: int) -> bytes:
    if not path.exists():
        raise MissingInputError(f"{path}: no such file")
    if not path.is_file():
        raise MissingInputError(f"{path}: not a file")
    with open(path, "rb") as handle:
        data = handle.read(max_chars * 4 + 1)
    if len(data) > max_chars * 4:
        raise InputTooLargeError(
            f"{path}: the file has over {max_chars * 4:,} bytes, more than the limit of "
            f"{max_chars:,} characters allows; split it or raise the limit (--max-chars)"
        )
    return data


def read_text_file(path: str | Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    """One text file as a document; the id is the file name without its suffix."""
    path = Path(path)
    text = decode(read_bytes(path, max_chars), str(path), encoding)
    return Document(id=path.stem, text=check_text(text, str(path), max_chars), title=path.stem)


def read_stream(stream: BinaryIO | None = None, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    """Standard input (or another byte stream) as one document."""
    stream = stream or sys.stdin.buffer
    data = stream.read(max_chars * 4 + 1)
    if len(data) > max_chars * 4:
        raise InputTooLargeError(
            f"stdin: over {max_chars * 4:,} bytes, more than the limit of {max_chars:,} characters allows"
        )
    text = check_text(decode(data, "stdin", encoding), "stdin", max_chars)
    return Document.from_text(text, title="stdin")
