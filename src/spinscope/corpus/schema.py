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

APPLICATION_ID = 0x5350494E
"""``PRAGMA application_id`` of every spinscope corpus store: the bytes of "SPIN" (1397770574).

Set in the transaction that creates a store (or, for a store made before version 4, the
first time it is opened for writing) and checked on every open, so that a SQLite file
that belongs to something else is recognised and never written to."""


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


V3_VOICES = """
ALTER TABLE spans ADD COLUMN voice TEXT NOT NULL DEFAULT 'outlet'
    CHECK (voice IN ('outlet', 'quoted', 'reported'));
ALTER TABLE spans ADD COLUMN speaker TEXT;
ALTER TABLE spans ADD COLUMN alternatives TEXT NOT NULL DEFAULT '[]';
CREATE TABLE quotes (
    analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
    char_start  INTEGER NOT NULL CHECK (char_start >= 0),
    char_end    INTEGER NOT NULL CHECK (char_end > char_start),
    kind        TEXT NOT NULL CHECK (kind IN ('quoted', 'reported', 'scare')),
    speaker     TEXT
);
CREATE INDEX quotes_by_analysis ON quotes(analysis_id);
"""
"""Version 3: whose voice each span is in, and the quoted / reported / scare ranges of a document.

``spans.alternatives`` holds the other techniques of the span's range as a JSON list of
``[technique id, probability]`` pairs, strongest first (``[]`` for none): they are only ever
read back with their span, so a JSON column is simpler than a table of its own.

Quotes are keyed to the **analysis**, not to the document: they are found by the Pipeline
that made the analysis, and each span's ``voice`` and ``speaker`` were derived from exactly
these ranges. Keyed this way, the spans and the quotes they were attributed with always come
from the same run (a newer quote finder, run as a new detector version, writes its own quotes
beside the old ones instead of silently changing what the old spans were attributed with),
and deleting an analysis deletes its quotes with it (``ON DELETE CASCADE``). The cost is one
copy of a document's quotes per detector version that analysed it.
Spans stored before version 3 read back in the outlet's voice, with no speaker.
"""

V4_CLAIMS = """
CREATE TABLE claims (
    document_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    detector         TEXT NOT NULL,
    detector_version TEXT NOT NULL,
    owner            TEXT NOT NULL,
    host             TEXT NOT NULL,
    pid              INTEGER NOT NULL,
    expires          REAL NOT NULL,
    PRIMARY KEY (document_id, detector, detector_version)
);
CREATE INDEX claims_by_owner ON claims(owner);
"""
"""Version 4: leases on the documents a ``corpus analyze`` run is working on.

A run claims each batch (one row per document) in a short ``BEGIN IMMEDIATE`` transaction
before analysing it, and deletes the claims in the transaction that stores the batch's
outcomes; another run on the same store skips documents under a live claim, so two runs
split the work. A claim lives until ``expires`` (Unix seconds, renewed whenever its run
stores a batch); a claim whose run has died (its process is gone from this host, or the
lease ran out) is taken over by the next run.
"""

V5_LEVELS = """
ALTER TABLE spans ADD COLUMN technique_score REAL;
ALTER TABLE spans ADD COLUMN level TEXT NOT NULL DEFAULT 'likely' CHECK (level IN ('likely', 'possible'));
"""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, analyses and spans", V1_TABLES),
    Migration(2, "word and character counts per document; index analyses by detector",
              V2_COUNTS, backfill_counts),
    Migration(3, "span voice, speaker and alternative techniques; quotes per analysis", V3_VOICES),
    Migration(4, "claims: leases on the documents an analysis run is working on", V4_CLAIMS),
    Migration(5, "each span's technique score and level (likely or possible)", V5_LEVELS),
)
LATEST = MIGRATIONS[-1].version
