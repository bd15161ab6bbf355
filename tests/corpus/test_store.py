"""The corpus store: idempotent writes, schema migrations, refusing what it cannot open."""

from __future__ import annotations

import sqlite3

import pytest

from spinscope.document import Span
from spinscope.errors import StoreError
from spinscope.io.records import record_from_text
from spinscope.quotes import Quote
from spinscope.corpus.store import DetectorId, Outcome, Store, utc_now
from spinscope.corpus.schema import LATEST, MIGRATIONS

from tests.support.languages import ONE_LINE
from tests.support.stores import version_1_store

DETECTOR = DetectorId("first-word", "1")


def records(*texts: str):
    return [record_from_text(t, origin=f"test-{i}", outlet="Herald") for i, t in enumerate(texts)]


def test_store_add_is_idempotent(tmp_path):
    with Store(tmp_path / "c.db") as store:
        assert store.add_records(records("One article.", "Another article.")) == 2
        assert store.add_records(records("One article.", "A third one.")) == 1
        assert store.count_documents() == 3


def test_store_new_database_is_at_latest_schema_in_wal_mode(tmp_path):
    with Store(tmp_path / "c.db") as store:
        assert store.schema_version == LATEST
    connection = sqlite3.connect(tmp_path / "c.db")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_migrates_a_version_1_database_and_backfills_counts(tmp_path):
    path = tmp_path / "old.db"
    version_1_store(path, ["INSERT INTO documents (id, text, added) VALUES ('d1', 'three short words', '2024-01-01')"])
    with Store(path) as store:
        assert store.schema_version == LATEST
        rows = list(store.query("SELECT words, chars FROM documents WHERE id = 'd1'"))
    assert rows == [{"words": 3, "chars": 17}]


def build_version_2_store(path) -> None:
    """A store as spinscope wrote it before voices: schema version 2, one analysis with one span."""
    old = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        old.executescript(migration.sql)
    old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                " applied TEXT NOT NULL)")
    old.executemany("INSERT INTO schema_version VALUES (?, ?, '2024-01-01')", [(1, "v1"), (2, "v2")])
    old.execute("INSERT INTO documents (id, text, added, words, chars) VALUES"
                " ('d1', 'Traitors everywhere.', '2024-01-01', 2, 20)")
    old.execute("INSERT INTO analyses VALUES (1, 'd1', 'first-word', '1', 'ok', NULL, 'x', 'y')")
    old.execute("INSERT INTO spans VALUES (1, 0, 8, 'name_calling', 0.9)")
    old.commit()
    old.close()


def test_store_migrates_a_version_2_database_in_place_and_old_spans_are_the_outlets(tmp_path):
    path = tmp_path / "v2.db"
    build_version_2_store(path)
    with Store(path) as store:
        assert store.schema_version == LATEST
        (stored,) = store.analysed(DETECTOR)
    assert stored.spans == (Span(0, 8, "name_calling", 0.9),)
    assert (stored.spans[0].voice, stored.spans[0].speaker, stored.spans[0].alternatives) == ("outlet", None, ())
    assert stored.quotes == ()
    connection = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        connection.execute("INSERT INTO spans (analysis_id, char_start, char_end, technique, score, voice)"
                           " VALUES (1, 0, 8, 'doubt', 0.5, 'narrator')")


def test_store_round_trips_voice_speaker_alternatives_and_quotes(tmp_path):
    text = "Ann Lee said \"the traitors lie\". Bo Ek claimed that shameful deals were made. A 'plan'."
    said, claimed, scare = text.index("the traitors"), text.index("shameful"), text.index("plan")
    spans = (Span(said + 4, said + 12, "name_calling", 0.8, "quoted", "Ann Lee",
                  (("loaded_language", 0.15), ("doubt", 0.05))),
             Span(claimed, claimed + 8, "loaded_language", 0.7, "reported", "Bo Ek"),
             Span(0, 7, "doubt", 0.4))
    quotes = (Quote(said, said + 16, "quoted", "Ann Lee"), Quote(scare, scare + 4, "scare"),
              Quote(claimed, text.index(". A"), "reported", "Bo Ek"))
    with Store(tmp_path / "c.db") as store:
        store.add_records(records(text))
        (record,) = store.pending(DETECTOR).records
        store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans, quotes=quotes)], utc_now())
        (stored,) = store.analysed(DETECTOR)
    assert stored.spans == tuple(sorted(spans))
    assert stored.spans[1].alternatives == (("loaded_language", 0.15), ("doubt", 0.05))
    assert [(s.voice, s.speaker) for s in stored.spans] == [("outlet", None), ("quoted", "Ann Lee"),
                                                            ("reported", "Bo Ek")]
    assert stored.quotes == tuple(sorted(quotes, key=lambda q: (q.start, q.end)))


def test_store_write_outcomes_refuses_a_quote_of_unknown_kind_and_writes_nothing(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.add_records(records("Traitors everywhere.", "Heroes everywhere."))
        first, second = store.pending(DETECTOR).records
        rumour = Quote(0, 6, "quoted")
        object.__setattr__(rumour, "kind", "rumour")  # past Quote's own check: the table's CHECK must hold
        outcomes = [Outcome(first.document.id, (Span(0, 8, "name_calling"),)),
                    Outcome(second.document.id, quotes=(rumour,))]
        with pytest.raises(StoreError, match="does not fit the store"):
            store.write_outcomes(DETECTOR, outcomes, utc_now())
        assert store.count_pending(DETECTOR) == 2
        assert list(store.query("SELECT count(*) AS n FROM spans")) == [{"n": 0}]


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_version VALUES (?, 'future', 'x')", (LATEST + 1,))
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="newer than this spinscope"):
        Store(path)


