"""The learned speaker model: its candidates and features, its margins, its weights, and its place in the finder."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from spinscope.quotes import Quote, find_quotes
from spinscope.quotes import finder as finder_module
from spinscope.quotes.finder import find_quotes_by_rules
from spinscope.quotes.speaker_features import (
    NOBODY,
    Article,
    key_of,
    quote_features,
    settled,
)
from spinscope.quotes.speaker_model import WEIGHTS, SpeakerModel, shipped

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

FILLED = ("Cody Wilson has been fighting the government for five years.\n"
          "He told CBS News on Monday that he believes “access to firearms is a fundamental human dignity.”\n")


def test_key_of_is_the_last_word_case_folded():
    assert key_of("Vladimir Putin") == key_of("PUTIN") == "putin"
    assert key_of("  ") == NOBODY


def test_candidates_are_nearby_names_the_rules_choice_and_nobody():
    text = ("Sergei Lavrov met reporters in Moscow.\n"
            "“We will not back down,” Lavrov said.\n")
    art = Article(text, find_quotes_by_rules(text))
    candidates = quote_features(art, 0)
    assert NOBODY in candidates and "lavrov" in candidates
    assert candidates["lavrov"]["tight_after"] == 1.0       # '…,” Lavrov said'
    assert candidates["lavrov"]["rule"] == 1.0
    assert candidates["moscow"]["located"] == 1.0           # 'in Moscow': a place
    assert all(v != 0 for features in candidates.values() for v in features.values())   # zeros are left out


def test_names_inside_quotes_are_no_candidates():
    text = "“Ask Angela Merkel about it,” the minister said.\n"
    art = Article(text, find_quotes_by_rules(text))
    assert "merkel" not in quote_features(art, 0)


def test_a_speaker_written_against_a_speech_verb_is_settled():
    text = "“We will not back down,” Lavrov said.\n“Nor will we ever give up on the people of Donbas.”\n"
    art = Article(text, find_quotes_by_rules(text))
    assert [q.speaker for q in art.speech] == ["Lavrov", "Lavrov"]
    assert settled(art, 0)
    assert not settled(art, 1)                             # the same speaker, carried on: not written next to it


def _model(weights: dict[str, float], margin: float = 0.0, override: float = 0.0) -> SpeakerModel:
    return SpeakerModel(weights, margin, override)


def test_pick_keeps_the_rules_choice_unless_beaten_by_the_margin():
    candidates = {NOBODY: {"none_bias": 1.0}, "putin": {"rule": 1.0}, "lavrov": {"recent1": 1.0}}
    weights = {"none_bias": 0.0, "rule": 1.0, "recent1": 2.5}
    assert _model(weights, override=2.0).pick(candidates, "putin") == "putin"     # 2.5 - 1.0 < 2
    assert _model(weights, override=1.0).pick(candidates, "putin") == "lavrov"
    assert _model(weights, margin=3.0).pick(candidates, NOBODY) == NOBODY          # 2.5 - 0.0 < 3
    assert _model(weights, margin=2.0).pick(candidates, NOBODY) == "lavrov"


def test_pick_prefers_nobody_on_a_tie():
    candidates = {NOBODY: {"none_bias": 1.0}, "putin": {"recent1": 1.0}}
    assert _model({"none_bias": 1.0, "recent1": 1.0}).pick(candidates, NOBODY) == NOBODY


def test_choose_changes_speakers_only():
    text = FILLED + "“It is legally protected,” he said.\nThe court will rule in August.\n"
    rules, chosen = find_quotes_by_rules(text), find_quotes(text)
    assert [(q.start, q.end, q.kind) for q in rules] == [(q.start, q.end, q.kind) for q in chosen]


def test_a_model_that_always_names_the_last_person_fills_an_unattributed_quote():
    text = "Cody Wilson spoke first.\n“This is a fundamental human right.”\n"
    rules = find_quotes_by_rules(text)
    assert [q.speaker for q in rules if q.kind == "quoted"] == [None]
    eager = _model({"recent1": 5.0})
    assert [q.speaker for q in eager.choose(text, rules) if q.kind == "quoted"] == ["Cody Wilson"]


@pytest.mark.skipif(not (SHARED / "data" / "ptc").is_dir(), reason="../shared (the PTC texts) is absent")
@pytest.mark.parametrize(("article", "start", "speaker"), [
    ("770945799", 1018, "Kristian Saucier"),     # "Saucier’s federal lawsuit alleges that … was “overzealous”"
    ("776368676", 271, "Donald J. Trump"),       # "Trump wants the Justice Department to “stop the rigged …”"
])
def test_the_shipped_model_names_speakers_the_rules_left_out(article, start, speaker):
    """Two quotations of the development halves (H, I) whose labelled speaker the rules miss and the model finds."""
    path = SHARED / "data" / "ptc" / "train" / "articles" / f"article{article}.txt"
    with open(path, encoding="utf-8", newline="") as handle:       # offsets count "\r" as the labels do
        text = handle.read()

    def speaker_at(quotes: tuple[Quote, ...]) -> str | None:
        return next(q.speaker for q in quotes if q.start <= start < q.end)

    assert speaker_at(find_quotes_by_rules(text)) is None
    assert speaker_at(find_quotes(text)) == speaker


def test_without_weights_the_finder_gives_the_rules_speakers(monkeypatch):
    monkeypatch.setattr(finder_module, "shipped", lambda: None)
    assert find_quotes(FILLED) == find_quotes_by_rules(FILLED)


def test_choose_without_speech_returns_the_quotes_unchanged():
    quotes = (Quote(0, 5, "scare"),)
    assert shipped().choose("“hi” there", quotes) is quotes


def test_the_shipped_weights_are_whole():
    saved = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert saved["weights"] and all(isinstance(v, float) for v in saved["weights"].values())
    assert saved["margin"] >= 0 and saved["override"] >= 0
    assert shipped() == SpeakerModel.from_file()


def _trainer():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import train_speakers
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return train_speakers


def test_fit_learns_which_feature_marks_the_answer():
    data = [([{"good": 1.0, "noise": float(i % 2)}, {"bad": 1.0, "noise": float(1 - i % 2)}], [0]) for i in range(40)]
    weights = _trainer().fit(data, steps=200)
    assert weights["good"] > 0.5 > -0.5 > weights["bad"]
    assert abs(weights.get("noise", 0.0)) < 0.1


def test_fit_shares_the_credit_among_several_right_candidates():
    data = [([{"a": 1.0}, {"b": 1.0}, {"c": 1.0}], [0, 1])] * 20
    weights = _trainer().fit(data, steps=300)
    assert weights["a"] == pytest.approx(weights["b"], abs=1e-3) and weights["a"] > weights.get("c", 0.0)


@pytest.mark.skipif(not (SHARED / "data" / "ptc").is_dir(), reason="../shared (the PTC texts) is absent")
def test_training_examples_come_from_a_labelled_half():
    data = _trainer().examples(["C"])
    assert len(data) > 30
    assert all(right and max(right) < len(candidates) for candidates, right in data)
