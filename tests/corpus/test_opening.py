"""Opening a store: the application id, foreign and empty files, read-only opens, damaged files."""

from __future__ import annotations

import hashlib
import sqlite3
import threading

import pytest

from spinscope.corpus.schema import APPLICATION_ID, LATEST
from spinscope.corpus.store import Store, upgrade
from spinscope.errors import ConfigError, StoreError
from spinscope.io.records import record_from_text

from tests.support.stores import version_1_store


def fingerprint(path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def foreign_database(path, application_id: int = 0, tables: str = "CREATE TABLE notes (body TEXT)"):
    connection = sqlite3.connect(path)
    connection.executescript(tables)
    connection.execute(f"PRAGMA application_id = {application_id}")
    connection.commit()
    connection.close()
    return path


def filled_store(path, documents: int = 3):
    with Store(path) as store:
        store.add_records([record_from_text(f"Article {i} about traitors. " * 20, origin=f"t{i}")
                           for i in range(documents)])
    return path


def test_store_new_store_carries_the_application_id(tmp_path):
    filled_store(tmp_path / "c.db")
    connection = sqlite3.connect(tmp_path / "c.db")
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x5350494E


@pytest.mark.parametrize("mode", ["create", "write", "read"])
@pytest.mark.parametrize("kind", ["other tables", "our tables, other id"])
def test_store_foreign_sqlite_file_is_refused_and_untouched(tmp_path, mode, kind):
    path = tmp_path / "other.db"
    if kind == "other tables":
        foreign_database(path)
    else:
        foreign_database(path, 42, "CREATE TABLE schema_version (version INTEGER); CREATE TABLE documents (id TEXT)")
    before = fingerprint(path)
    with pytest.raises(StoreError, match="not a spinscope corpus store"):
        Store(path, mode)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


@pytest.mark.parametrize("mode", ["write", "read"])
def test_store_zero_byte_file_is_refused_unless_creating(tmp_path, mode):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError, match="an empty file"):
        Store(path, mode)
    assert path.stat().st_size == 0
    with Store(path, "create") as store:
        assert store.schema_version == LATEST


def test_store_read_mode_changes_nothing_and_cannot_write(tmp_path):
    path = filled_store(tmp_path / "c.db")
    before = fingerprint(path)
    with Store(path, "read") as store:
        assert store.count_documents() == 3
        with pytest.raises(StoreError, match="readonly"):
            store.add_records([record_from_text("New.", origin="n")])
    assert fingerprint(path) == before


def test_store_legacy_store_without_the_id_is_read_and_marked_on_write(tmp_path):
    path = filled_store(tmp_path / "c.db")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 0")
    connection.commit()
    connection.close()
    with Store(path, "read") as store:
        assert store.count_documents() == 3
    with Store(path, "write"):
        pass
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_store_read_mode_refuses_an_older_schema_until_upgraded(tmp_path):
    path = tmp_path / "v1.db"
    version_1_store(path)
    before = fingerprint(path)
    with pytest.raises(StoreError, match="corpus upgrade"):
        Store(path, "read")
    assert fingerprint(path) == before
    assert upgrade(path) == LATEST
    with Store(path, "read") as store:
        assert store.schema_version == LATEST


def test_store_damaged_pages_are_a_one_line_store_error(tmp_path):
    path = filled_store(tmp_path / "c.db", documents=200)
    size = path.stat().st_size
    assert size > 8 * 4096
    with open(path, "r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xa5" * (size - 4096))
    with pytest.raises(StoreError) as caught:
        with Store(path, "read") as store:
            store.count_documents()
    assert "malformed" in str(caught.value) and "\n" not in str(caught.value)


def test_store_unknown_mode_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown store mode"):
        Store(tmp_path / "c.db", "append")


def test_store_switching_to_wal_waits_for_another_process_holding_the_write_lock(tmp_path):
    """A second process checking the new store's schema holds the write lock while the first switches
    the file to WAL; SQLite refuses that switch at once rather than waiting, so opening must retry."""
    path = filled_store(tmp_path / "c.db")
    rollback = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    assert rollback.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    rollback.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, rollback.execute, ("COMMIT",))
    release.start()
    try:
        with Store(path, "write") as store:
            assert store.count_documents() == 3
    finally:
        release.join()
        rollback.close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
