"""The corpus store: one SQLite file (WAL) holding documents, analyses and spans.

Every write to a corpus goes through ``Store``. Document ids are content hashes, so
adding an article twice is a no-op, and each analysis is unique per (document,
detector name, detector version), so a batch written twice is written once. Each
write is one transaction: a process killed at any moment leaves the file as it was
after the last commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from spinscope.document import Document, Span
from spinscope.errors import StoreError
from spinscope.io.records import Record
from spinscope.store_schema import LATEST, MIGRATIONS, Migration, count_words

BUSY_TIMEOUT_S = 30.0


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class DetectorId:
    """The detector that produced an analysis: its name and the version of its weights."""

    name: str
    version: str


@dataclass(frozen=True)
class Outcome:
    """The result of analysing one document: its spans, or the error that stopped it."""

    document_id: str
    spans: tuple[Span, ...] = ()
    error: str | None = None


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


class Store:
    """A corpus database; open it with ``Store(path)`` and use it as a context manager."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no such corpus database; create it with `spinscope corpus add`")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable SQLite corpus database ({error})") from None

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
    def schema_version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def _migrate(self, target: int = LATEST) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "description TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        current = self.schema_version
        if current > LATEST:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this spinscope knows "
                f"({LATEST}); upgrade spinscope to open it"
            )
        for migration in MIGRATIONS:
            if current < migration.version <= target:
                self._apply(migration)

    def _apply(self, migration: Migration) -> None:
        with self.transaction() as db:
            for statement in migration.sql.split(";"):
                if statement.strip():
                    db.execute(statement)
            if migration.python:
                migration.python(db)
            db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                       (migration.version, migration.description, utc_now()))

    # -- documents ----------------------------------------------------------------------

    def add_records(self, records: Iterable[Record]) -> int:
        """Insert new documents in one transaction; returns how many were not already stored."""
        added, now = 0, utc_now()
        with self.transaction() as db:
            for record in records:
                d = record.document
                cursor = db.execute(
                    "INSERT OR IGNORE INTO documents (id, title, url, outlet, published, text, origin,"
                    " problem, added, words, chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, d.title, d.url, d.outlet, d.published, d.text, record.origin,
                     record.problem, now, count_words(d.text), len(d.text)),
                )
                added += cursor.rowcount
        return added

    def count_documents(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def pending(self, detector: DetectorId, after: int = 0, limit: int = 32) -> PendingBatch:
        """Up to ``limit`` documents after row ``after`` that this detector has not analysed."""
        rows = self._db.execute(
            "SELECT d.rowid, d.id, d.text, d.title, d.url, d.outlet, d.published, d.origin, d.problem"
            " FROM documents d WHERE d.rowid > ? AND NOT EXISTS (SELECT 1 FROM analyses a"
            " WHERE a.document_id = d.id AND a.detector = ? AND a.detector_version = ?)"
            " ORDER BY d.rowid LIMIT ?",
            (after, detector.name, detector.version, limit),
        ).fetchall()
        records = tuple(_record(row[1:]) for row in rows)
        return PendingBatch(records, rows[-1][0] if rows else after)

    def count_pending(self, detector: DetectorId) -> int:
        return self._db.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM analyses a WHERE"
            " a.document_id = d.id AND a.detector = ? AND a.detector_version = ?)",
            (detector.name, detector.version),
        ).fetchone()[0]

    # -- analyses -----------------------------------------------------------------------

    def write_outcomes(self, detector: DetectorId, outcomes: Sequence[Outcome], started: str) -> int:
        """Store a batch of outcomes in one transaction; returns how many were new."""
        written, finished = 0, utc_now()
        with self.transaction() as db:
            for outcome in outcomes:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO analyses (document_id, detector, detector_version, status,"
                    " error, started, finished) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (outcome.document_id, detector.name, detector.version,
                     "error" if outcome.error else "ok", outcome.error, started, finished),
                )
                if cursor.rowcount:
                    written += 1
                    db.executemany(
                        "INSERT INTO spans (analysis_id, char_start, char_end, technique, score,"
                        " technique_score, level) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(cursor.lastrowid, s.start, s.end, s.technique, s.score, s.technique_score, s.level)
                         for s in outcome.spans],
                    )
        return written

    def detectors(self) -> list[DetectorRun]:
        """Every detector that has analysed documents here, the most used first."""
        rows = self._db.execute(
            "SELECT detector, detector_version, sum(status = 'ok'), sum(status = 'error'),"
            " max(finished) FROM analyses GROUP BY detector, detector_version"
            " ORDER BY count(*) DESC, max(finished) DESC"
        ).fetchall()
        return [DetectorRun(DetectorId(n, v), ok, err) for n, v, ok, err, _ in rows]

    def analysed(self, detector: DetectorId, chunk: int = 500) -> Iterator[StoredAnalysis]:
        """Every document this detector analysed, with its spans, streamed in chunks."""
        last = 0
        while True:
            rows = self._db.execute(
                "SELECT a.id, d.id, d.text, d.title, d.url, d.outlet, d.published, d.origin,"
                " d.problem, d.words, a.error FROM analyses a JOIN documents d ON d.id = a.document_id"
                " WHERE a.detector = ? AND a.detector_version = ? AND a.id > ? ORDER BY a.id LIMIT ?",
                (detector.name, detector.version, last, chunk),
            ).fetchall()
            if not rows:
                return
            spans = self._spans_of([row[0] for row in rows])
            for row in rows:
                yield StoredAnalysis(_record(row[1:9]), row[9] or 0, row[10], spans.get(row[0], ()))
            last = rows[-1][0]

    def _spans_of(self, analysis_ids: list[int]) -> dict[int, tuple[Span, ...]]:
        marks = ",".join("?" * len(analysis_ids))
        found: dict[int, list[Span]] = {}
        for analysis_id, start, end, technique, score, technique_score, level in self._db.execute(
            "SELECT analysis_id, char_start, char_end, technique, score, technique_score, level"
            f" FROM spans WHERE analysis_id IN ({marks})", analysis_ids
        ):
            found.setdefault(analysis_id, []).append(Span(start, end, technique, score,
                                                          technique_score=technique_score, level=level))
        return {k: tuple(sorted(v)) for k, v in found.items()}

    def query(self, sql: str, parameters: Sequence[object] = ()) -> Iterator[dict[str, object]]:
        """Rows of a read-only query as dicts (for exports); writes must use the methods above."""
        cursor = self._db.execute(sql, parameters)
        names = [c[0] for c in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def query_columns(self, sql: str) -> list[str]:
        """The column names a read-only query returns."""
        return [c[0] for c in self._db.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]


def _record(row: Sequence) -> Record:
    doc_id, text, title, url, outlet, published, origin, problem = row
    document = Document(id=doc_id, text=text, title=title, url=url, outlet=outlet, published=published)
    return Record(document, origin or "", problem)
