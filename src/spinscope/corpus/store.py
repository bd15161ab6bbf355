"""The corpus store: one SQLite file (WAL) holding documents, analyses, spans and quotes.

Every write to a corpus goes through ``Store``. Document ids are content hashes, so
adding an article twice is a no-op, and each analysis is unique per (document,
detector name, detector version), so a batch written twice is written once. Each
write is one transaction: a process killed at any moment leaves the file as it was
after the last commit. ``add_records`` stores a whole command's documents at once or
none of them; analysis runs claim their batches (``claim``) so that two runs split the
work. How a file is opened (create, write, read-only) and recognised is in ``opening``;
any SQLite failure (a damaged file, a lock held too long) surfaces as ``StoreError``.
"""

from __future__ import annotations

import functools
import inspect
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

from spinscope.document import Document, Span
from spinscope.errors import ConfigError, StoreError
from spinscope.io.records import Record
from spinscope.language import detect
from spinscope.quotes import Quote
from spinscope.corpus import claims as leases
from spinscope.corpus.claims import Claimant
from spinscope.corpus.opening import BUSY_TIMEOUT_S, MODES, check_file, connect, prepare, schema_version
from spinscope.corpus.schema import count_words

STAGE_CHUNK = 500
_DOCUMENT_COLUMNS = "id, title, url, outlet, published, text, origin, problem, words, chars, language"


