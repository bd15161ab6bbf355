"""Stores as an older spinscope wrote them, for migration and upgrade tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from spinscope.corpus.schema import MIGRATIONS


def version_1_store(path: Path, statements: Sequence[str] = ()) -> Path:
    """A store at schema version 1 (its tables and ``schema_version`` row only, no application
    id), then ``statements`` run in it, e.g. rows inserted."""
    old = sqlite3.connect(path)
    old.executescript(MIGRATIONS[0].sql)
    old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                " applied TEXT NOT NULL)")
    old.execute("INSERT INTO schema_version VALUES (1, 'v1', '2024-01-01')")
    for statement in statements:
        old.execute(statement)
    old.commit()
    old.close()
    return path