def test_store_refuses_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite"):
        Store(path)


def test_store_missing_database_is_an_error_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="no such corpus database"):
        Store(tmp_path / "absent.db", "write")


def test_store_write_outcomes_twice_writes_once(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.add_records(records("Traitors everywhere."))
        doc_id = store.pending(DETECTOR).records[0].document.id
        outcome = Outcome(doc_id, (Span(0, 8, "name_calling", 0.9),))
        assert store.write_outcomes(DETECTOR, [outcome], utc_now()) == 1
        assert store.write_outcomes(DETECTOR, [outcome], utc_now()) == 0
        assert len(list(store.query("SELECT * FROM spans"))) == 1


def test_store_pending_is_per_detector_name_and_version(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.add_records(records("First.", "Second.", "Third."))
        first = store.pending(DETECTOR, limit=2)
        assert len(first.records) == 2
        store.write_outcomes(DETECTOR, [Outcome(r.document.id) for r in first.records], utc_now())
        assert [r.document.text for r in store.pending(DETECTOR).records] == ["Third."]
        assert store.count_pending(DetectorId("first-word", "2")) == 3
        assert len(store.pending(DETECTOR, after=first.last_rowid).records) == 1


def test_store_analysed_returns_spans_and_errors(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.add_records(records("Traitors everywhere.", "   "))
        ok, empty = store.pending(DETECTOR).records
        store.write_outcomes(DETECTOR, [Outcome(ok.document.id, (Span(0, 8, "name_calling", 0.9),)),
                                        Outcome(empty.document.id, error="empty")], utc_now())
        stored = {s.record.document.id: s for s in store.analysed(DETECTOR)}
        assert [run.ok for run in store.detectors()] == [1]
    assert stored[ok.document.id].spans == (Span(0, 8, "name_calling", 0.9),)
    assert stored[ok.document.id].words == 2
    assert stored[empty.document.id].error == "empty"


def test_store_keeps_every_span_with_its_level_and_technique_score(tmp_path):
    spans = (Span(0, 8, "name_calling", 0.7, technique_score=0.4),
             Span(9, 19, "doubt", 0.2, technique_score=0.6, level="possible"))
    with Store(tmp_path / "c.db") as store:
        store.add_records(records("Traitors everywhere, always."))
        [record] = store.pending(DETECTOR).records
        store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans)], utc_now())
        [stored] = store.analysed(DETECTOR)
    assert stored.spans == spans


def test_store_migration_3_gives_old_spans_the_likely_level(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    for migration in MIGRATIONS[:2]:
        old.executescript(migration.sql)
    old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                " applied TEXT NOT NULL)")
    old.execute("INSERT INTO schema_version VALUES (2, 'v2', '2024-01-01')")
    old.execute("INSERT INTO spans VALUES (1, 0, 4, 'doubt', 0.3)")
    old.commit()
    old.close()
    with Store(path) as store:
        rows = list(store.query("SELECT level, technique_score FROM spans"))
    assert rows == [{"level": "likely", "technique_score": None}]


def test_store_version_1_upgrades_in_place_with_each_documents_language(tmp_path):
    path = tmp_path / "old.db"
    version_1_store(path, [
        f"INSERT INTO documents (id, text, added) VALUES ('{code}', '{ONE_LINE[code]}', '2024-01-01')"
        for code in ("en", "ru", "uk")] + [
        ("INSERT INTO analyses (document_id, detector, detector_version, status, started, finished)"
         " VALUES ('en', 'minilm-ptc', 'v', 'ok', '2024-01-01', '2024-01-01')")])
    with Store(path, "write") as store:
        assert store.schema_version == LATEST
        languages = {r["id"]: r["language"] for r in store.query("SELECT id, language FROM documents")}
        (old,) = store.analysed(DetectorId("minilm-ptc", "v"))
    assert languages == {"en": "en", "ru": "ru", "uk": "uk"}
    assert (old.record.document.language, old.detector_ran) == ("en", "minilm-ptc")  # it ran itself


def test_store_records_each_documents_language_and_the_detector_that_ran(tmp_path):
    auto = DetectorId("auto", "1")
    with Store(tmp_path / "c.db") as store:
        store.add_records([record_from_text(ONE_LINE["pl"], origin="pl"), record_from_text(ONE_LINE["en"], origin="en")])
        batch = store.pending(auto)
        assert [r.document.language for r in batch.records] == ["pl", "en"]
        store.write_outcomes(auto, [Outcome(batch.records[0].document.id, detector="multilingual"),
                                    Outcome(batch.records[1].document.id, error="boom")], "2024-01-01")
        stored = {a.record.origin: a.detector_ran for a in store.analysed(auto)}
    assert stored == {"pl": "multilingual", "en": "auto"}


def test_store_upgrade_detects_languages_a_batch_at_a_time(tmp_path, monkeypatch):
    from spinscope.corpus import schema

    monkeypatch.setattr(schema, "BACKFILL_BATCH", 2)
    path = tmp_path / "old.db"
    codes = ("en", "ru", "uk", "de", "fr")
    version_1_store(path, [
        f"INSERT INTO documents (id, text, added) VALUES ('{code}', '{ONE_LINE[code]}', '2024-01-01')"
        for code in codes])
    with Store(path, "write") as store:
        languages = {r["id"]: r["language"] for r in store.query("SELECT id, language FROM documents")}
    assert languages == {code: code for code in codes}
