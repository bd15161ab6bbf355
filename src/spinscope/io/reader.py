"""The one input reader: ``read(source, options)`` turns what a user gave (a path, a URL, ``-``)
into records, for ``spinscope analyze``, ``spinscope corpus add`` and the web alike.

A source is ``-`` (standard input), an http(s) URL, a PTC folder, a folder of article
files, a text or HTML file, a JSONL or CSV file, or a file listing URLs. Which files of a
folder are articles, when a folder is a PTC folder and what id a document gets are
decided in ``spinscope.io.folders``; every text passes ``check_text``.

``options.strict`` says what happens to an item that cannot be used. Strict (``analyze``,
``read_documents``): its error is raised, naming it, and nothing is read after it.
Lenient (``corpus add``): a file that was read but whose text cannot be used (bytes in
the wrong encoding, empty, too long, NUL) becomes a record with ``problem`` set, so the
store keeps it and the analysis step records the problem; an item that gave no text
(missing, too large to read, an unreachable URL, a page with no article) becomes a
``Failure``. A malformed JSONL or CSV row ends its source with a ``SourceError`` unless
``skip_bad`` is set (``corpus add --skip-bad``): then it is a ``Failure`` and the rest is read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spinscope.document import Document, content_id
from spinscope.errors import (BinaryInputError, ConfigError, EncodingError, InputError,
                              MissingInputError, SpinscopeError)
from spinscope.io.deadline import Deadline
from spinscope.io.fetch_policy import FetchPolicy
from spinscope.io.folders import (ARTICLE_SUFFIXES, HTML_SUFFIXES, PTC_ARTICLE, article_files,
                                  document_id, ptc_articles_folder)
from spinscope.io.records import Columns, Failure, Record, first_line
from spinscope.io.text import MAX_CHARS, check_encoding, check_text, decode, read_bytes, read_stream
from spinscope.io.urls import URL_LIST_SUFFIXES, looks_like_url_list, read_url_list

KINDS = ("auto", "ptc", "folder", "text", "html", "jsonl", "csv", "urls", "url", "stdin")
HTML_BYTES_PER_CHAR = 10
"""An HTML page may be this many times the character limit (markup around the article)."""


@dataclass(frozen=True)
class SourceOptions:
    """How to read sources: the kind (or ``auto``), column names, a default outlet, the encoding,
    for URLs the time per URL and whether private addresses may be fetched, the limit on one
    document's characters, whether an unusable item raises (``strict``) or is reported, and
    whether a malformed JSONL or CSV row is skipped as a ``Failure`` (``skip_bad``) rather than
    ending its source with an error."""

    kind: str = "auto"
    columns: Columns = Columns()
    outlet: str | None = None
    encoding: str = "utf-8"
    timeout: float = 15.0
    allow_private_urls: bool = False
    max_chars: int = MAX_CHARS
    strict: bool = False
    skip_bad: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ConfigError(f"unknown source kind {self.kind!r}; use one of {', '.join(KINDS)}")
        if self.max_chars < 1 or not self.timeout > 0:
            raise ConfigError("sources: need max_chars >= 1 and timeout > 0")
        check_encoding(self.encoding)

    def policy(self) -> FetchPolicy:
        return FetchPolicy(allow_private=self.allow_private_urls, deadline_s=self.timeout)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def detect_kind(source: str | Path) -> str:
    """The kind of source: from its form (``-``, a URL), its shape (folders) and its file name."""
    text = str(source)
    if text == "-":
        return "stdin"
    if isinstance(source, str) and is_url(source):
        return "url"
    path = Path(source)
    if path.is_dir():
        return "ptc" if ptc_articles_folder(path) is not None else "folder"
    if not path.exists():
        raise MissingInputError(f"{source}: no such file or folder (for a web page give a full http(s) URL)",
                                source=text)
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


def from_text(text: str, source: str = "text", max_chars: int = MAX_CHARS, **metadata: str | None) -> Document:
    """A checked text (the web's ``text``, a string) as a document with the content-hash id."""
    return Document(id=document_id(check_text(text, source, max_chars)), text=text, **metadata)


def from_html(html: str, source: str = "HTML", max_chars: int = MAX_CHARS, url: str | None = None,
              deadline: Deadline | None = None) -> Document:
    """The article in an HTML page (the web's ``html``, an HTML file) as a document."""
    from spinscope.io.html import html_to_document  # extraction: only for HTML

    return html_to_document(html, url=url, max_chars=max_chars, source=source, deadline=deadline)


def from_url(url: str, policy: FetchPolicy = FetchPolicy(), max_chars: int = MAX_CHARS,
             deadline: Deadline | None = None) -> Document:
    """The article at a URL (fetched under ``policy``, by ``deadline``) as a document."""
    from spinscope.io.web import fetch_document

    return fetch_document(url, policy, max_chars, deadline)


def _record(text: str, origin: str, problem: str | None = None, ptc_article: Path | None = None,
            **metadata: str | None) -> Record:
    metadata = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in metadata.items()}
    return Record(Document(id=document_id(text, ptc_article), text=text, **metadata), origin, problem)