@contextmanager
def database_errors(path: Path) -> Iterator[None]:
    """SQLite's own failures (a damaged file, a lock held too long) as one-line StoreErrors."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "locked" in reason or "busy" in reason:
            raise StoreError(f"{path}: the database stayed locked by another process for over "
                             f"{BUSY_TIMEOUT_S:.0f} s ({reason})") from None
        if "unable to open" in reason:
            raise StoreError(f"{path}: cannot open or create the database file ({reason})") from None
        if "not a database" in reason:
            raise StoreError(f"{path}: not a usable SQLite corpus database ({reason})") from None
        raise StoreError(f"{path}: the corpus database cannot be used ({reason}); "
                         "it may be damaged: restore it from a copy") from None


def _guarded(method):
    """Run a Store method (or iterate a generator method) under ``database_errors``."""
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def generator(self, *args, **kwargs):
            with database_errors(self.path):
                yield from method(self, *args, **kwargs)
        return generator

    @functools.wraps(method)
    def plain(self, *args, **kwargs):
        with database_errors(self.path):
            return method(self, *args, **kwargs)
    return plain


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class DetectorId:
    """The detector that produced an analysis: its name and the version of its weights."""

    name: str
    version: str


@dataclass(frozen=True)
class Outcome:
    """The result of analysing one document: its spans and quotes, or the error that stopped it."""

    document_id: str
    spans: tuple[Span, ...] = ()
    error: str | None = None
    quotes: tuple[Quote, ...] = ()
    detector: str | None = None  # the detector that ran (under auto, the one for the language)


@dataclass(frozen=True)
class PendingBatch:
    """Documents not yet analysed, and the cursor (row id) to continue after them."""

    records: tuple[Record, ...]
    last_rowid: int


@dataclass(frozen=True)
class DetectorRun:
    """How many documents one detector has analysed in this store, and how many failed."""

    detector: DetectorId
    ok: int
    errors: int


@dataclass(frozen=True)
class StoredAnalysis:
    """An analysed document as the store holds it (for reports)."""

    record: Record
    words: int
    error: str | None
    spans: tuple[Span, ...]
    quotes: tuple[Quote, ...] = ()
    detector_ran: str | None = None  # under auto, the detector chosen for the document's language


class Store:
    """A corpus database; open it with ``Store(path, mode)`` and use it as a context manager."""

    def __init__(self, path: str | Path, mode: str = "create") -> None:
        """``mode``: ``create`` (a missing or 0-byte file becomes a store), ``write`` (an existing
        store) or ``read`` (an existing store, opened read-only); see ``opening``."""
        if mode not in MODES:
            raise ConfigError(f"unknown store mode {mode!r}; use one of {', '.join(MODES)}")
        self.path, self.mode = Path(path), mode
        check_file(self.path, mode)
        with database_errors(self.path):
            self._db = connect(self.path, mode)
            try:
                prepare(self._db, self.path, mode)
            except BaseException:
                self._db.close()
                raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside is committed together or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- schema -----------------------------------------------------------------------

    @property
    @_guarded
    def schema_version(self) -> int:
        return schema_version(self._db)

    # -- documents ----------------------------------------------------------------------

    @_guarded
    def add_records(self, records: Iterable[Record]) -> int:
        """Store every record, or none: they are staged in a temporary table first (no lock held
        while a slow source is read), then moved in one short transaction. If reading the
        records raises, nothing is stored. Returns how many documents were new to the store."""
        self._db.execute(f"CREATE TEMP TABLE IF NOT EXISTS staged ({_DOCUMENT_COLUMNS}, UNIQUE (id))")
        self._db.execute("DELETE FROM temp.staged")
        try:
            self._stage(records)
            with self.transaction() as db:
                return db.execute(
                    f"INSERT OR IGNORE INTO documents ({_DOCUMENT_COLUMNS}, added) SELECT {_DOCUMENT_COLUMNS}, ?"
                    " FROM temp.staged ORDER BY rowid", (utc_now(),)).rowcount
        finally:
            self._db.execute("DROP TABLE IF EXISTS temp.staged")

    def _stage(self, records: Iterable[Record]) -> None:
        iterator = iter(records)
        while chunk := list(islice(iterator, STAGE_CHUNK)):
            rows = [(r.document.id, r.document.title, r.document.url, r.document.outlet, r.document.published,
                     r.document.text, r.origin, r.problem, count_words(r.document.text), len(r.document.text),
                     r.document.language or detect(r.document.text))
                    for r in chunk]
            self._db.execute("BEGIN")  # touches only the temporary database: no lock on the store
            try:
                self._db.executemany(f"INSERT OR IGNORE INTO temp.staged ({_DOCUMENT_COLUMNS})"
                                     f" VALUES ({', '.join('?' * 11)})", rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @_guarded
    def count_documents(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    @_guarded
    def pending(self, detector: DetectorId, after: int = 0, limit: int = 32) -> PendingBatch:
        """Up to ``limit`` documents after row ``after`` that this detector has not analysed
        and no live run has claimed."""
        return self._pending(detector, after, limit, time.time())

    def _pending(self, detector: DetectorId, after: int, limit: int, now: float) -> PendingBatch:
        rows = self._db.execute(
            "SELECT d.rowid, d.id, d.text, d.title, d.url, d.outlet, d.published, d.origin, d.problem,"
            " d.language FROM documents d WHERE d.rowid > ? AND NOT EXISTS (SELECT 1 FROM analyses a"
            " WHERE a.document_id = d.id AND a.detector = ? AND a.detector_version = ?)"
            " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.document_id = d.id AND c.detector = ?"
            " AND c.detector_version = ? AND c.expires > ?) ORDER BY d.rowid LIMIT ?",
            (after, detector.name, detector.version, detector.name, detector.version, now, limit),
        ).fetchall()
        records = tuple(_record(row[1:]) for row in rows)
        return PendingBatch(records, rows[-1][0] if rows else after)

    @_guarded
    def claim(self, detector: DetectorId, claimant: Claimant, after: int = 0, limit: int = 32) -> PendingBatch:
        """Like ``pending``, and claim the documents for ``claimant`` in the same transaction,
        so that another run skips them; dead runs' claims are dropped first."""
        with self.transaction() as db:
            leases.drop_dead_claims(db, claimant)
            batch = self._pending(detector, after, limit, time.time())
            leases.insert_claims(db, claimant, (detector.name, detector.version),
                                 (r.document.id for r in batch.records))
        return batch

    @_guarded
    def release(self, claimant: Claimant) -> int:
        """Drop every claim this run still holds (it is stopping early)."""
        with self.transaction() as db:
            return leases.release_claims(db, claimant)

    @_guarded
    def count_pending(self, detector: DetectorId) -> int:
        return self._db.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE"
            " a.document_id = d.id AND a.detector = ? AND a.detector_version = ?)",
            (detector.name, detector.version),
        ).fetchone()[0]

    # -- analyses -----------------------------------------------------------------------

    @_guarded
    def write_outcomes(self, detector: DetectorId, outcomes: Sequence[Outcome], started: str,
                       claimant: Claimant | None = None) -> int:
        """Store a batch of outcomes in one transaction (settling ``claimant``'s claims on them,
        and renewing its others); returns how many were new."""
        written, finished = 0, utc_now()
        try:
            with self.transaction() as db:
                for outcome in outcomes:
                    cursor = db.execute(
                        "INSERT OR IGNORE INTO analyses (document_id, detector, detector_version, status,"
                        " error, started, finished, detector_ran) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (outcome.document_id, detector.name, detector.version,
                         "error" if outcome.error else "ok", outcome.error, started, finished,
                         outcome.detector or detector.name),
                    )
                    if cursor.rowcount:
                        written += 1
                        _insert_spans_and_quotes(db, cursor.lastrowid, outcome)
                if claimant:
                    leases.settle_claims(db, claimant, (detector.name, detector.version),
                                         (o.document_id for o in outcomes))
        except sqlite3.IntegrityError as error:  # e.g. a quote of an unknown kind; nothing was written
            raise StoreError(f"{self.path}: an outcome does not fit the store ({error}); "
                             "the batch was not written") from None
        return written

    @_guarded
    def detectors(self) -> list[DetectorRun]:
        """Every detector that has analysed documents here, the most used first."""
        rows = self._db.execute(
            "SELECT detector, detector_version, sum(status = 'ok'), sum(status = 'error'),"
            " max(finished) FROM analyses GROUP BY detector, detector_version"
            " ORDER BY count(*) DESC, max(finished) DESC"
        ).fetchall()
        return [DetectorRun(DetectorId(n, v), ok, err) for n, v, ok, err, _ in rows]

    @_guarded
    def analysed(self, detector: DetectorId, chunk: int = 500) -> Iterator[StoredAnalysis]:
        """Every document this detector analysed, with its spans and quotes, streamed in chunks."""
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT a.id, d.id, d.text, d.title, d.url, d.outlet, d.published, d.origin,"
                " d.problem, d.language, d.words, a.error, a.detector_ran FROM analyses a JOIN documents d ON d.id = a.document_id"
                " WHERE a.detector = ? AND a.detector_version = ? AND a.id > ? ORDER BY a.id LIMIT ?",
                (detector.name, detector.version, last, chunk),
            ).fetchall()
            if not rows:
                return
            ids = [row[0] for row in rows]
            spans, quotes = self._spans_of(ids), self._quotes_of(ids)
            for row in rows:
                yield StoredAnalysis(_record(row[1:10]), row[10] or 0, row[11], spans.get(row[0], ()),
                                     quotes.get(row[0], ()), row[12] or detector.name)
            last = rows[-1][0]

    def _spans_of(self, analysis_ids: list[int]) -> dict[int, tuple[Span, ...]]:
        marks = ",".join("?" * len(analysis_ids))
        found: dict[int, list[Span]] = {}
        for (analysis_id, start, end, technique, score, voice, speaker, alternatives, technique_score,
             level) in self._db.execute(
            "SELECT analysis_id, char_start, char_end, technique, score, voice, speaker, alternatives,"
            f" technique_score, level FROM spans WHERE analysis_id IN ({marks})", analysis_ids
        ):
            found.setdefault(analysis_id, []).append(
                Span(start, end, technique, score, voice=voice, speaker=speaker,
                     alternatives=_alternatives(alternatives), technique_score=technique_score, level=level))
        return {k: tuple(sorted(v)) for k, v in found.items()}

    def _quotes_of(self, analysis_ids: list[int]) -> dict[int, tuple[Quote, ...]]:
        marks = ",".join("?" * len(analysis_ids))
        found: dict[int, list[Quote]] = {}
        for analysis_id, start, end, kind, speaker in self._db.execute(
            "SELECT analysis_id, char_start, char_end, kind, speaker FROM quotes"
            f" WHERE analysis_id IN ({marks}) ORDER BY analysis_id, char_start, char_end", analysis_ids
        ):
            found.setdefault(analysis_id, []).append(Quote(start, end, kind, speaker))
        return {k: tuple(v) for k, v in found.items()}

    @_guarded
    def query(self, sql: str, parameters: Sequence[object] = ()) -> Iterator[dict[str, object]]:
        """Rows of a read-only query as dicts (for exports); writes must use the methods above."""
        cursor = self._db.execute(sql, parameters)
        names = [c[0] for c in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    @_guarded
    def query_columns(self, sql: str) -> list[str]:
        """The column names a read-only query returns."""
        return [c[0] for c in self._db.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]


def _insert_spans_and_quotes(db: sqlite3.Connection, analysis_id: int, outcome: Outcome) -> None:
    db.executemany(
        "INSERT INTO spans (analysis_id, char_start, char_end, technique, score, voice, speaker,"
        " alternatives, technique_score, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(analysis_id, s.start, s.end, s.technique, s.score, s.voice, s.speaker,
          json.dumps([[t, float(p)] for t, p in s.alternatives]), s.technique_score, s.level)
         for s in outcome.spans],
    )
    db.executemany(
        "INSERT INTO quotes (analysis_id, char_start, char_end, kind, speaker) VALUES (?, ?, ?, ?, ?)",
        [(analysis_id, q.start, q.end, q.kind, q.speaker) for q in outcome.quotes],
    )


def _alternatives(stored: str) -> tuple[tuple[str, float], ...]:
    """The JSON list of ``[technique, probability]`` pairs as the tuple a Span holds."""
    try:
        return tuple((str(t), float(p)) for t, p in json.loads(stored))
    except (ValueError, TypeError) as error:
        raise StoreError(f"a span's alternatives are not a JSON list of [technique, probability] pairs "
                         f"({error}): {stored[:80]!r}") from None


def _record(row: Sequence) -> Record:
    doc_id, text, title, url, outlet, published, origin, problem, language = row
    document = Document(id=doc_id, text=text, title=title, url=url, outlet=outlet, published=published,
                        language=language)
    return Record(document, origin or "", problem)


def upgrade(path: str | Path) -> int:
    """``corpus upgrade``: bring an existing store's schema up to date (read-only commands refuse
    an older one); returns the schema version it is at now."""
    with Store(path, "write") as store:
        return store.schema_version
