"""Rates per 1,000 words with 95% intervals over articles."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.corpus.intervals import BOOTSTRAP_MAX_N, rate_interval
from spinscope.errors import ConfigError


def test_rate_interval_pools_articles_and_brackets_the_rate():
    rate = rate_interval([2, 4, 0, 6], [1000, 1000, 500, 1500])
    assert rate.value == pytest.approx(1000 * 12 / 4000)
    assert rate.low < rate.value < rate.high and rate.n == 4 and rate.method == "bootstrap"


def test_rate_interval_narrows_with_more_articles():
    rng = np.random.default_rng(1)
    small = rate_interval(rng.poisson(5, 10), np.full(10, 800))
    large = rate_interval(rng.poisson(5, 400), np.full(400, 800))
    assert (large.high - large.low) < (small.high - small.low) / 3


def test_rate_interval_of_one_article_has_no_interval():
    rate = rate_interval([3], [600])
    assert (rate.low, rate.high, rate.method) == (None, None, "none") and rate.value == 5.0


def test_rate_interval_is_reproducible():
    assert rate_interval([1, 5, 2], [300, 900, 400]) == rate_interval([1, 5, 2], [300, 900, 400])


def test_rate_interval_delta_method_agrees_with_the_bootstrap_on_many_articles():
    rng = np.random.default_rng(7)
    n = BOOTSTRAP_MAX_N + 1
    words = rng.integers(200, 2000, n)
    counts = rng.poisson(words / 100)
    delta = rate_interval(counts, words)
    boot = rate_interval(counts[:BOOTSTRAP_MAX_N], words[:BOOTSTRAP_MAX_N])
    assert delta.method == "delta" and boot.method == "bootstrap"
    assert delta.high - delta.low == pytest.approx(boot.high - boot.low, rel=0.15)


def test_rate_interval_refuses_mismatched_lengths():
    with pytest.raises(ConfigError):
        rate_interval([1, 2], [100])
