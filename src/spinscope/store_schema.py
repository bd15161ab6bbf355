"""The corpus store's schema, as an ordered list of migrations.

Each migration moves the database from version ``n - 1`` to ``n`` inside one
transaction; the ``schema_version`` table records how far a database has come, so an
old store is upgraded in place when it is opened and a newer one is refused.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Words as the reports count them (runs of letters and digits), for rates per 1,000 words."""
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True)
class Migration:
    """One step of the schema: SQL to run, then an optional Python step (e.g. a backfill)."""

    version: int
    description: str
    sql: str
    python: Callable[[sqlite3.Connection], None] | None = None


V1_TABLES = """
CREATE TABLE documents (
    id        TEXT PRIMARY KEY,
    title     TEXT,
    url       TEXT,
    outlet    TEXT,
    published TEXT,
    text      TEXT NOT NULL,
    origin    TEXT,
    problem   TEXT,
    added     TEXT NOT NULL
);
CREATE TABLE analyses (
    id               INTEGER PRIMARY KEY,
    document_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    detector         TEXT NOT NULL,
    detector_version TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error            TEXT,
    started          TEXT NOT NULL,
    finished         TEXT NOT NULL,
    UNIQUE (document_id, detector, detector_version)
);
CREATE TABLE spans (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    char_start  INTEGER NOT NULL CHECK (char_start >= 0),
    char_end    INTEGER NOT NULL CHECK (char_end > char_start),
    technique   TEXT NOT NULL,
    score       REAL NOT NULL
);
CREATE INDEX spans_by_analysis ON spans(analysis_id);
"""

V2_COUNTS = """
ALTER TABLE documents ADD COLUMN words INTEGER;
ALTER TABLE documents ADD COLUMN chars INTEGER;
CREATE INDEX analyses_by_detector ON analyses(detector, detector_version, status);
"""


def backfill_counts(connection: sqlite3.Connection) -> None:
    """Fill the word and character counts of documents stored before version 2."""
    rows = connection.execute("SELECT id, text FROM documents WHERE words IS NULL").fetchall()
    connection.executemany(
        "UPDATE documents SET words = ?, chars = ? WHERE id = ?",
        [(count_words(text), len(text), doc_id) for doc_id, text in rows],
    )


V3_LEVELS = """
ALTER TABLE spans ADD COLUMN technique_score REAL;
ALTER TABLE spans ADD COLUMN level TEXT NOT NULL DEFAULT 'likely' CHECK (level IN ('likely', 'possible'));
"""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, analyses and spans", V1_TABLES),
    Migration(2, "word and character counts per document; index analyses by detector",
              V2_COUNTS, backfill_counts),
    Migration(3, "each span's technique score and level (likely or possible)", V3_LEVELS),
)
LATEST = MIGRATIONS[-1].version
