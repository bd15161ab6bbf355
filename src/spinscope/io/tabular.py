"""CSV (and TSV) corpus files with a header row, one article per row.

Line numbers in errors are the file's physical lines (a quoted text may span several).
A malformed row stops the read, or with ``skip_bad`` is yielded as a ``Failure``.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from spinscope.errors import MissingInputError, SourceError
from spinscope.io.records import Columns, Failure, Record
from spinscope.io.rows import row_to_record
from spinscope.io.text import MAX_CHARS


def _rows(reader: csv.DictReader, path: Path) -> Iterator[tuple[str, int, dict]]:
    start = 1
    for row in reader:
        where = f"{path}, line {start}" if reader.line_num == start else f"{path}, lines {start}-{reader.line_num}"
        yield where, start, row
        start = reader.line_num + 1


def _row_record(reader: csv.DictReader, row: dict, columns: Columns, where: str, number: int, path: Path) -> Record:
    if None in row:
        raise SourceError(f"{where}: more fields than the header has columns")
    if row.get(columns.text) is None and columns.text in (reader.fieldnames or ()):
        raise SourceError(f"{where}: fewer fields than the header; the {columns.text!r} column is missing")
    return row_to_record(row, columns, f"{path}, line {number}")


def read_csv(path: str | Path, columns: Columns = Columns(), encoding: str = "utf-8-sig",
             delimiter: str | None = None, skip_bad: bool = False) -> Iterator[Record | Failure]:
    """Every article of a CSV file (tab-separated when the name ends in .tsv); ``skip_bad``: bad
    rows become failures."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(f"{path}: no such CSV file")
    delimiter = delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, MAX_CHARS * 4)))
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            if not reader.fieldnames or columns.text not in reader.fieldnames:
                found = ", ".join(reader.fieldnames or []) or "none"
                raise SourceError(
                    f"{path}, line 1: the header has no {columns.text!r} column (columns: {found}); "
                    "name the text column with --text-column"
                )
            for where, number, row in _rows(reader, path):
                try:
                    item: Record | Failure = _row_record(reader, row, columns, where, number, path)
                except SourceError as error:
                    if not skip_bad:
                        raise
                    item = Failure.of(error, where)
                yield item
        except UnicodeDecodeError as error:
            raise SourceError(
                f"{path}, line {reader.line_num + 1}: not {encoding} text ({error.reason}); "
                "give the file's encoding with --encoding"
            ) from None
        except csv.Error as error:
            raise SourceError(f"{path}, line {reader.line_num}: malformed CSV ({error})") from None
