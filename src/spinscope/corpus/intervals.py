"""95% intervals for corpus rates (spans per 1,000 words), so that outlets compare fairly.

A rate pools articles: the sum of spans over the sum of words. Its uncertainty comes from
which articles an outlet happened to publish, so intervals resample *articles*. Up to
``BOOTSTRAP_MAX_N`` articles the interval is a percentile bootstrap (``REPLICATES``
resamples, fixed seed, so a report is reproducible); above that, resampling costs too
much and the ratio estimator's normal (delta-method) interval is used, which for
hundreds of articles agrees with the bootstrap. One article gives no interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.errors import ConfigError

PER_WORDS = 1000.0
REPLICATES = 1000
BOOTSTRAP_MAX_N = 2000
SEED = 20200911
Z95 = 1.959964


@dataclass(frozen=True)
class Rate:
    """A rate per 1,000 words over ``n`` articles, with its 95% interval (None when n < 2)."""

    value: float
    low: float | None
    high: float | None
    n: int
    method: str  # "bootstrap", "delta" or "none"

    def to_dict(self) -> dict[str, float | int | str | None]:
        return {"rate": self.value, "low": self.low, "high": self.high, "n": self.n, "method": self.method}


def _ratio(counts: np.ndarray, words: np.ndarray) -> float:
    total = float(words.sum())
    return PER_WORDS * float(counts.sum()) / total if total else 0.0


def _bootstrap(counts: np.ndarray, words: np.ndarray) -> tuple[float, float]:
    rng = np.random.default_rng(SEED)
    picks = rng.integers(0, len(counts), size=(REPLICATES, len(counts)))
    totals = words[picks].sum(axis=1)
    rates = PER_WORDS * counts[picks].sum(axis=1) / np.maximum(totals, 1)
    low, high = np.percentile(rates, [2.5, 97.5])
    return float(low), float(high)


def _delta(counts: np.ndarray, words: np.ndarray) -> tuple[float, float]:
    n = len(counts)
    ratio = counts.sum() / max(words.sum(), 1)
    residuals = counts - ratio * words
    se = np.sqrt((residuals ** 2).sum() / (n * (n - 1))) / max(words.mean(), 1e-9)
    return float(PER_WORDS * max(0.0, ratio - Z95 * se)), float(PER_WORDS * (ratio + Z95 * se))


def rate_interval(counts: Sequence[float], words: Sequence[float]) -> Rate:
    """Spans per 1,000 words of a set of articles (``counts[i]`` spans in ``words[i]`` words)."""
    c, w = np.asarray(counts, dtype=float), np.asarray(words, dtype=float)
    if len(c) != len(w):
        raise ConfigError("counts and words must have one entry per article")
    value, n = _ratio(c, w), len(c)
    if n < 2:
        return Rate(value, None, None, n, "none")
    low, high = _bootstrap(c, w) if n <= BOOTSTRAP_MAX_N else _delta(c, w)
    return Rate(value, low, high, n, "bootstrap" if n <= BOOTSTRAP_MAX_N else "delta")
