"""One place that turns what a user typed (a path, a URL, ``-``) into documents."""

from __future__ import annotations

from pathlib import Path

from spinscope.document import Document
from spinscope.errors import InputError, MissingInputError
from spinscope.io import ptc
from spinscope.io.html import html_to_document
from spinscope.io.text import MAX_CHARS, TEXT_SUFFIXES, decode, read_bytes, read_stream, read_text_file
from spinscope.io.web import FetchPolicy, fetch_document

HTML_SUFFIXES = (".html", ".htm")


def read_html_file(path: Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    html = decode(read_bytes(path, max_chars * 10), str(path), encoding)
    document = html_to_document(html, max_chars=max_chars, source=str(path))
    return Document(id=path.stem, text=document.text, title=document.title or path.stem,
                    outlet=document.outlet, published=document.published)


def read_file(path: Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> Document:
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_file(path, encoding, max_chars)
    return read_text_file(path, encoding, max_chars)


def read_folder(folder: Path, encoding: str = "utf-8", max_chars: int = MAX_CHARS) -> list[Document]:
    """A PTC folder (``articles/article*.txt``) or a folder of .txt and .html files."""
    if (folder / "articles").is_dir():
        return ptc.read_articles(folder)
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    if not paths:
        raise InputError(f"{folder}: no .txt or .html files in this folder")
    return [read_file(p, encoding, max_chars) for p in paths]


def read_source(source: str, encoding: str = "utf-8", max_chars: int = MAX_CHARS,
                policy: FetchPolicy = FetchPolicy()) -> list[Document]:
    """Documents from ``-`` (stdin), an http(s) URL (fetched under ``policy``), a folder, an HTML
    file or a text file."""
    if source == "-":
        return [read_stream(encoding=encoding, max_chars=max_chars)]
    if source.startswith(("http://", "https://")):
        return [fetch_document(source, policy, max_chars=max_chars)]
    path = Path(source)
    if path.is_dir():
        return read_folder(path, encoding, max_chars)
    if not path.exists():
        raise MissingInputError(f"{source}: no such file or folder (for a web page give a full http(s) URL)")
    return [read_file(path, encoding, max_chars)]
