"""Read-only queries of the corpus explorer: article lists, one article, example spans.

The explorer never writes the store: every connection is opened with SQLite's
``mode=ro`` (and ``query_only``), a fresh one per call, so that web requests on
different threads never share one. It reads what migration 6 added (full-text search,
span tallies, covering indexes), which the store's own writes keep up to date.

Lists are keyset-paginated: a page ends with an opaque cursor naming the sort key and
row id of its last article, and the next page starts strictly after it, so pages stay
stable while articles are added and never cost an OFFSET scan.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from spinscope import techniques
from spinscope.document import Analysis, Document, Span
from spinscope.corpus.store import Store
from spinscope.errors import StoreError
from spinscope.quotes import Quote
from spinscope.corpus.store import DetectorId

EXPLORER_TABLES = ("documents_fts", "analysis_tallies", "span_tallies")
SORTS = ("date", "density")
VOICES = ("outlet", "quoted", "reported")
PAGE_SIZE = 50
MAX_EXAMPLE_SCAN = 2000
"""Spans looked at, strongest first, to find a technique's distinct example phrases."""


@dataclass(frozen=True)
class Filters:
    """Which analysed articles a list shows, and in which order (newest or densest first)."""

    outlet: str | None = None
    technique: str | None = None
    q: str | None = None
    start: date | None = None
    end: date | None = None
    min_score: float | None = None
    voice: str | None = None
    sort: str = "date"
    language: str | None = None  # ISO 639-1, as detected when the article was added


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort key and row id of its last article."""

    key: str | float | None
    rowid: int

    def encode(self) -> str:
        raw = json.dumps([self.key, self.rowid], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str, sort: str) -> Cursor:
    """The cursor a page handed out; ValueError (a bad filter) for anything else."""
    try:
        key, rowid = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, TypeError, binascii.Error):
        raise ValueError("not a cursor this server handed out") from None
    wanted = (str, type(None)) if sort == "date" else (int, float)
    if not isinstance(rowid, int) or isinstance(key, bool) or not isinstance(key, wanted):
        raise ValueError(f"not a cursor of a list sorted by {sort}")
    return Cursor(key, rowid)


@dataclass(frozen=True)
class ArticleRow:
    """One article of a list: what a row of the table and of the CSV shows."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    words: int
    spans: int
    density: float  # spans per 1,000 words
    top_score: float | None
    language: str | None = None


@dataclass(frozen=True)
class ArticlePage:
    articles: tuple[ArticleRow, ...]
    next_cursor: str | None


@dataclass(frozen=True)
class StoredArticle:
    """One article with the chosen detector's spans and quotes (none if it was not analysed)."""

    analysis: Analysis
    status: str  # "ok", "error" or "not analysed"
    error: str | None


@dataclass(frozen=True)
class Example:
    """A distinct phrase flagged with a technique, at its strongest, and the article it is in."""

    text: str
    score: float
    voice: str
    speaker: str | None
    start: int
    end: int
    document_id: str
    title: str | None
    outlet: str | None
    published: str | None


