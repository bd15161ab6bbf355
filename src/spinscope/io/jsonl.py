"""JSON Lines corpus files: one JSON object per line, one article per object.

A line that is not JSON (or JSON nested too deeply to parse), not an object, or has no
text field stops the read with an error naming the file and line number (or, with
``skip_bad``, is yielded as a ``Failure`` and the read goes on); blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from spinscope.errors import MissingInputError, SourceError
from spinscope.io.records import Columns, Failure, Record
from spinscope.io.rows import row_to_record


def _lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    if not path.is_file():
        raise MissingInputError(f"{path}: no such JSONL file", source=str(path))
    with open(path, encoding=encoding, newline="") as handle:
        number = 0
        try:
            for number, line in enumerate(handle, 1):
                yield number, line
        except UnicodeDecodeError as error:
            raise SourceError(f"{path}, line {number + 1}: not {encoding} text ({error.reason})",
                              source=str(path), line=number + 1) from None


def _parse(line: str, columns: Columns, path: Path, number: int) -> Record:
    where = f"{path}, line {number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise SourceError(f"{where}: not valid JSON ({error.msg} at column {error.colno})",
                          source=str(path), line=number) from None
    except RecursionError:
        raise SourceError(f"{where}: the JSON is nested too deeply to read", source=str(path),
                          line=number) from None
    if not isinstance(row, dict):
        raise SourceError(f"{where}: expected a JSON object per line, found {type(row).__name__}",
                          source=str(path), line=number)
    return row_to_record(row, columns, where)


def read_jsonl(path: str | Path, columns: Columns = Columns(), encoding: str = "utf-8-sig",
               skip_bad: bool = False) -> Iterator[Record | Failure]:
    """Every article of a JSONL file, in file order; ``skip_bad``: bad lines become failures."""
    path = Path(path)
    for number, line in _lines(path, encoding):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            item: Record | Failure = _parse(line, columns, path, number)
        except SourceError as error:
            if not skip_bad:
                raise
            item = Failure.of(error, where)
        yield item
