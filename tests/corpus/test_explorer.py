"""The explorer's migration (full-text search, tallies) and its read-only queries."""

from __future__ import annotations

import sqlite3

import pytest

from spinscope.document import Span
from spinscope.errors import StoreError
from spinscope.io.records import record_from_text
from spinscope.corpus.explorer import Explorer, Filters, connect_read_only, decode_cursor, fts_query
from spinscope.corpus.explorer_overview import build_overview
from spinscope.corpus.schema import MIGRATIONS
from spinscope.corpus.store import DetectorId, Outcome, Store, utc_now

DETECTOR = DetectorId("first-word", "1")
EXPLORER_MIGRATION = next(m for m in MIGRATIONS if m.python is not None and "explorer" in m.description)


def roll_back_explorer_migration(path) -> None:
    """Turn a store into one written before the explorer's migration: its objects and its
    schema_version row removed (the tallies' triggers, tables and indexes, the search index),
    and those of the migrations after it (7: languages)."""
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX documents_by_language")
        db.execute("ALTER TABLE documents DROP COLUMN language")
        db.execute("ALTER TABLE analyses DROP COLUMN detector_ran")
        db.execute("DELETE FROM schema_version WHERE version > ?", (EXPLORER_MIGRATION.version,))
        for kind, name in db.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index')"
                                     " AND (name LIKE 'documents_fts%' OR name LIKE '%tallies%'"
                                     " OR name IN ('documents_by_published', 'documents_by_outlet',"
                                     " 'spans_by_technique'))").fetchall():
            db.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        for table in ("documents_fts", "analysis_tallies", "span_tallies"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("DELETE FROM schema_version WHERE version = ?", (EXPLORER_MIGRATION.version,))


def add(store: Store, text: str, spans: tuple[Span, ...], **metadata) -> str:
    record = record_from_text(text, origin=text[:10], **metadata)
    store.add_records([record])
    store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans)], utc_now())
    return record.document.id


def tallies(path) -> tuple[list, list]:
    with sqlite3.connect(path) as db:
        return (db.execute("SELECT words, spans, round(density, 6), top_score FROM analysis_tallies"
                           " ORDER BY analysis_id").fetchall(),
                db.execute("SELECT technique, voice, analysis_id, spans, top_score FROM span_tallies"
                           " ORDER BY 1, 2, 3").fetchall())


def test_explorer_migration_backfills_search_and_tallies_of_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as old:
        add(old, "Traitors everywhere, say the zebras.", (Span(0, 8, "name_calling", 0.9),
                                                          Span(0, 8, "loaded_language", 0.4)))
        add(old, "A calm day.", ())
    roll_back_explorer_migration(path)
    with pytest.raises(StoreError, match="corpus upgrade"):
        Explorer(path)
    with Store(path) as store:
        assert store.schema_version == MIGRATIONS[-1].version
    rows, per_technique = tallies(path)
    assert rows == [(5, 2, 400.0, 0.9), (3, 0, 0.0, None)]
    assert per_technique == [("loaded_language", "outlet", 1, 1, 0.4), ("name_calling", "outlet", 1, 1, 0.9)]
    explorer = Explorer(path)
    assert [a.title for a in explorer.documents(DETECTOR, Filters(q="zebra")).articles] == []  # whole words
    assert len(explorer.documents(DETECTOR, Filters(q="ZEBRAS")).articles) == 1


def test_explorer_triggers_keep_search_and_tallies_in_step_with_writes(tmp_path):
    path = tmp_path / "new.db"
    with Store(path) as store:
        first = add(store, "Shameful traitors and shameful lies.", (Span(0, 8, "loaded_language", 0.6),
                                                                    Span(23, 31, "loaded_language", 0.7)))
        add(store, "Nothing to see.", ())
        with store.transaction() as db:  # what a clean-up would do: tallies and search follow
            db.execute("DELETE FROM spans WHERE char_start = 23")
            db.execute("UPDATE documents SET title = 'Renamed okapi' WHERE id = ?", (first,))
    rows, per_technique = tallies(path)
    assert rows == [(5, 1, 200.0, 0.6), (3, 0, 0.0, None)]
    assert per_technique == [("loaded_language", "outlet", 1, 1, 0.6)]
    explorer = Explorer(path)
    assert [a.id for a in explorer.documents(DETECTOR, Filters(q="okapi")).articles] == [first]
    with Store(path) as store, store.transaction() as db:
        db.execute("DELETE FROM documents WHERE id = ?", (first,))
    assert tallies(path)[1] == [] and len(tallies(path)[0]) == 1
    assert explorer.documents(DETECTOR, Filters(q="shameful")).articles == ()


def test_explorer_connection_cannot_write(tmp_path):
    path = tmp_path / "c.db"
    Store(path).close()
    db = connect_read_only(path)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("CREATE TABLE intruder (x)")
    db.close()


def test_explorer_search_words_are_never_query_syntax():
    assert fts_query('war "peace" OR NEAR(') == '"war" """peace""" "OR" "NEAR("'
    assert fts_query("   ") == ""


def test_explorer_cursor_round_trips_and_rejects_junk():
    from spinscope.corpus.explorer import Cursor
    assert decode_cursor(Cursor("2024-01-02", 7).encode(), "date") == Cursor("2024-01-02", 7)
    assert decode_cursor(Cursor(12.5, 3).encode(), "density") == Cursor(12.5, 3)
    for junk in ("", "%%%", Cursor("x", 1).encode()):
        with pytest.raises(ValueError):
            decode_cursor(junk, "density")


def test_explorer_overview_uses_rate_interval_per_outlet_and_technique(tmp_path):
    path = tmp_path / "o.db"
    with Store(path) as store:
        for i in range(5):
            add(store, f"Traitors {i} and more words here.", (Span(0, 8, "name_calling", 0.9),),
                outlet="A", published=f"2024-0{1 + i % 2}-01")
        add(store, "No date, no outlet.", ())
    explorer = Explorer(path)
    overview = build_overview(explorer, explorer.detector())
    by_outlet = {o.outlet: o for o in overview.outlets}
    assert set(by_outlet) == {"A", "unknown"} and by_outlet["A"].articles == 5
    assert by_outlet["A"].rate.method == "bootstrap" and by_outlet["unknown"].rate.method == "none"
    name_calling = next(t for t in by_outlet["A"].techniques if t.technique == "name_calling")
    assert name_calling.spans == 5 and name_calling.rate.value == pytest.approx(by_outlet["A"].rate.value)
    assert overview.months == ("2024-01", "2024-02")
    (a_trend,) = overview.trends("name_calling", "A")
    assert [p.spans for p in a_trend.points] == [3, 2]