def fts_query(text: str) -> str:
    """The words of a search box as an FTS5 query: each one a quoted phrase, all required."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: SQLite's ``mode=ro`` plus ``query_only``."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    return connection


class Explorer:
    """Read-only queries over one store; ``detector`` fixes whose analyses are shown."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such corpus database; create it with `spinscope corpus add`")
        Store(self.path, "read").close()  # the store's own checks: spinscope's mark, schema version
        try:
            with self.connection() as db:
                names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable SQLite corpus database ({error})") from None
        if "documents" not in names:
            raise StoreError(f"{self.path}: not a spinscope corpus database (no documents table)")
        if missing := [t for t in EXPLORER_TABLES if t not in names]:
            raise StoreError(f"{self.path}: this store predates the explorer (no {', '.join(missing)}); "
                             "upgrade it once with `spinscope corpus upgrade "
                             f"{self.path}`, which adds them")

    def connection(self) -> _Connection:
        return _Connection(self.path)

    def signature(self) -> tuple[int, ...]:
        """Changes whenever the store is written (the file or its write-ahead log)."""
        found = []
        for name in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                stat = name.stat()
                found += [stat.st_mtime_ns, stat.st_size]
            except FileNotFoundError:
                found += [0, 0]
        return tuple(found)

    def detector(self) -> DetectorId | None:
        """The detector whose analyses are shown: the most used one (as ``reporting.choose_detector``)."""
        with self.connection() as db:
            row = db.execute("SELECT detector, detector_version FROM analyses GROUP BY detector,"
                             " detector_version ORDER BY count(*) DESC, max(finished) DESC LIMIT 1").fetchone()
        return DetectorId(*row) if row else None

    def languages(self) -> list[str]:
        """The languages of the stored articles (ISO 639-1), for the list's filter."""
        with self.connection() as db:
            return [r[0] for r in db.execute("SELECT DISTINCT language FROM documents"
                                             " WHERE language IS NOT NULL ORDER BY language")]

    def outlets(self) -> list[str]:
        with self.connection() as db:
            return [r[0] for r in db.execute("SELECT DISTINCT outlet FROM documents"
                                             " WHERE outlet IS NOT NULL ORDER BY outlet")]

    # -- lists ------------------------------------------------------------------------

    def documents(self, detector: DetectorId | None, filters: Filters, cursor: Cursor | None = None,
                  limit: int = PAGE_SIZE) -> ArticlePage:
        """One page of the articles that match ``filters``, after ``cursor``."""
        if detector is None:
            return ArticlePage((), None)
        with self.connection() as db:
            driver = choose_driver(db, filters)
            rows = list(db.execute(*_list_query(detector, filters, cursor, limit + 1, driver)))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = None
        if more:
            last = rows[-1]
            next_cursor = Cursor(last[4] if filters.sort == "date" else last[7], last[10]).encode()
        return ArticlePage(tuple(ArticleRow(*row[:10]) for row in rows), next_cursor)

    def iter_documents(self, detector: DetectorId | None, filters: Filters) -> Iterator[ArticleRow]:
        """Every article that matches ``filters``, in order (for a CSV download), streamed."""
        if detector is None:
            return
        with self.connection() as db:
            for row in db.execute(*_list_query(detector, filters, None, -1, choose_driver(db, filters))):
                yield ArticleRow(*row[:10])

    # -- one article ------------------------------------------------------------------

    def exists(self, document_id: str) -> bool:
        with self.connection() as db:
            return db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None

    def article(self, detector: DetectorId | None, document_id: str) -> StoredArticle | None:
        """An article with the detector's spans and quotes; None when no such article is stored."""
        with self.connection() as db:
            row = db.execute("SELECT id, text, title, url, outlet, published, language FROM documents WHERE id = ?",
                             (document_id,)).fetchone()
            if row is None:
                return None
            document = Document(*row)
            found = None if detector is None else db.execute(
                "SELECT id, status, error, detector_ran FROM analyses WHERE document_id = ? AND detector = ?"
                " AND detector_version = ?", (document_id, detector.name, detector.version)).fetchone()
            if found is None:
                return StoredArticle(Analysis(document, (), detector.name if detector else "none"),
                                     "not analysed", None)
            spans = tuple(Span(s, e, t, score, voice, speaker, _alternatives(alts)) for s, e, t, score, voice,
                          speaker, alts in db.execute(
                              "SELECT char_start, char_end, technique, score, voice, speaker, alternatives"
                              " FROM spans WHERE analysis_id = ?", (found[0],)))
            quotes = tuple(Quote(*q) for q in db.execute(
                "SELECT char_start, char_end, kind, speaker FROM quotes WHERE analysis_id = ?"
                " ORDER BY char_start, char_end", (found[0],)))
        return StoredArticle(Analysis(document, spans, found[3] or detector.name, quotes), found[1], found[2])

    # -- examples ---------------------------------------------------------------------

    def examples(self, detector: DetectorId | None, technique: str, outlet: str | None = None,
                 limit: int = PAGE_SIZE) -> list[Example]:
        """Distinct phrases flagged with ``technique`` (in ``outlet``), strongest first.

        Spans are read in order of score and the first occurrence of each phrase (lower
        case, spaces collapsed) is kept, looking at no more than ``MAX_EXAMPLE_SCAN`` spans.
        """
        if detector is None:
            return []
        sql = ("SELECT substr(d.text, s.char_start + 1, s.char_end - s.char_start), s.score, s.voice,"
               " s.speaker, s.char_start, s.char_end, d.id, d.title, d.outlet, d.published"
               " FROM spans s JOIN analyses a ON a.id = s.analysis_id"
               " JOIN documents d ON d.id = a.document_id WHERE s.technique = ? AND a.detector = ?"
               " AND a.detector_version = ?" + (" AND d.outlet = ?" if outlet is not None else "") +
               " ORDER BY s.score DESC, s.analysis_id DESC LIMIT ?")
        parameters = (technique, detector.name, detector.version,
                      *((outlet,) if outlet is not None else ()), MAX_EXAMPLE_SCAN)
        seen: set[str] = set()
        found: list[Example] = []
        with self.connection() as db:
            for row in db.execute(sql, parameters):
                phrase = " ".join(row[0].split()).lower()
                if phrase and phrase not in seen:
                    seen.add(phrase)
                    found.append(Example(*row))
                    if len(found) >= limit:
                        break
        return found


