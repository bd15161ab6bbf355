"""Corpus sources: what ``spinscope corpus add`` can read, and how it tells them apart.

A source is a PTC folder, a folder of text files, a single text file, a JSONL or CSV
file, or a file listing URLs. ``read_source`` yields records (and failures, for URLs
that gave nothing, and with ``skip_bad`` for malformed rows and oversized files); files
that cannot be decoded or are empty still become records, with the problem noted, so
that the analysis step records it as that document's error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spinscope.errors import ConfigError, InputTooLargeError, MissingInputError, SpinscopeError
from spinscope.io import ptc
from spinscope.io.fetch import FetchPolicy
from spinscope.io.jsonl import read_jsonl
from spinscope.io.records import Columns, Failure, Record, first_line, record_from_text
from spinscope.io.tabular import read_csv
from spinscope.io.text import MAX_CHARS, TEXT_SUFFIXES, decode, read_bytes
from spinscope.io.urls import URL_LIST_SUFFIXES, looks_like_url_list, read_url_list

KINDS = ("auto", "ptc", "folder", "text", "jsonl", "csv", "urls")


@dataclass(frozen=True)
class SourceOptions:
    """How to read sources: the kind (or ``auto``), column names, a default outlet, encoding,
    for URL lists the time per URL and whether private addresses may be fetched, the longest
    text accepted, and whether bad rows are skipped (as failures) rather than stopping the read."""

    kind: str = "auto"
    columns: Columns = Columns()
    outlet: str | None = None
    encoding: str = "utf-8"
    timeout: float = 15.0
    allow_private_urls: bool = False
    max_chars: int = MAX_CHARS
    skip_bad: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ConfigError(f"unknown source kind {self.kind!r}; use one of {', '.join(KINDS)}")
        if self.max_chars < 1:
            raise ConfigError("the text limit (max_chars) must be at least 1")


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
    if suffix in URL_LIST_SUFFIXES or looks_like_url_list(path):
        return "urls"
    return "text"


def read_text_record(path: Path, encoding: str, max_chars: int = MAX_CHARS) -> Record:
    """One text file; bytes that do not decode are kept (replaced) with the problem noted."""
    data = read_bytes(path, max_chars)
    try:
        return record_from_text(decode(data, str(path), encoding), origin=str(path), title=path.stem)
    except SpinscopeError as error:
        text = data.decode(encoding, errors="replace").replace("\x00", "")
        return record_from_text(text, origin=str(path), problem=str(error), title=path.stem)


def read_folder(folder: Path, encoding: str, max_chars: int = MAX_CHARS,
                skip_bad: bool = False) -> Iterator[Record | Failure]:
    """Every text file under a folder (.txt, .text, .md), in name order; ``skip_bad``: a file
    that cannot be read (too large) becomes a failure."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    if not paths:
        raise MissingInputError(f"{folder}: no text files ({', '.join(TEXT_SUFFIXES)}) in this folder")
    for path in paths:
        try:
            item: Record | Failure = read_text_record(path, encoding, max_chars)
        except InputTooLargeError as error:
            if not skip_bad:
                raise
            item = Failure.of(error, str(path))
        yield item


def read_ptc(folder: Path) -> Iterator[Record]:
    """A PTC folder's articles; the title is the article's first line (its headline)."""
    for document in ptc.read_articles(folder):
        yield record_from_text(document.text, origin=f"{folder}/article{document.id}.txt",
                               title=first_line(document.text))


def _read(path: Path, kind: str, options: SourceOptions) -> Iterator[Record | Failure]:
    if kind == "ptc":
        return read_ptc(path)
    if kind == "folder":
        return read_folder(path, options.encoding, options.max_chars, options.skip_bad)
    if kind == "jsonl":
        return read_jsonl(path, options.columns, _sig(options.encoding), options.skip_bad)
    if kind == "csv":
        return read_csv(path, options.columns, _sig(options.encoding), skip_bad=options.skip_bad)
    if kind == "urls":
        return read_url_list(path, FetchPolicy(allow_private=options.allow_private_urls,
                                               deadline_s=options.timeout))
    return iter([read_text_record(path, options.encoding, options.max_chars)])


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
