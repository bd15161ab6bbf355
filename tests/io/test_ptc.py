"""Reading and writing the PTC format."""

from __future__ import annotations

import pytest

from spinscope.document import Analysis, Document, Span
from spinscope.errors import LabelFileError, MissingInputError
from spinscope.io import ptc

from tests.support.ptc import write_ptc


def test_read_gold_keeps_bom_and_crlf_offsets(tmp_path):
    folder = write_ptc(tmp_path, {"1": "\ufeffThe traitors\r\nlie again."},
                         ["1\tName_Calling,Labeling\t5\t13", "1\tLoaded_Language\t15\t18"])
    [analysis] = ptc.read_gold(folder)
    assert analysis.document.id == "1"
    assert analysis.span_texts() == ["traitors", "lie"]
    assert [s.technique for s in analysis.spans] == ["name_calling", "loaded_language"]


def test_read_labels_names_file_line_and_reason(tmp_path):
    path = tmp_path / "tc.labels"
    path.write_text("1\tDoubt\t0\t5\n1\tDoubt\tzero\t5\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match=r"tc.labels, line 2: start and end must be integers"):
        ptc.read_labels(path)


@pytest.mark.parametrize("line, reason", [
    ("1\tDoubt", "expected 3 \\(SI\\) or 4 \\(TC\\)"),
    ("1\tDoubt\t9\t5", "0 <= start < end"),
    ("1\tName_Calling, Labeling\t0\t5", "unknown PTC technique 'Name_Calling, Labeling'"),
])
def test_read_labels_rejects_malformed_lines(tmp_path, line, reason):
    path = tmp_path / "x.labels"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match=reason):
        ptc.read_labels(path)


def test_read_gold_rejects_labels_for_missing_articles(tmp_path):
    folder = write_ptc(tmp_path, {"1": "Some text here."}, ["2\tDoubt\t0\t4"])
    with pytest.raises(LabelFileError, match="not in the folder: 2"):
        ptc.read_gold(folder)


def test_read_articles_on_missing_folder_says_so(tmp_path):
    with pytest.raises(MissingInputError, match="no such folder"):
        ptc.read_articles(tmp_path / "nowhere")


def test_write_labels_round_trips(tmp_path):
    document = Document("7", "They are warmongers and liars.")
    analysis = Analysis(document, (Span(9, 19, "name_calling"), Span(9, 29, "loaded_language")))
    ptc.write_labels([analysis], tmp_path / "pred.txt")
    labels = ptc.read_labels(tmp_path / "pred.txt")
    assert [(l.article_id, l.technique, l.start, l.end) for l in labels] == [
        ("7", "name_calling", 9, 19), ("7", "loaded_language", 9, 29)]
    assert "Name_Calling,Labeling" in (tmp_path / "pred.txt").read_text(encoding="utf-8")
    ptc.write_labels([analysis], tmp_path / "si.txt", with_technique=False)
    assert (tmp_path / "si.txt").read_text(encoding="utf-8") == "7\t9\t19\n7\t9\t29\n"


def test_read_gold_on_real_dev_split(ptc_dev):
    gold = ptc.read_gold(ptc_dev)
    assert len(gold) == 75
    assert sum(len(a.spans) for a in gold) == 1063


def test_read_gold_train_bom_articles_keep_offsets(ptc_train):
    gold = {a.document.id: a for a in ptc.read_gold(ptc_train)}
    for article_id in ("705409419", "712382330"):
        analysis = gold[article_id]
        text = analysis.document.text
        assert text.startswith("\ufeff")
        at_word_start = [not text[s.start - 1].isalnum() and text[s.start].isalnum() for s in analysis.spans]
        assert sum(at_word_start) >= len(at_word_start) / 2  # a BOM dropped would shift every span
