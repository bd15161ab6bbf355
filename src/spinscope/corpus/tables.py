"""Exporting a corpus store as flat tables: CSV, Parquet or JSON Lines.

Four tables: ``spans`` (one row per technique span, with its document's metadata, the
span's text, and whose voice it is in: ``voice`` is outlet, quoted or reported, ``speaker``
the quoted speaker where known), ``quotes`` (one row per quoted, reported or scare range
found in an analysed document, with its speaker), ``analyses`` (one row per analysed
document) and ``documents``. Every table has the document's ``language`` (ISO 639-1); the
analyses' tables also ``detector_ran``, the detector that ran (under ``auto``, the one chosen
for the language; ``detector`` is then "auto").
Rows are streamed, so a large store is exported without being loaded whole.
In CSV, a text cell that starts with ``= + - @`` (or a tab or carriage return) is prefixed
with a single quote, so that a spreadsheet shows it as text instead of running it as a
formula (CSV injection); JSON Lines and Parquet keep every value as stored.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from spinscope.io.output import check_output
from spinscope.errors import ConfigError
from spinscope.corpus.store import Store

FORMATS = ("csv", "parquet", "jsonl")
PARQUET_ROWS_PER_GROUP = 10_000

_QUERIES = {
    "spans": (
        "SELECT a.document_id, d.title, d.outlet, d.published, d.url, d.language, a.detector,"
        " a.detector_version, a.detector_ran, s.char_start AS start, s.char_end AS \"end\", s.technique, s.score,"
        " s.technique_score, s.level, s.voice, s.speaker,"
        " substr(d.text, s.char_start + 1, s.char_end - s.char_start) AS text"
        " FROM spans s JOIN analyses a ON a.id = s.analysis_id JOIN documents d ON d.id = a.document_id"
        " ORDER BY a.id, s.char_start, s.char_end"
    ),
    "quotes": (
        "SELECT a.document_id, d.title, d.outlet, d.published, d.url, d.language, a.detector,"
        " a.detector_version, a.detector_ran, q.char_start AS start, q.char_end AS \"end\", q.kind, q.speaker,"
        " substr(d.text, q.char_start + 1, q.char_end - q.char_start) AS text"
        " FROM quotes q JOIN analyses a ON a.id = q.analysis_id JOIN documents d ON d.id = a.document_id"
        " ORDER BY a.id, q.char_start, q.char_end"
    ),
    "analyses": (
        "SELECT a.document_id, d.title, d.outlet, d.published, d.url, d.language, d.words, d.chars,"
        " a.detector, a.detector_version, a.detector_ran, a.status, a.error,"
        " (SELECT count(*) FROM spans s WHERE s.analysis_id = a.id) AS spans,"
        " (SELECT count(*) FROM quotes q WHERE q.analysis_id = a.id) AS quotes, a.started, a.finished"
        " FROM analyses a JOIN documents d ON d.id = a.document_id ORDER BY a.id"
    ),
    "documents": (
        "SELECT id, title, url, outlet, published, language, origin, problem, added, words, chars, text"
        " FROM documents ORDER BY rowid"
    ),
}
TABLES = tuple(_QUERIES)
_INTEGER = {"start", "end", "words", "chars", "spans", "quotes"}
_FLOAT = {"score", "technique_score"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def default_path(database: str | Path, table: str, format: str) -> Path:
    """``corpus.db`` → ``corpus.spans.csv``, beside the database."""
    return Path(database).with_suffix(f".{table}.{format}")


def rows(store: Store, table: str) -> Iterator[dict[str, object]]:
    if table not in _QUERIES:
        raise ConfigError(f"unknown table {table!r}; export one of {', '.join(TABLES)}")
    return store.query(_QUERIES[table])


def neutralise(value: object) -> object:
    """A text a spreadsheet would take for a formula, prefixed with ``'``; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(columns: list[str], records: Iterable[dict], out) -> None:
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows({k: neutralise(v) for k, v in record.items()} for record in records)


def write_jsonl(records: Iterable[dict], out) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_parquet(columns: list[str], records: Iterable[dict], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("Parquet export needs pyarrow; install spinscope[corpus]") from None
    kinds = {c: pa.int64() if c in _INTEGER else pa.float64() if c in _FLOAT else pa.string() for c in columns}
    schema = pa.schema([(c, kinds[c]) for c in columns])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for record in records:
            batch.append(record)
            if len(batch) >= PARQUET_ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def export(store: Store, format: str, out: str | Path, table: str = "spans") -> int:
    """Write one table to ``out`` ("-" is standard output, for CSV and JSONL); returns rows written."""
    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    check_output(out)
    counted = [0]

    def counting(items: Iterator[dict]) -> Iterator[dict]:
        for item in items:
            counted[0] += 1
            yield item

    records, columns = counting(rows(store, table)), store.query_columns(_QUERIES[table])
    if format == "parquet":
        if str(out) == "-":
            raise ConfigError("Parquet cannot go to standard output; give a file with --out")
        write_parquet(columns, records, Path(out))
        return counted[0]
    handle = sys.stdout if str(out) == "-" else open(out, "w", encoding="utf-8", newline="")
    try:
        write_csv(columns, records, handle) if format == "csv" else write_jsonl(records, handle)
    finally:
        if handle is not sys.stdout:
            handle.close()
    return counted[0]
