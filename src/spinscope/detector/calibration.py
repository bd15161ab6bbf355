"""Score calibration: map a span's raw score to the precision such spans had on dev.

Raw span scores are mean token probabilities from a loss that up-weights positives, so
they run high. A monotone, piecewise-linear map fitted on dev (isotonic regression by
pool-adjacent-violators, then a few knots) makes "score 0.6" mean "about 60% of such a
span's characters were inside a gold span of its technique".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Knots = tuple[tuple[float, float], ...]


def isotonic(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to ``values`` in weighted least squares."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value, weight in zip(values.astype(float), weights.astype(float)):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, w2, n2 = blocks.pop()
            mean1, w1, n1 = blocks.pop()
            blocks.append([(mean1 * w1 + mean2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    return np.concatenate([np.full(int(n), mean) for mean, _, n in blocks]) if blocks else values


def fit_knots(raw: Sequence[float], observed: Sequence[float], n_knots: int = 12) -> Knots:
    """Knots (raw score, calibrated score) of an isotonic fit, at raw-score quantiles."""
    if len(raw) < 2:
        return ()
    order = np.argsort(np.asarray(raw, float), kind="stable")
    x = np.asarray(raw, float)[order]
    y = isotonic(np.asarray(observed, float)[order], np.ones(len(order)))
    picks = np.unique(np.linspace(0, len(x) - 1, n_knots).round().astype(int))
    knots = [(0.0, float(y[0]))] + [(float(x[i]), float(y[i])) for i in picks] + [(1.0, float(y[-1]))]
    return tuple((round(a, 4), round(b, 4)) for a, b in sorted(set(knots)))


def apply(knots: Knots, score: float) -> float:
    """The calibrated score (the raw score itself when there are no knots)."""
    if not knots:
        return score
    xs, ys = zip(*knots)
    return float(np.clip(np.interp(score, xs, ys), 0.0, 1.0))


def observed_precision(span, gold_spans) -> float:
    """Share of the span's characters inside gold spans of the same technique."""
    covered: set[int] = set()
    for gold in gold_spans:
        if gold.technique == span.technique:
            covered.update(range(max(gold.start, span.start), min(gold.end, span.end)))
    return len(covered) / (span.end - span.start)