class _Connection:
    """``with explorer.connection() as db``: a read-only connection, closed on leaving."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        self.db = connect_read_only(self.path)
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()


NARROW = 20_000
"""A full-text search or span filter matching fewer rows than this drives the list query (its
matches are then sorted); a broader one is checked along the list's order instead, which
stops as soon as a page is full."""


def _span_filter(filters: Filters) -> tuple[str, list[object]] | None:
    """The span tallies an article must have (technique, voice, score), as SQL over ``st``."""
    if filters.technique is None and filters.voice is None:
        return None
    chosen = [filters.technique] if filters.technique else list(techniques.TECHNIQUE_IDS)
    voices = [filters.voice] if filters.voice else list(VOICES)
    sql = (f"st.technique IN ({','.join('?' * len(chosen))}) AND st.voice IN ({','.join('?' * len(voices))})")
    parameters: list[object] = [*chosen, *voices]
    if filters.min_score is not None:
        sql += " AND st.top_score >= ?"
        parameters.append(filters.min_score)
    return sql, parameters


def choose_driver(db: sqlite3.Connection, filters: Filters) -> str:
    """Which part of the query to start from: "search", "spans" (both when narrow) or "order"."""
    if filters.q is not None and filters.q.strip():
        found = db.execute("SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ?"
                           " LIMIT ?)", (fts_query(filters.q), NARROW)).fetchone()[0]
        if found < NARROW:
            return "search"
    spans = _span_filter(filters)
    if spans is not None and filters.technique is not None:
        found = db.execute(f"SELECT count(*) FROM (SELECT 1 FROM span_tallies st WHERE {spans[0]} LIMIT ?)",
                           [*spans[1], NARROW]).fetchone()[0]
        if found < NARROW:
            return "spans"
    return "order"


def _list_query(detector: DetectorId, filters: Filters, cursor: Cursor | None, limit: int,
                driver: str = "order") -> tuple[str, list[object]]:
    """The SQL and parameters of one page (``limit`` -1: no limit).

    The join order is fixed (CROSS JOIN): from the narrow search or span matches when
    ``driver`` says so, otherwise along an index in the list's order (documents by date, or
    tallies by density), so that SQLite stops after ``limit`` rows instead of collecting
    every analysis of the detector and sorting them all.
    """
    head: list[object] = []
    analyses = "analyses a ON a.document_id = d.id AND a.detector = ? AND a.detector_version = ? AND a.status = 'ok'"
    tallies = "analysis_tallies t ON t.analysis_id = a.id"
    spans = _span_filter(filters)
    if driver == "search":
        source = f"documents_fts f CROSS JOIN documents d ON d.rowid = f.rowid CROSS JOIN {analyses} CROSS JOIN {tallies}"
    elif driver == "spans":
        source = (f"(SELECT DISTINCT st.analysis_id FROM span_tallies st WHERE {spans[0]}) m"
                  " CROSS JOIN analyses a ON a.id = m.analysis_id AND a.detector = ? AND a.detector_version = ?"
                  f" AND a.status = 'ok' CROSS JOIN documents d ON d.id = a.document_id CROSS JOIN {tallies}")
        head, spans = list(spans[1]), None
    elif filters.sort == "date":
        source = f"documents d CROSS JOIN {analyses} CROSS JOIN {tallies}"
    else:
        source = ("analysis_tallies t CROSS JOIN analyses a ON a.id = t.analysis_id AND a.detector = ?"
                  " AND a.detector_version = ? AND a.status = 'ok' CROSS JOIN documents d ON d.id = a.document_id")
    where, parameters = _conditions(filters, driver == "search", spans)
    if cursor is not None:
        clause, values = _after(filters.sort, cursor)
        where.append(clause)
        parameters += values
    order = "d.published DESC, d.rowid DESC" if filters.sort == "date" else "t.density DESC, t.analysis_id DESC"
    tie = "d.rowid" if filters.sort == "date" else "t.analysis_id"
    sql = (f"SELECT d.id, d.title, d.url, d.outlet, d.published, t.words, t.spans, t.density, t.top_score,"
           f" d.language, {tie}"
           f" FROM {source}" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order} LIMIT ?")
    return sql, [*head, detector.name, detector.version, *parameters, limit]


def _conditions(filters: Filters, search_first: bool,
                spans: tuple[str, list[object]] | None) -> tuple[list[str], list[object]]:
    where: list[str] = []
    parameters: list[object] = []
    if filters.q is not None and filters.q.strip():
        if search_first:
            where.append("documents_fts MATCH ?")
        else:
            where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        parameters.append(fts_query(filters.q))
    if filters.outlet is not None:
        where.append("d.outlet = ?")
        parameters.append(filters.outlet)
    if filters.language is not None:
        where.append("d.language = ?")
        parameters.append(filters.language)
    if filters.start is not None:
        where.append("d.published >= ?")
        parameters.append(filters.start.isoformat())
    if filters.end is not None:  # the whole last day, times included
        where.append("d.published < ?")
        parameters.append((filters.end + timedelta(days=1)).isoformat())
    if spans is not None:
        where.append(f"EXISTS (SELECT 1 FROM span_tallies st WHERE {spans[0]} AND st.analysis_id = a.id)")
        parameters += spans[1]
    elif filters.min_score is not None and filters.technique is None and filters.voice is None:
        where.append("t.top_score >= ?")
        parameters.append(filters.min_score)
    return where, parameters


def _after(sort: str, cursor: Cursor) -> tuple[str, list[object]]:
    """Rows strictly after ``cursor`` in the list's descending order (dates: NULLs last)."""
    if sort == "density":
        return ("(t.density < ? OR (t.density = ? AND t.analysis_id < ?))",
                [cursor.key, cursor.key, cursor.rowid])
    if cursor.key is None:
        return "(d.published IS NULL AND d.rowid < ?)", [cursor.rowid]
    return ("(d.published < ? OR (d.published = ? AND d.rowid < ?) OR d.published IS NULL)",
            [cursor.key, cursor.key, cursor.rowid])


def _alternatives(stored: str) -> tuple[tuple[str, float], ...]:
    try:
        return tuple((str(t), float(p)) for t, p in json.loads(stored))
    except (ValueError, TypeError):
        return ()
