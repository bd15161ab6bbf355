"""CSV corpus files: header columns, multi-line texts, and errors that name the line."""

from __future__ import annotations

import pytest

from spinscope.errors import SourceError
from spinscope.io.records import Columns
from spinscope.io.tabular import read_csv


def test_read_csv_reads_quoted_multiline_text_and_metadata(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('text,outlet,published\n"First line.\nSecond line.",Herald,2024-02-03\nShort one.,,\n',
                    encoding="utf-8")
    first, second = read_csv(path)
    assert first.document.text == "First line.\nSecond line."
    assert (first.document.outlet, first.document.published) == ("Herald", "2024-02-03")
    assert second.document.outlet is None and second.origin.endswith("line 4")


def test_read_tsv_with_custom_text_column(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("body\tsource\nTraitors!\tCourier\n", encoding="utf-8")
    (record,) = read_csv(path, Columns(text="body", outlet="source"))
    assert (record.document.text, record.document.outlet) == ("Traitors!", "Courier")


def test_read_csv_without_the_text_column_lists_the_columns(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("body,outlet\nx,y\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 1: the header has no 'text' column \(columns: body, outlet\)"):
        list(read_csv(path))


@pytest.mark.parametrize("row, message", [
    ("a,b,c", "line 3: more fields than the header"),
    ("", None),
])
def test_read_csv_row_with_too_many_fields_names_its_line(tmp_path, row, message):
    path = tmp_path / "c.csv"
    path.write_text(f"text,outlet\nfine,Herald\n{row}\n", encoding="utf-8")
    if message is None:
        assert len(list(read_csv(path))) == 1
        return
    with pytest.raises(SourceError, match=message):
        list(read_csv(path))


def test_read_csv_row_with_too_few_fields_names_its_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("outlet,text\nHerald,fine\nCourier\n", encoding="utf-8")
    with pytest.raises(SourceError, match="line 3: fewer fields than the header"):
        list(read_csv(path))


def test_read_csv_unterminated_quote_names_its_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('text,outlet\nFine.,Herald\n"Never closed,Courier\nSwallowed.,Herald\nAlso.,Herald\n',
                    encoding="utf-8")
    rows = read_csv(path)
    assert next(rows).document.text == "Fine."
    with pytest.raises(SourceError, match="line 3: a quoted field opens on this line and is never closed") as raised:
        next(rows)
    assert raised.value.line == 3
