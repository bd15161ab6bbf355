"""Score calibration: monotone, bounded, and fitted to observed precision."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.detector.calibration import apply, fit_map, isotonic
from spinscope.document import Span


def test_isotonic_pools_adjacent_violators():
    fitted = isotonic(np.array([1.0, 3.0, 2.0, 4.0]), np.ones(4))
    assert np.allclose(fitted, [1.0, 2.5, 2.5, 4.0])


def test_fit_map_gives_a_non_decreasing_map_into_unit_interval():
    rng = np.random.default_rng(0)
    raw = rng.uniform(0.5, 1.0, 400)
    observed = (rng.uniform(size=400) < (raw - 0.5) * 1.5).astype(float)
    knots = fit_map(raw, observed)
    calibrated = [apply(knots, x) for x in np.linspace(0, 1, 50)]
    assert all(b >= a for a, b in zip(calibrated, calibrated[1:]))
    assert 0 <= calibrated[0] and calibrated[-1] <= 1
    assert apply(knots, 0.55) < apply(knots, 0.95)


def test_apply_without_knots_keeps_the_raw_score():
    assert apply((), 0.37) == 0.37


# --- the two calibrated scores, cross-fitting, spread and the likely cut (issue 13, part 3)

from spinscope.detector.calibration import (  # noqa: E402
    METHODS, choose_method, cross_fit, fit_platt, folds_of, held_out_likely, likely_cut, precision_at, propaganda_share,
    reliability, technique_share,
)


def synthetic(n: int = 2000, seed: int = 0):
    """Raw scores whose true probability of "propaganda" is 0.1 + 0.8 * raw, in 100 articles."""
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0, 1, n)
    observed = (rng.uniform(size=n) < 0.1 + 0.8 * raw).astype(float)
    return raw, observed, [f"a{i % 100}" for i in range(n)]


def test_fit_map_scores_are_spread_not_stepped():
    raw, observed, _ = synthetic()
    knots = fit_map(raw, observed)
    scores = [apply(knots, x) for x in raw]
    figures = reliability(scores, observed)
    assert figures.top_share <= 0.05 and figures.bins_used >= 6


def test_cross_fit_is_calibrated_on_held_out_articles():
    raw, observed, articles = synthetic()
    held = cross_fit(raw, observed, articles)
    assert reliability(held, observed).ece <= 0.05
    assert np.corrcoef(held, 0.1 + 0.8 * raw)[0, 1] > 0.9


def test_cross_fit_scores_each_article_with_a_map_fitted_without_it():
    raw = np.tile(np.linspace(0.1, 0.9, 50), 10)
    articles = [f"a{i // 50}" for i in range(500)]
    observed = np.array([1.0 if a == "a3" else 0.0 for a in articles])  # only one article is propaganda
    held = cross_fit(raw, observed, articles)
    in_sample = [apply(fit_map(raw, observed), x) for x in raw]
    assert max(held[i] for i, a in enumerate(articles) if a == "a3") == 0.0  # it never saw a3
    assert max(in_sample) > 0.0


def test_folds_of_keeps_each_article_in_one_fold():
    folds = folds_of(["b", "a", "b", "c", "a", "d", "e", "f"])
    assert folds[0] == folds[2] and folds[1] == folds[4]
    assert set(folds) == {0, 1, 2, 3, 4}


def test_reliability_weights_bins_by_spans():
    figures = reliability([0.05, 0.05, 0.95, 0.95], [0.0, 0.0, 1.0, 0.0])
    assert figures.ece == pytest.approx((2 * 0.05 + 2 * 0.45) / 4)
    assert figures.bins_used == 2 and figures.top_share == 0.5
    assert "| 0.9-1.0 | 2 | 0.950 | 0.500 |" in figures.table()


def test_likely_cut_is_the_lowest_score_with_precision_at_least_0_6():
    scores = np.linspace(0, 0.99, 100)
    precision = (scores > 0.5).astype(float)  # above 0.5 every span is propaganda
    cut = likely_cut(scores, precision)
    assert precision_at(scores, precision, cut)[0] >= 0.6
    assert precision_at(scores, precision, round(cut - 0.01, 2))[0] < 0.6
    assert likely_cut(scores, np.zeros(100)) == 1.0  # never reached: nothing is likely


def test_choose_method_wants_the_shipped_scores_spread_too(monkeypatch):
    from spinscope.detector import calibration

    raw, observed, articles = synthetic()

    def narrow_when_shipped(r, o):  # isotonic on four fifths of the spans, one value on all of them
        return fit_map(r, o) if len(r) < len(raw) else ((0.0, 0.5), (1.0, 0.5))
    monkeypatch.setattr(calibration, "METHODS", {"narrow": narrow_when_shipped, "isotonic": fit_map})
    assert choose_method(raw, observed, articles)[0] == "isotonic"  # same held-out ECE, but spread as shipped


def test_likely_cut_on_the_shipped_map_marks_the_top_ranked_spans_whichever_map_is_fitted():
    raw, observed, _ = synthetic()
    marked = {}
    for method, fit in METHODS.items():
        knots = fit(raw, observed)
        scores = np.array([apply(knots, x) for x in raw])
        likely = scores >= likely_cut(scores, observed)
        assert raw[likely].min() >= raw[~likely].max()  # a cut on the model's ranking
        assert observed[likely].mean() >= 0.6
        marked[method] = likely.mean()
    assert abs(marked["isotonic"] - marked["platt"]) < 0.03


def test_held_out_likely_holds_map_and_cut_fitted_without_the_article():
    raw, observed, articles = synthetic()
    precision, share = held_out_likely(raw, observed, articles)
    assert 0.55 <= precision <= 0.65 and 0.65 <= share <= 0.85  # truth: raw from 0.25 up, 75% of spans
    assert held_out_likely(raw, np.zeros(len(raw)), articles) == (0.0, 0.0)  # nothing is likely anywhere


def test_propaganda_share_counts_any_technique_and_technique_share_only_gold_characters():
    span = Span(0, 10, "doubt")
    gold = [Span(0, 4, "slogans"), Span(4, 6, "doubt")]
    assert propaganda_share(span, gold) == 0.6
    assert technique_share(span, gold) == pytest.approx(2 / 6)
    assert technique_share(span, [Span(20, 30, "doubt")]) is None


def test_fit_platt_recovers_a_logistic_curve_on_the_logit_of_the_raw_score():
    rng = np.random.default_rng(1)
    raw = rng.uniform(0.01, 0.99, 4000)
    truth = 1 / (1 + np.exp(-(0.5 + 0.8 * np.log(raw / (1 - raw)))))
    observed = (rng.uniform(size=4000) < truth).astype(float)
    knots = fit_platt(raw, observed)
    assert max(abs(apply(knots, x) - t) for x, t in zip(raw[:200], truth[:200])) < 0.05


def test_choose_method_keeps_a_calibrated_spread_map():
    raw, observed, articles = synthetic()
    method, held = choose_method(raw, observed, articles)
    figures = reliability(held, observed)
    assert method in ("isotonic", "platt")
    assert figures.ece <= 0.05 and figures.top_share <= 0.05 and figures.bins_used >= 6
