"""Exports of a corpus store: the same rows in CSV, JSON Lines and Parquet, voices and quotes included."""

from __future__ import annotations

import csv
import json

import pytest

from spinscope.document import Span
from spinscope.errors import ConfigError, OutputError
from spinscope.corpus.tables import default_path, export
from spinscope.io.records import record_from_text
from spinscope.quotes import Quote
from spinscope.corpus.store import DetectorId, Outcome, Store, utc_now

from tests.support.languages import ONE_LINE

DETECTOR = DetectorId("first-word", "1")
TEXT = "Ünïcode 🙂 traitors and heroes."
QUOTE = Quote(10, 29, "quoted", "Ann Lee")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.db") as store:
        store.add_records([record_from_text(TEXT, origin="t", outlet="Herald", published="2024-01-02")])
        (record,) = store.pending(DETECTOR).records
        spans = (Span(10, 18, "name_calling", 0.75, "quoted", "Ann Lee"), Span(23, 29, "loaded_language", 0.5))
        store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans, quotes=(QUOTE,))], utc_now())
        yield store


def test_export_spans_csv_has_span_text_by_character_offsets(store, tmp_path):
    out = tmp_path / "spans.csv"
    assert export(store, "csv", out) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["start"], r["end"], r["technique"], r["text"]) for r in rows] == [
        ("10", "18", "name_calling", "traitors"), ("23", "29", "loaded_language", "heroes")]
    assert rows[0]["outlet"] == "Herald" and rows[0]["detector_version"] == "1"


def test_export_spans_carry_voice_and_speaker_in_every_format(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    for format in ("csv", "jsonl", "parquet"):
        export(store, format, tmp_path / f"s.{format}")
    from_csv = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    from_jsonl = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines()]
    from_parquet = pq.read_table(tmp_path / "s.parquet").to_pylist()
    assert [(r["voice"], r["speaker"]) for r in from_csv] == [("quoted", "Ann Lee"), ("outlet", "")]
    assert [(r["voice"], r["speaker"]) for r in from_jsonl] == [("quoted", "Ann Lee"), ("outlet", None)]
    assert from_parquet == from_jsonl


def test_export_quotes_table_has_kind_speaker_and_text(store, tmp_path):
    export(store, "jsonl", tmp_path / "q.jsonl", table="quotes")
    (row,) = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (row["start"], row["end"], row["kind"], row["speaker"]) == (10, 29, "quoted", "Ann Lee")
    assert row["text"] == "traitors and heroes" and row["outlet"] == "Herald"


def test_export_jsonl_and_parquet_hold_the_same_rows(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(store, "jsonl", tmp_path / "a.jsonl", table="analyses")
    export(store, "parquet", tmp_path / "a.parquet", table="analyses")
    from_jsonl = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    from_parquet = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert from_jsonl == from_parquet
    assert from_jsonl[0]["spans"] == 2 and from_jsonl[0]["status"] == "ok" and from_jsonl[0]["words"] == 4
    assert from_jsonl[0]["quotes"] == 1


def test_export_documents_table_includes_text(store, tmp_path):
    export(store, "jsonl", tmp_path / "d.jsonl", table="documents")
    (row,) = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert row["text"] == TEXT and row["published"] == "2024-01-02"


def test_export_rejects_unknown_format_and_table(store, tmp_path):
    with pytest.raises(ConfigError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")
    with pytest.raises(ConfigError, match="unknown table"):
        export(store, "csv", tmp_path / "x", table="people")


def test_export_default_path_sits_beside_the_database():
    assert str(default_path("data/corpus.db", "spans", "parquet")) == "data/corpus.spans.parquet"


FORMULAS = {"title": "=HYPERLINK(\"http://x\")", "outlet": "+Herald", "url": "@SUM(A1)",
            "published": "-2024", "speaker": "=cmd|' /C calc'!A0", "text": "-1+1 traitors here."}


def test_export_csv_neutralises_formula_cells_in_every_text_column(tmp_path):
    text = FORMULAS["text"]
    metadata = {k: FORMULAS[k] for k in ("title", "outlet", "url", "published")}
    with Store(tmp_path / "c.db") as store:
        store.add_records([record_from_text(text, origin="@origin", **metadata)])
        (record,) = store.pending(DETECTOR).records
        spans = (Span(0, 4, "doubt", 0.5, "quoted", FORMULAS["speaker"]), Span(5, 13, "name_calling", 0.5))
        quotes = (Quote(0, 4, "quoted", FORMULAS["speaker"]),)
        store.write_outcomes(DETECTOR, [Outcome(record.document.id, spans, "=error", quotes)], utc_now())
        for table in ("spans", "quotes", "analyses", "documents"):
            export(store, "csv", tmp_path / f"{table}.csv", table=table)
            export(store, "jsonl", tmp_path / f"{table}.jsonl", table=table)
    for table in ("spans", "quotes", "analyses", "documents"):
        cells = [v for row in csv.DictReader((tmp_path / f"{table}.csv").open(encoding="utf-8")) for v in row.values()]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], table
        raw = [v for line in (tmp_path / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
               for v in json.loads(line).values() if isinstance(v, str)]
        assert all("'" + v in cells for v in raw if v[:1] in ("=", "+", "-", "@")), table
    spans_rows = list(csv.DictReader((tmp_path / "spans.csv").open(encoding="utf-8")))
    assert spans_rows[0]["title"] == "'" + FORMULAS["title"] and spans_rows[0]["text"] == "'-1+1"
    assert spans_rows[0]["speaker"] == "'" + FORMULAS["speaker"] and spans_rows[0]["score"] == "0.5"


def test_export_to_a_missing_folder_fails_before_writing(store, tmp_path):
    with pytest.raises(OutputError, match="no such folder"):
        export(store, "csv", tmp_path / "missing" / "spans.csv")


def test_export_has_the_language_and_the_detector_that_ran(tmp_path):
    db = tmp_path / "c.db"
    with Store(db) as store:
        record = record_from_text(ONE_LINE["ru"], origin="ru")
        store.add_records([record])
        store.write_outcomes(DetectorId("auto", "1"), [Outcome(record.document.id, detector="multilingual")],
                             utc_now())
        export(store, "jsonl", tmp_path / "a.jsonl", table="analyses")
        export(store, "csv", tmp_path / "d.csv", table="documents")
    (row,) = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (row["language"], row["detector"], row["detector_ran"]) == ("ru", "auto", "multilingual")
    assert "language" in (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
