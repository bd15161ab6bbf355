"""Plain-text input: bytes to checked text, with errors that carry what a remedy needs.

A text is refused when it is empty, longer than the limit, or holds a NUL character or a
lone surrogate (neither is article text; a lone surrogate cannot even be written out as
UTF-8). Errors name the input; the CLI and the web add how to fix it.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import BinaryIO

from spinscope.document import Document
from spinscope.errors import (BinaryInputError, ConfigError, EmptyTextError, EncodingError,
                              InputError, InputTooLargeError, MissingInputError)

MAX_CHARS = 200_000
"""Default limit on one document's length (about 30,000 words; the longest PTC article has ~10,000 characters)."""

TEXT_SUFFIXES = (".txt", ".text", ".md")
BYTES_PER_CHAR = 4
"""A file or stream may have this many bytes per allowed character (UTF-8's widest)."""
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_encoding(encoding: str) -> str:
    """The encoding if Python can decode text with it; anything else raises ConfigError."""
    try:
        text_encoding = getattr(codecs.lookup(encoding), "_is_text_encoding", True)
    except (LookupError, TypeError, ValueError):
        text_encoding = False
    if not text_encoding:
        raise ConfigError(f"unknown encoding {encoding!r}; give a text encoding such as utf-8 or cp1252")
    return encoding


def check_text(text: str, source: str, max_chars: int = MAX_CHARS) -> str:
    """The text unchanged if it is non-empty, within the size limit, with no NUL and no lone surrogate."""
    if not text.strip():
        raise EmptyTextError(f"{source}: the text is empty; give an article with some words in it", source=source)
    if len(text) > max_chars:
        raise InputTooLargeError(f"{source}: the text has {len(text):,} characters, over the limit of {max_chars:,}",
                                 source=source, size=len(text), limit=max_chars)
    nul = text.find("\x00")
    if nul >= 0:
        raise BinaryInputError(f"{source}: the text holds a NUL character (at character {nul:,}); "
                               "this looks like binary data, not text", source=source)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"{source}: the text holds a lone surrogate (U+{ord(text[error.start]):04X} at character "
                         f"{error.start:,}), which is not valid Unicode text", source=source) from None
    return text


def _wide(data: bytes, encoding: str) -> bool:
    """True for UTF-16/32 data, where NUL bytes are part of ordinary characters."""
    name = encoding.lower().replace("_", "-").replace(" ", "")
    return data.startswith(_WIDE_BOMS) or name.startswith(("utf-16", "utf16", "utf-32", "utf32"))


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Bytes to text; a NUL byte anywhere means binary data, undecodable bytes name the encoding tried."""
    nul = -1 if _wide(data, encoding) else data.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(f"{source}: this looks like a binary file, not text (a NUL byte at byte {nul:,})",
                               source=source)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(f"{source}: cannot decode as {encoding} ({error.reason} at byte {error.start})",
                            source=source, encoding=encoding, position=error.start) from None
    except LookupError:
        raise EncodingError(f"{source}: unknown encoding {encoding!r}", source=source) from None


def _too_many_bytes(source: str, max_chars: int) -> InputTooLargeError:
    limit = max_chars * BYTES_PER_CHAR
    return InputTooLargeError(f"{source}: over {limit:,} bytes, more than the limit of {max_chars:,} characters allows",
                              source=source, size=limit + 1, limit=max_chars, unit="bytes")


def read_bytes(path: Path, max_chars: int) -> bytes:
    """A file's bytes, refused unread past what ``max_chars`` characters can take."""
    if not path.exists():
        raise MissingInputError(f"{path}: no such file", source=str(path))
    if not path.is_file():
        raise MissingInputError(f"{path}: not a file", source=str(path))
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_chars * BYTES_PER_CHAR + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})", source=str(path)) from None
    if len(data) > max_chars * BYTES_PER_CHAR:
        raise _too_many_bytes(str(path), max_chars)
    return data


def read_stream(stream: BinaryIO | None = None, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    """Standard input (or another byte stream) as one document; its id is the hash of its text."""
    stream = stream or sys.stdin.buffer
    data = stream.read(max_chars * BYTES_PER_CHAR + 1)
    if len(data) > max_chars * BYTES_PER_CHAR:
        raise _too_many_bytes("stdin", max_chars)
    text = check_text(decode(data, "stdin", encoding), "stdin", max_chars)
    return Document.from_text(text, title="stdin")
