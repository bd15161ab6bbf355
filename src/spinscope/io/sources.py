"""Documents from what a user typed (a path, a URL, ``-``): ``spinscope.io.reader`` read strictly.

Kept for callers that want a list of documents in one call; the rules (which files of a
folder are articles, PTC folders, ids) are those of ``spinscope.io.folders``.
"""

from __future__ import annotations

from pathlib import Path

from spinscope.document import Document
from spinscope.io.fetch_policy import FetchPolicy
from spinscope.io.folders import HTML_SUFFIXES
from spinscope.io.reader import SourceOptions, read_documents
from spinscope.io.text import MAX_CHARS

__all__ = ["HTML_SUFFIXES", "read_file", "read_folder", "read_source", "read_text_file"]


def _options(kind: str, encoding: str, max_chars: int, policy: FetchPolicy = FetchPolicy()) -> SourceOptions:
    return SourceOptions(kind=kind, encoding=encoding, max_chars=max_chars, strict=True,
                         timeout=policy.deadline_s, allow_private_urls=policy.allow_private)


def read_file(path: Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    """One text or HTML file as a document."""
    kind = "html" if Path(path).suffix.lower() in HTML_SUFFIXES else "text"
    return read_documents(str(path), _options(kind, encoding, max_chars))[0]


def read_text_file(path: str | Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    """One text file as a document: its id is its text's hash, its title the file name without suffix."""
    return read_documents(str(path), _options("text", encoding, max_chars))[0]


def read_folder(folder: Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> list[Document]:
    """A PTC folder's articles, or every article file of a folder (see ``spinscope.io.folders``)."""
    return read_documents(str(folder), _options("auto", encoding, max_chars))


def read_source(source: str, encoding: str = "utf-8", max_chars: int = MAX_CHARS,
                policy: FetchPolicy = FetchPolicy()) -> list[Document]:
    """Documents from ``-`` (stdin), an http(s) URL (fetched under ``policy``), a folder, or a file."""
    return read_documents(source, _options("auto", encoding, max_chars, policy))
