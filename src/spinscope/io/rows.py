"""Turning one row of a tabular source (a JSONL object, a CSV row) into a record.

Shared by the JSONL and CSV readers so that both apply the same rules: the text column
must exist and hold a string; metadata may be missing; other values become strings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from spinscope.errors import SourceError
from spinscope.io.records import Columns, Record, record_from_text


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise TypeError(f"a number, not {value}")
    if isinstance(value, (int, float, bool)):
        return str(value)
    raise TypeError(type(value).__name__)


def row_to_record(row: Mapping[str, object], columns: Columns, where: str) -> Record:
    """The record of one row; a missing or non-string text column raises SourceError naming ``where``."""
    if columns.text not in row:
        fields = ", ".join(sorted(map(str, row))) or "none"
        raise SourceError(f"{where}: no {columns.text!r} field (fields here: {fields})", source=where,
                          column=columns.text)
    text = row[columns.text]
    if not isinstance(text, str):
        raise SourceError(f"{where}: the {columns.text!r} field must be a string, not {type(text).__name__}")
    metadata = {}
    for field, column in columns.metadata().items():
        try:
            metadata[field] = _as_text(row.get(column))
        except TypeError as error:
            raise SourceError(f"{where}: the {column!r} field must be a string, not {error}") from None
    return record_from_text(text, origin=where, **metadata)
