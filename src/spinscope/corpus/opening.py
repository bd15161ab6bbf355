"""Opening a corpus store: which files may be opened how, recognising our own, migrating.

A store is opened in one of three modes:

- ``create`` (``corpus add``): a missing or 0-byte file becomes a new store;
- ``write`` (``corpus analyze``): the file must already be a spinscope store;
- ``read`` (``info``, ``export``, ``report``, the explorer): as ``write``, but through a
  ``mode=ro`` URI, so the file's bytes are never changed; an older schema is refused
  rather than upgraded (``corpus upgrade`` does that).

A store carries ``PRAGMA application_id`` = ``APPLICATION_ID``. A SQLite file with another
id, or with tables but no id and not the tables of a store made before the id existed, is
foreign: it is refused before anything is written to it. Creating and migrating happen in
one ``BEGIN IMMEDIATE`` transaction that re-reads the schema version, so two processes
opening a new store at once both succeed and the second finds the work done; the switch to WAL
that follows is retried while the other holds that transaction (SQLite refuses it without waiting).
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from spinscope.corpus.schema import APPLICATION_ID, LATEST, MIGRATIONS, Migration
from spinscope.errors import StoreError

MODES = ("create", "write", "read")
BUSY_TIMEOUT_S = 30.0
_OUR_TABLES = {"schema_version", "documents"}


def check_file(path: Path, mode: str) -> None:
    """Refuse what this mode may not open: a missing file (unless creating), a folder, a 0-byte file."""
    if path.is_dir():
        raise StoreError(f"{path}: a folder, not a corpus database")
    if mode == "create":
        return
    if not path.is_file():
        raise StoreError(f"{path}: no such corpus database; create it with `spinscope corpus add`")
    if path.stat().st_size == 0:
        raise StoreError(f"{path}: an empty file, not a corpus database; "
                         "`spinscope corpus add` can create a store in it")


def connect(path: Path, mode: str) -> sqlite3.Connection:
    """A connection in autocommit mode (the store opens its own transactions)."""
    if mode == "read":
        uri = f"{path.resolve().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    else:
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    db.execute("PRAGMA foreign_keys=ON")
    return db


def identify(db: sqlite3.Connection) -> str:
    """``spinscope`` (marked as ours), ``legacy`` (ours, from before the mark), ``empty`` or ``foreign``."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id == APPLICATION_ID:
        return "spinscope"
    if application_id == 0 and not tables:
        return "empty"
    if application_id == 0 and _OUR_TABLES <= tables:
        return "legacy"
    return "foreign"


def _refuse_foreign(path: Path, identity: str, mode: str) -> None:
    if identity == "foreign":
        raise StoreError(f"{path}: a SQLite database that is not a spinscope corpus store; "
                         "it was left untouched")
    if identity == "empty" and mode != "create":
        raise StoreError(f"{path}: an empty SQLite database, not a corpus store; "
                         "`spinscope corpus add` can create a store in it")


def schema_version(db: sqlite3.Connection) -> int:
    """How far this store's schema has come (0 for a new one)."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not exists:
        return 0
    return db.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0


def _check_version(path: Path, current: int, mode: str) -> None:
    if current > LATEST:
        raise StoreError(f"{path}: schema version {current} is newer than this spinscope knows "
                         f"({LATEST}); upgrade spinscope to open it")
    if mode == "read" and current < LATEST:
        raise StoreError(f"{path}: written by an older spinscope (schema version {current}, this one "
                         f"reads {LATEST}); upgrade the store with `spinscope corpus upgrade`")


def _apply(db: sqlite3.Connection, migration: Migration) -> None:
    for statement in migration.sql.split(";"):
        if statement.strip():
            db.execute(statement)
    if migration.python:
        migration.python(db)
    db.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
               (migration.version, migration.description,
                datetime.now(timezone.utc).isoformat(timespec="milliseconds")))


def _migrate_locked(db: sqlite3.Connection, path: Path, mode: str) -> None:
    """Inside BEGIN IMMEDIATE: check again who owns the file, mark it, bring the schema up to date."""
    identity = identify(db)
    _refuse_foreign(path, identity, mode)
    if identity != "spinscope":
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
               "description TEXT NOT NULL, applied TEXT NOT NULL)")
    current = schema_version(db)
    _check_version(path, current, mode)
    for migration in MIGRATIONS:
        if current < migration.version:
            _apply(db, migration)


def prepare(db: sqlite3.Connection, path: Path, mode: str) -> None:
    """Recognise the store (refusing a foreign file unwritten), then create or migrate it and use WAL."""
    _refuse_foreign(path, identify(db), mode)
    if mode == "read":
        _check_version(path, schema_version(db), mode)
        return
    if identify(db) != "spinscope" or schema_version(db) != LATEST:
        db.execute("BEGIN IMMEDIATE")
        try:
            _migrate_locked(db, path, mode)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    _use_wal(db)
    db.execute("PRAGMA synchronous=NORMAL")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL (once per file; a file system without WAL keeps its journal, as SQLite answers
    then). The switch needs the file to itself, and when another process is opening the new store too SQLite
    answers "locked" at once, without waiting: retry then, until the busy deadline."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)
