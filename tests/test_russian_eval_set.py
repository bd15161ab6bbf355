"""The hand-made Russian evaluation set is whole and its gold labels are up to date."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinscope.io.ptc import read_gold

REPO = Path(__file__).resolve().parents[1]
RU = REPO / "benchmarks" / "data" / "ru"
DEV = REPO.parent / "shared" / "data" / "ptc" / "dev"


def test_labels_are_built_from_the_span_files():
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "build_ru_eval.py"), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_article_is_russian_and_keeps_its_lines():
    for spans in sorted((RU / "spans").glob("*.json")):
        text = (RU / "articles" / f"article{spans.stem}.txt").read_text(encoding="utf-8")
        letters = [c for c in text if c.isalpha()]
        assert sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters) / len(letters) > 0.8, spans.stem
        if DEV.is_dir():
            original = (DEV / "articles" / f"article{spans.stem}.txt").read_text(encoding="utf-8")
            assert text.count("\n") == original.count("\n"), spans.stem


@pytest.mark.skipif(not DEV.is_dir(), reason="needs PTC dev in ../shared")
def test_every_gold_span_of_the_originals_is_carried_over():
    gold = {line.split("\t")[0]: [] for line in (RU / "tc.labels").read_text(encoding="utf-8").splitlines()}
    for line in (DEV / "tc.labels").read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        if article in gold:
            gold[article].append((technique, int(start), int(end)))
    for article, spans in gold.items():
        entries = json.loads((RU / "spans" / f"{article}.json").read_text(encoding="utf-8"))
        assert [(e["technique"], e["start_en"], e["end_en"]) for e in entries] == spans, article


def test_the_folder_reads_as_ptc_gold():
    analyses = read_gold(RU)
    assert len(analyses) == 15
    assert sum(len(a.spans) for a in analyses) == 131


def test_every_article_of_the_set_is_detected_as_russian():
    from spinscope.language import detect

    for article in sorted((RU / "articles").glob("article*.txt")):
        assert detect(article.read_text(encoding="utf-8")) == "ru", article.name
    assert detect((REPO / "examples" / "rally-speech.ru.txt").read_text(encoding="utf-8")) == "ru"


@pytest.mark.skipif(not DEV.is_dir(), reason="needs PTC dev in ../shared")
def test_their_english_originals_are_detected_as_english():
    from spinscope.language import detect

    for article in sorted((RU / "articles").glob("article*.txt")):
        assert detect((DEV / "articles" / article.name).read_text(encoding="utf-8")) == "en", article.name
