"""Score calibration: monotone, bounded, and fitted to observed precision."""

from __future__ import annotations

import numpy as np

from spinscope.detector.calibration import apply, fit_knots, isotonic, observed_precision
from spinscope.document import Span


def test_isotonic_pools_adjacent_violators():
    fitted = isotonic(np.array([1.0, 3.0, 2.0, 4.0]), np.ones(4))
    assert np.allclose(fitted, [1.0, 2.5, 2.5, 4.0])


def test_fit_knots_gives_a_non_decreasing_map_into_unit_interval():
    rng = np.random.default_rng(0)
    raw = rng.uniform(0.5, 1.0, 400)
    observed = (rng.uniform(size=400) < (raw - 0.5) * 1.5).astype(float)
    knots = fit_knots(raw, observed)
    calibrated = [apply(knots, x) for x in np.linspace(0, 1, 50)]
    assert all(b >= a for a, b in zip(calibrated, calibrated[1:]))
    assert 0 <= calibrated[0] and calibrated[-1] <= 1
    assert apply(knots, 0.55) < apply(knots, 0.95)


def test_apply_without_knots_keeps_the_raw_score():
    assert apply((), 0.37) == 0.37


def test_observed_precision_counts_characters_of_the_same_technique():
    span = Span(0, 10, "doubt")
    gold = [Span(5, 20, "doubt"), Span(0, 10, "slogans")]
    assert observed_precision(span, gold) == 0.5
