"""``spinscope evaluate`` and the evaluation functions behind it."""

from __future__ import annotations

import json

import pytest

from spinscope.errors import LabelFileError
from spinscope.evaluation import evaluate_file
from spinscope.io import ptc

from tests.support.cli import invoke
from tests.support.ptc import write_ptc


def test_evaluate_dev_gold_against_itself_is_perfect(ptc_dev):
    result = invoke("evaluate", "--gold", str(ptc_dev), "--pred", str(ptc_dev / "tc.labels"), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["si_f1"] == scores["tc_micro_f1"] == scores["e2e_f1"] == 1.0
    assert all(v == 1.0 for k, v in scores.items() if k.endswith("_f1"))


def test_evaluate_table_prints_figures(ptc_dev):
    result = invoke("evaluate", "--gold", str(ptc_dev), "--pred", str(ptc_dev / "si.labels"))
    assert result.exit_code == 0
    assert "SI (span identification)" in result.output and "1.0000" in result.output


def test_evaluate_runs_a_detector(small_gold, tmp_path):
    write_ptc(tmp_path, {analysis.document.id: analysis.document.text for analysis in small_gold})
    ptc.write_labels(small_gold, tmp_path / "tc.labels")
    result = invoke("evaluate", "--gold", str(tmp_path), "-d", "lexicon", "--json")
    scores = json.loads(result.output)
    assert {"si_f1", "tc_micro_f1", "e2e_f1"} <= set(scores)
    assert scores["si_precision"] > 0


def test_evaluate_file_rejects_spans_past_the_article(small_gold, tmp_path):
    path = tmp_path / "pred.txt"
    path.write_text("a1\tDoubt\t0\t9999\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match="runs past the end of article a1"):
        evaluate_file(small_gold, path)
    path.write_text("zz\tDoubt\t0\t5\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match="article zz is not in the gold folder"):
        evaluate_file(small_gold, path)
