"""The SemEval-2020 scorers on hand-computed cases and on generated ones."""

from __future__ import annotations

import pytest

from spinscope.document import Span
from spinscope.scoring import merge_intervals, si_scores, span_technique_scores, tc_scores
from spinscope.techniques import TECHNIQUE_IDS

LL, NC = "loaded_language", "name_calling"


def spans(*triples):
    return [Span(s, e, t) for s, e, t in triples]


def test_merge_intervals_joins_only_shared_characters():
    assert merge_intervals([(5, 20), (0, 10), (20, 25)]) == [(0, 20), (20, 25)]


def test_si_partial_overlap_counts_shared_characters():
    scores = si_scores({"a": spans((0, 10, LL))}, {"a": spans((5, 15, LL))})
    assert scores["si_precision"] == pytest.approx(0.5)
    assert scores["si_recall"] == pytest.approx(0.5)
    assert scores["si_f1"] == pytest.approx(0.5)


def test_si_overlapping_gold_spans_are_merged():
    scores = si_scores({"a": spans((0, 10, LL), (5, 20, NC))}, {"a": spans((0, 10, LL))})
    assert scores["si_precision"] == pytest.approx(1.0)
    assert scores["si_recall"] == pytest.approx(0.5)
    assert scores["si_f1"] == pytest.approx(2 / 3)


def test_si_overlapping_predictions_are_merged():
    scores = si_scores({"a": spans((0, 10, LL))}, {"a": spans((0, 6, LL), (4, 10, NC))})
    assert scores["si_f1"] == pytest.approx(1.0)


def test_si_one_prediction_over_two_gold_spans():
    scores = si_scores({"a": spans((0, 4, LL), (6, 10, LL))}, {"a": spans((0, 10, LL))})
    assert scores["si_precision"] == pytest.approx(0.8)
    assert scores["si_recall"] == pytest.approx(1.0)
    assert scores["si_f1"] == pytest.approx(2 * 0.8 / 1.8)


def test_si_empty_predictions_score_zero():
    scores = si_scores({"a": spans((0, 10, LL))}, {})
    assert scores == {"si_precision": 0.0, "si_recall": 0.0, "si_f1": 0.0}


def test_si_article_missing_from_submission_counts_in_recall():
    gold = {"a": spans((0, 10, LL)), "b": spans((0, 10, LL))}
    scores = si_scores(gold, {"a": spans((0, 10, LL))})
    assert scores["si_precision"] == pytest.approx(1.0)
    assert scores["si_recall"] == pytest.approx(0.5)


def test_tc_multi_label_span_ignores_label_order():
    gold = {"a": spans((0, 10, LL), (0, 10, NC))}
    assert tc_scores(gold, {"a": spans((0, 10, NC), (0, 10, LL))})["tc_micro_f1"] == pytest.approx(1.0)
    assert tc_scores(gold, {"a": spans((0, 10, LL), (0, 10, LL))})["tc_micro_f1"] == pytest.approx(0.5)


def test_tc_per_technique_f1():
    gold = {"a": spans((0, 10, LL), (20, 30, NC), (40, 50, NC))}
    pred = {"a": spans((0, 10, LL), (20, 30, LL), (40, 50, NC))}
    scores = tc_scores(gold, pred)
    assert scores["tc_micro_f1"] == pytest.approx(2 / 3)
    assert scores[f"tc_{LL}_f1"] == pytest.approx(2 / 3)  # P 1/2, R 1/1
    assert scores[f"tc_{NC}_f1"] == pytest.approx(2 / 3)  # P 1/1, R 1/2


def test_end_to_end_counts_overlap_only_with_matching_technique():
    gold = {"a": spans((0, 10, LL), (20, 30, NC))}
    pred = {"a": spans((0, 10, NC), (20, 30, NC))}
    assert si_scores(gold, pred)["si_f1"] == pytest.approx(1.0)
    scores = span_technique_scores(gold, pred)
    assert scores["e2e_precision"] == pytest.approx(0.5)
    assert scores["e2e_recall"] == pytest.approx(0.5)
    assert scores[f"e2e_{NC}_f1"] == pytest.approx(2 / 3)
    assert scores[f"e2e_{LL}_f1"] == 0.0


# Hypothesis is imported in the tests that use it, not when the module is collected.
def span_sets():
    """A strategy: articles a..e, each with one to six spans of any technique."""
    from hypothesis import strategies as st

    @st.composite
    def draw_span_sets(draw):
        articles = {}
        for article in draw(st.lists(st.sampled_from("abcde"), min_size=1, max_size=4, unique=True)):
            triples = draw(st.lists(
                st.tuples(st.integers(0, 200), st.integers(1, 40), st.sampled_from(TECHNIQUE_IDS)),
                min_size=1, max_size=6))
            articles[article] = [Span(s, s + n, t) for s, n, t in triples]
        return articles

    return draw_span_sets()


def test_scores_perfect_prediction_is_one():
    from hypothesis import given

    @given(span_sets())
    def check(gold):
        for scores in (si_scores(gold, gold), tc_scores(gold, gold), span_technique_scores(gold, gold)):
            for key in ("si_f1", "tc_micro_f1", "e2e_f1"):
                if key in scores:
                    assert scores[key] == pytest.approx(1.0)

    check()


def test_scores_stay_within_unit_interval():
    from hypothesis import given

    @given(span_sets(), span_sets())
    def check(gold, pred):
        scores = {**si_scores(gold, pred), **tc_scores(gold, pred), **span_technique_scores(gold, pred)}
        assert all(-1e-9 <= value <= 1 + 1e-9 for value in scores.values())

    check()


def test_scorers_count_every_technique_of_a_merged_span():
    gold = {"a": [Span(0, 10, "doubt"), Span(0, 10, "slogans")]}
    separate = {"a": [Span(0, 10, "doubt", 0.9), Span(0, 10, "slogans", 0.4)]}
    merged = {"a": [Span(0, 10, "doubt", 0.9, alternatives=(("slogans", 0.4),))]}
    assert span_technique_scores(gold, merged) == span_technique_scores(gold, separate)
    assert span_technique_scores(gold, merged)["e2e_f1"] == 1.0
    assert tc_scores(gold, merged)["tc_micro_f1"] == tc_scores(gold, separate)["tc_micro_f1"] == 1.0
