"""The lexicon baseline: fit, predict, classify, save and load."""

from __future__ import annotations

import pytest

from spinscope.detector.lexicon import LexiconDetector
from spinscope.detector.loading import load_detector
from spinscope.document import Analysis, Document, Span
from spinscope.errors import ConfigError, ModelError
from spinscope.evaluation import evaluate_detector


def test_lexicon_overfits_then_saves_and_reloads(small_gold, tmp_path):
    detector = LexiconDetector(min_count=1, min_precision=0.5).fit(small_gold)
    [analysis] = detector.predict([Document("new", "Those traitors made a barbaric choice.")])
    found = {(s.text_in(analysis.document), s.technique) for s in analysis.spans}
    assert found == {("traitors", "name_calling"), ("barbaric", "loaded_language")}
    detector.save(tmp_path)
    reloaded = LexiconDetector.load(tmp_path)
    assert reloaded.predict([analysis.document]) == detector.predict([analysis.document])


def test_lexicon_predict_does_not_change_inputs(small_gold):
    detector = LexiconDetector().fit(small_gold)
    documents = [a.document for a in small_gold]
    before = list(documents)
    detector.predict(documents)
    assert documents == before


def test_lexicon_classify_names_given_spans(small_gold):
    detector = LexiconDetector(min_count=1).fit(small_gold)
    document = Document("x", "They are traitors, and it was shameful.")
    given = Analysis(document, (Span(9, 17, "doubt"), Span(30, 38, "doubt")))
    [classified] = detector.classify([given])
    assert [(s.start, s.end, s.technique) for s in classified.spans] == [
        (9, 17, "name_calling"), (30, 38, "loaded_language")]


def test_lexicon_scores_perfectly_on_its_training_words(small_gold):
    scores = evaluate_detector(LexiconDetector(min_count=1, min_precision=0.5).fit(small_gold), small_gold)
    assert scores["si_precision"] == pytest.approx(1.0)
    assert 0 < scores["si_recall"] < 1  # the long 'doubt' sentence is not a lexicon phrase


def test_lexicon_rejects_bad_settings():
    with pytest.raises(ConfigError):
        LexiconDetector(max_words=0)


def test_lexicon_load_rejects_other_files(tmp_path):
    (tmp_path / "lexicon.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a spinscope lexicon"):
        LexiconDetector.load(tmp_path)


def test_shipped_lexicon_loads_by_name():
    detector = load_detector("lexicon")
    [analysis] = detector.predict([Document("d", "This harsh criticism was frightening.")])
    assert {s.technique for s in analysis.spans} == {"loaded_language"}


def test_load_detector_unknown_name_lists_choices():
    with pytest.raises(ModelError, match="unknown detector 'nope'.*lexicon"):
        load_detector("nope")
