"""CSV (and TSV) corpus files with a header row, one article per row.

Line numbers in errors are the file's physical lines (a quoted text may span several).
The file is parsed strictly: a quote that is never closed is an error naming the line it
opens on, not a last row that silently swallows the rest of the file. A row of the wrong
shape stops the read too, or with ``skip_bad`` is yielded as a ``Failure``; an unterminated
quote always stops it (nothing after it can be read reliably).
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


def _malformed(path: Path, line: int, error: csv.Error) -> SourceError:
    if "unexpected end of data" in str(error):
        return SourceError(f"{path}, line {line}: a quoted field opens on this line and is never closed "
                           "(an unterminated quote)", source=str(path), line=line)
    return SourceError(f"{path}, line {line}: malformed CSV ({error})", source=str(path), line=line)


def _rows(reader: csv.DictReader, path: Path) -> Iterator[tuple[int, str, dict]]:
    start = 1 + (reader.line_num or 1)
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise _malformed(path, start, error) from None
        where = f"{path}, line {start}" if reader.line_num == start else f"{path}, lines {start}-{reader.line_num}"
        yield start, where, row
        start = reader.line_num + 1


def _row_record(reader: csv.DictReader, row: dict, columns: Columns, where: str, number: int, path: Path) -> Record:
    if None in row:
        raise SourceError(f"{where}: more fields than the header has columns", source=str(path), line=number)
    if row.get(columns.text) is None and columns.text in (reader.fieldnames or ()):
        raise SourceError(f"{where}: fewer fields than the header; the {columns.text!r} column is missing",
                          source=str(path), line=number)
    return row_to_record(row, columns, f"{path}, line {number}")


def _header(reader: csv.DictReader, path: Path, columns: Columns) -> None:
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        raise _malformed(path, 1, error) from None
    if not fieldnames or columns.text not in fieldnames:
        found = ", ".join(fieldnames or []) or "none"
        raise SourceError(f"{path}, line 1: the header has no {columns.text!r} column (columns: {found})",
                          source=str(path), line=1, column=columns.text)


def read_csv(path: str | Path, columns: Columns = Columns(), encoding: str = "utf-8-sig",
             delimiter: str | None = None, skip_bad: bool = False) -> Iterator[Record | Failure]:
    """Every article of a CSV file (tab-separated when the name ends in .tsv); ``skip_bad``: a bad
    row is yielded as a Failure and the read goes on."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(f"{path}: no such CSV file", source=str(path))
    delimiter = delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, MAX_CHARS * 4)))
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter, strict=True)
        try:
            _header(reader, path, columns)
            for number, where, row in _rows(reader, path):
                try:
                    item: Record | Failure = _row_record(reader, row, columns, where, number, path)
                except SourceError as error:
                    if not skip_bad:
                        raise
                    item = Failure.of(error, where)
                yield item
        except UnicodeDecodeError as error:
            line = reader.line_num + 1
            raise SourceError(f"{path}, line {line}: not {encoding} text ({error.reason})",
                              source=str(path), line=line) from None
