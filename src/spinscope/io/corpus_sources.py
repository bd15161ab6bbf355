"""Corpus sources: what ``spinscope corpus add`` can read, and how it tells them apart.

A source is a PTC folder, a folder of text files, a single text or HTML file, a JSONL
or CSV file, or a file listing URLs. ``read_source`` yields records (and failures, for URLs
and pages that gave nothing); files that cannot be decoded or are empty still become
records, with the problem noted, so that the analysis step records it as that document's
error. The outlet comes from each JSONL/CSV row (its outlet column), from the site name or
else the domain of a web page (URL lists, HTML files: ``outlets.outlet_of``), and from
``--outlet`` for sources that name none (plain folders, text files, PTC).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import ConfigError, MissingInputError, SpinscopeError
from spinscope.io import ptc
from spinscope.io.fetch import FetchPolicy
from spinscope.io.html import html_to_document
from spinscope.io.jsonl import read_jsonl
from spinscope.io.records import Columns, Failure, Record, first_line, record_from_text
from spinscope.io.tabular import read_csv
from spinscope.io.text import MAX_CHARS, TEXT_SUFFIXES, decode, read_bytes
from spinscope.io.urls import URL_LIST_SUFFIXES, looks_like_url_list, read_url_list

KINDS = ("auto", "ptc", "folder", "text", "html", "jsonl", "csv", "urls")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class SourceOptions:
    """How to read sources: the kind (or ``auto``), column names, a default outlet, encoding,
    and for URL lists the time per URL and whether private addresses may be fetched."""

    kind: str = "auto"
    columns: Columns = Columns()
    outlet: str | None = None
    encoding: str = "utf-8"
    timeout: float = 15.0
    allow_private_urls: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ConfigError(f"unknown source kind {self.kind!r}; use one of {', '.join(KINDS)}")


def detect_kind(path: Path) -> str:
    """The kind of source a path holds, from its shape and file name."""
    if path.is_dir():
        has_ptc = (path / "articles").is_dir() or any(path.glob("article*.txt"))
        return "ptc" if has_ptc else "folder"
    if not path.exists():
        raise MissingInputError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in URL_LIST_SUFFIXES or looks_like_url_list(path):
        return "urls"
    return "text"


def read_text_record(path: Path, encoding: str) -> Record:
    """One text file; bytes that do not decode are kept (replaced) with the problem noted."""
    data = read_bytes(path, MAX_CHARS)
    try:
        return record_from_text(decode(data, str(path), encoding), origin=str(path), title=path.stem)
    except SpinscopeError as error:
        text = data.decode(encoding, errors="replace").replace("\x00", "")
        return record_from_text(text, origin=str(path), problem=str(error), title=path.stem)


def read_html_record(path: Path, encoding: str) -> Record | Failure:
    """One saved web page: its article text, title, date and outlet (site name, else domain)."""
    try:
        html = decode(read_bytes(path, MAX_CHARS * 10), str(path), encoding)
        document = html_to_document(html, source=str(path))
    except SpinscopeError as error:
        return Failure(str(path), str(error))
    return record_from_text(document.text, origin=str(path), title=document.title or path.stem,
                            outlet=document.outlet, published=document.published)


def read_folder(folder: Path, encoding: str) -> Iterator[Record]:
    """Every text file under a folder (.txt, .text, .md), in name order."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    if not paths:
        raise MissingInputError(f"{folder}: no text files ({', '.join(TEXT_SUFFIXES)}) in this folder")
    for path in paths:
        yield read_text_record(path, encoding)


def read_ptc(folder: Path) -> Iterator[Record]:
    """A PTC folder's articles; the title is the article's first line (its headline)."""
    for document in ptc.read_articles(folder):
        yield record_from_text(document.text, origin=f"{folder}/article{document.id}.txt",
                               title=first_line(document.text))


def _read(path: Path, kind: str, options: SourceOptions) -> Iterator[Record | Failure]:
    if kind == "ptc":
        return read_ptc(path)
    if kind == "folder":
        return read_folder(path, options.encoding)
    if kind == "jsonl":
        return read_jsonl(path, options.columns, _sig(options.encoding))
    if kind == "csv":
        return read_csv(path, options.columns, _sig(options.encoding))
    if kind == "html":
        return iter([read_html_record(path, options.encoding)])
    if kind == "urls":
        return read_url_list(path, FetchPolicy(allow_private=options.allow_private_urls,
                                               deadline_s=options.timeout))
    return iter([read_text_record(path, options.encoding)])


def _sig(encoding: str) -> str:
    """Tabular files may start with a byte-order mark; for UTF-8, skip it."""
    return "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def read_source(source: str | Path, options: SourceOptions = SourceOptions()) -> Iterator[Record | Failure]:
    """Every record of one source; ``options.outlet`` fills in the outlet where none is given."""
    path = Path(source)
    kind = detect_kind(path) if options.kind == "auto" else options.kind
    for item in _read(path, kind, options):
        if isinstance(item, Record) and options.outlet and not item.document.outlet:
            document = dataclasses.replace(item.document, outlet=options.outlet)
            item = dataclasses.replace(item, document=document)
        yield item
