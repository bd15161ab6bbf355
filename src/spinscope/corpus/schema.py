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

def explorer_tables(connection: sqlite3.Connection) -> None:
    """Version 6: what the corpus explorer reads, kept up to date by triggers, backfilled now.

    * ``documents_fts``: FTS5 over title and text, an external-content table on ``documents``
      (the text is not stored twice), keyed by the documents' rowid. The store never runs
      VACUUM, which could renumber those rowids; after one, rebuild the index with
      ``INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')``.
    * ``analysis_tallies`` (words, spans, spans per 1,000 words and top score per analysis, with
      an index by density) and ``span_tallies`` (spans and top score per technique, voice and
      analysis): counts the
      explorer would otherwise aggregate from every span at every request.
    * Covering indexes on documents (the word count is stored after the text, so a scan that
      needs it would otherwise read every article), and spans by technique and score.

    Triggers keep everything in step with every write of the store, in the same transaction;
    the explorer itself only reads. Run as one Python step because trigger bodies contain
    semicolons, which the SQL step splits on.
    """
    for statement in EXPLORER_SQL:
        connection.execute(statement)


EXPLORER_SQL = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_fts (documents_fts, rowid, title, text)"
    " VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN"
    " INSERT INTO documents_fts (documents_fts, rowid, title, text)"
    " VALUES ('delete', old.rowid, old.title, old.text);"
    " INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TABLE analysis_tallies (analysis_id INTEGER PRIMARY KEY, words INTEGER NOT NULL,"
    " spans INTEGER NOT NULL, density REAL NOT NULL, top_score REAL)",
    "CREATE TABLE span_tallies (technique TEXT NOT NULL, voice TEXT NOT NULL, analysis_id INTEGER NOT NULL,"
    " spans INTEGER NOT NULL, top_score REAL NOT NULL, PRIMARY KEY (technique, voice, analysis_id))"
    " WITHOUT ROWID",
    "INSERT INTO analysis_tallies SELECT a.id, ifnull(d.words, 0), count(s.analysis_id),"
    " CASE WHEN d.words > 0 THEN 1000.0 * count(s.analysis_id) / d.words ELSE 0.0 END, max(s.score)"
    " FROM analyses a JOIN documents d ON d.id = a.document_id LEFT JOIN spans s ON s.analysis_id = a.id"
    " GROUP BY a.id",
    "INSERT INTO span_tallies SELECT technique, voice, analysis_id, count(*), max(score) FROM spans"
    " GROUP BY technique, voice, analysis_id",
    "CREATE TRIGGER analysis_tallies_insert AFTER INSERT ON analyses BEGIN"
    " INSERT OR IGNORE INTO analysis_tallies VALUES (new.id,"
    " (SELECT ifnull(words, 0) FROM documents WHERE id = new.document_id), 0, 0.0, NULL); END",
    "CREATE TRIGGER analysis_tallies_delete AFTER DELETE ON analyses BEGIN"
    " DELETE FROM analysis_tallies WHERE analysis_id = old.id; END",
    "CREATE TRIGGER span_tallies_insert AFTER INSERT ON spans BEGIN"
    " UPDATE analysis_tallies SET spans = spans + 1,"
    " density = CASE WHEN words > 0 THEN 1000.0 * (spans + 1) / words ELSE 0.0 END,"
    " top_score = max(ifnull(top_score, new.score), new.score) WHERE analysis_id = new.analysis_id;"
    " INSERT INTO span_tallies VALUES (new.technique, new.voice, new.analysis_id, 1, new.score)"
    " ON CONFLICT (technique, voice, analysis_id) DO UPDATE SET spans = spans + 1,"
    " top_score = max(top_score, excluded.top_score); END",
    "CREATE TRIGGER span_tallies_delete AFTER DELETE ON spans BEGIN"
    " UPDATE analysis_tallies SET spans = spans - 1,"
    " density = CASE WHEN words > 0 THEN 1000.0 * (spans - 1) / words ELSE 0.0 END,"
    " top_score = (SELECT max(score) FROM spans WHERE analysis_id = old.analysis_id)"
    " WHERE analysis_id = old.analysis_id;"
    " UPDATE span_tallies SET spans = spans - 1, top_score = ifnull((SELECT max(score) FROM spans"
    " WHERE analysis_id = old.analysis_id AND technique = old.technique AND voice = old.voice), 0)"
    " WHERE technique = old.technique AND voice = old.voice AND analysis_id = old.analysis_id;"
    " DELETE FROM span_tallies WHERE technique = old.technique AND voice = old.voice"
    " AND analysis_id = old.analysis_id AND spans <= 0; END",
    "CREATE INDEX analysis_tallies_by_density ON analysis_tallies (density, analysis_id)",
    "CREATE INDEX documents_by_published ON documents (published, outlet, words, id)",
    "CREATE INDEX documents_by_outlet ON documents (outlet, published, words, id)",
    "CREATE INDEX spans_by_technique ON spans (technique, score, analysis_id)",
)


V7_LANGUAGES = """
ALTER TABLE documents ADD COLUMN language TEXT;
ALTER TABLE analyses ADD COLUMN detector_ran TEXT;
CREATE INDEX documents_by_language ON documents (language);
"""
"""Version 7: each document's language (ISO 639-1, detected when it is added, and for documents
stored before version 7 when the store is upgraded), and the detector that actually ran for
each analysis (under ``auto``, the one chosen for the document's language; NULL for analyses
stored before version 7, whose ``detector`` ran itself)."""


BACKFILL_BATCH = 500


def backfill_languages(connection: sqlite3.Connection) -> None:
    """Detect the language of documents stored before version 7 (about 2 ms each), a batch at a
    time so that a large store is never read into memory at once."""
    from spinscope.language import detect

    while rows := connection.execute("SELECT id, text FROM documents WHERE language IS NULL LIMIT ?",
                                     (BACKFILL_BATCH,)).fetchall():
        connection.executemany("UPDATE documents SET language = ? WHERE id = ?",
                               [(detect(text), doc_id) for doc_id, text in rows])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, analyses and spans", V1_TABLES),
    Migration(2, "word and character counts per document; index analyses by detector",
              V2_COUNTS, backfill_counts),
    Migration(3, "span voice, speaker and alternative techniques; quotes per analysis", V3_VOICES),
    Migration(4, "claims: leases on the documents an analysis run is working on", V4_CLAIMS),
    Migration(5, "each span's technique score and level (likely or possible)", V5_LEVELS),
    Migration(6, "explorer: full-text search over title and text (FTS5), span tallies per analysis "
              "and technique, covering indexes", "", explorer_tables),
    Migration(7, "each document's language; the detector that ran for each analysis (under auto)",
              V7_LANGUAGES, backfill_languages),
)
LATEST = MIGRATIONS[-1].version