def _text_file(path: Path, options: SourceOptions, ptc: bool) -> Record:
    data = read_bytes(path, options.max_chars)
    try:
        text, problem = decode(data, str(path), options.encoding), None
    except (EncodingError, BinaryInputError) as error:
        if options.strict:
            raise
        text, problem = data.decode(options.encoding, errors="replace"), str(error)
    title = first_line(text) if ptc else path.stem
    return _record(text, str(path), problem, ptc_article=path if ptc else None, title=title)


def _html_file(path: Path, options: SourceOptions) -> Record:
    html = decode(read_bytes(path, options.max_chars * HTML_BYTES_PER_CHAR), str(path), options.encoding)
    document = from_html(html, str(path), options.max_chars)
    return Record(dataclasses.replace(document, title=document.title or path.stem), str(path))


def _file_item(path: Path, options: SourceOptions, ptc: bool = False) -> Record | Failure:
    try:
        if path.suffix.lower() in HTML_SUFFIXES and not ptc:
            return _html_file(path, options)
        return _text_file(path, options, ptc)
    except SpinscopeError as error:
        if options.strict:
            raise
        return Failure(str(path), str(error), error)


def _ptc_files(folder: Path) -> list[Path]:
    articles = ptc_articles_folder(folder)
    if articles is not None:
        return article_files(articles)
    articles = folder / "articles" if (folder / "articles").is_dir() else folder
    paths = sorted(p for p in articles.glob("article*.txt") if PTC_ARTICLE.match(p.name))
    if not paths:
        raise MissingInputError(f"{folder}: no article<ID>.txt files here or in articles/", source=str(folder))
    return paths


def _folder_files(folder: Path) -> list[Path]:
    paths = article_files(folder)
    if not paths:
        raise MissingInputError(f"{folder}: no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder "
                                "or below", source=str(folder))
    return paths


def _one(make, origin: str, options: SourceOptions) -> Iterator[Record | Failure]:
    """The record ``make()`` builds, or (lenient) a Failure for its error."""
    try:
        yield make()
    except SpinscopeError as error:
        if options.strict:
            raise
        yield Failure(origin, str(error), error)


def _sig(encoding: str) -> str:
    """Tabular files may start with a byte-order mark; for UTF-8, skip it."""
    return "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def _items(source: str | Path, kind: str, options: SourceOptions) -> Iterator[Record | Failure]:
    path = Path(source)
    if kind == "stdin":
        return _one(lambda: Record(read_stream(encoding=options.encoding, max_chars=options.max_chars), "stdin"),
                    "stdin", options)
    if kind == "url":
        url = str(source)
        return _one(lambda: Record(from_url(url, options.policy(), options.max_chars), url), url, options)
    if kind == "html":
        return _one(lambda: _html_file(path, options), str(path), options)
    if kind == "ptc":
        return (_file_item(p, options, ptc=True) for p in _ptc_files(path))
    if kind == "folder":
        return (_file_item(p, options) for p in _folder_files(path))
    if kind == "jsonl":
        from spinscope.io.jsonl import read_jsonl

        return read_jsonl(path, options.columns, _sig(options.encoding), options.skip_bad)
    if kind == "csv":
        from spinscope.io.tabular import read_csv

        return read_csv(path, options.columns, _sig(options.encoding), skip_bad=options.skip_bad)
    if kind == "urls":
        return read_url_list(path, options.policy())
    return iter([_file_item(path, options)])


def _clean(text: str) -> str:
    """A text that can be stored: NUL removed, lone surrogates replaced."""
    return text.replace("\x00", "").encode("utf-8", errors="replace").decode("utf-8")


def _checked(record: Record, options: SourceOptions) -> Record:
    """The record, its text checked; lenient: a problem noted (and the text made storable) instead of raised."""
    problem = record.problem
    try:
        check_text(record.document.text, record.origin, options.max_chars)
    except InputError as error:
        if options.strict:
            raise
        problem = problem or str(error)
    if problem is None:
        return record
    document, text = record.document, _clean(record.document.text)
    if text != document.text:
        hashed = document.id == content_id(document.text)
        document = dataclasses.replace(document, text=text, id=content_id(text) if hashed else document.id)
    return dataclasses.replace(record, document=document, problem=problem)


def read(source: str | Path, options: SourceOptions = SourceOptions()) -> Iterator[Record | Failure]:
    """Every record of one source, in order; ``options.outlet`` fills in the outlet where none is given.
    What an unusable item does depends on ``options.strict`` (see the module docstring)."""
    kind = detect_kind(source) if options.kind == "auto" else options.kind
    for item in _items(source, kind, options):
        if isinstance(item, Failure):
            if options.strict:
                raise item.error or InputError(f"{item.origin}: {item.message}", source=item.origin)
            yield item
            continue
        item = _checked(item, options)
        if options.outlet and not item.document.outlet:
            item = dataclasses.replace(item, document=dataclasses.replace(item.document, outlet=options.outlet))
        yield item


def read_documents(source: str | Path, options: SourceOptions = SourceOptions()) -> list[Document]:
    """The documents of one source, read strictly: the first unusable item raises its error."""
    options = dataclasses.replace(options, strict=True)
    return [item.document for item in read(source, options) if isinstance(item, Record)]
