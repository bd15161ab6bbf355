"""Score calibration: map a raw span score to a probability that holds on dev.

A span carries two calibrated scores. ``score``: the probability that it is propaganda,
fitted to the share of its characters inside gold spans of any technique, from the mean
of each token's strongest column over the span. ``technique_score``: the probability
that, where it is propaganda, its technique is right, fitted to the share of its gold
characters that lie in gold spans of its own technique (spans that touch no gold say
nothing about the technique and are left out), from the TC head's probability of it.

Two ways to fit a map, both monotone and both stored as knots (raw score, probability)
joined by straight lines. "isotonic": isotonic regression (pool adjacent violators), its
blocks pooled until each holds at least ``min_block`` spans, interpolated between the
blocks' midpoints (mean raw score, mean observed value), so that there are no flat steps
giving many spans one score. "platt": a logistic curve on the logit of the raw score
(two parameters, smooth, less prone to over-confident ends on few spans). Figures are
measured by cross-fitting: the map is fitted on four fifths of the dev articles and
scored on the fifth left out, five times (``cross_fit``). ``choose_method`` keeps the
method with the lower held-out ECE among those whose scores stay spread (no value held
by more than 5% of spans, at least 6 bins of width 0.1 used), held out and as shipped; the
shipped map is that method fitted on all of dev.

The "likely" cut is chosen on the scores the shipped map gives the dev spans
(``likely_cut``). Both maps are monotone, so a cut on them is a cut on the model's own
ranking of spans, and the spans it marks are the same (to the cut's two decimals) whichever
map won. Cross-fitted scores come from five different maps: a cut on them mixes five
rankings, and on PTC dev the share it left likely swung from 10% to 2% when Platt replaced
isotonic by 0.001 of ECE. How well the rule holds is measured apart (``held_out_likely``):
map and cut fitted on four fifths of the articles, applied to the fifth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Knots = tuple[tuple[float, float], ...]
BINS = 10  # reliability bins of width 0.1
FOLDS = 5
LIKELY_PRECISION = 0.6  # a "likely" span: at or above a score where dev precision is at least this
MIN_LIKELY = 10  # spans at or above a cut needed before its precision counts


def isotonic(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to ``values`` in weighted least squares."""
    blocks = _blocks(values, weights)
    return np.concatenate([np.full(int(n), mean) for mean, _, n in blocks]) if blocks else values


def _blocks(values: np.ndarray, weights: np.ndarray, min_block: int = 1) -> list[list[float]]:
    """Pool-adjacent-violators blocks ``[mean, weight, count]``, then small blocks pooled
    with a neighbour (the lower-valued one first) until each holds ``min_block`` items."""
    blocks: list[list[float]] = []
    for value, weight in zip(np.asarray(values, float), np.asarray(weights, float)):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            blocks[-2:] = [_pool(*blocks[-2:])]
    while len(blocks) > 1 and min(b[2] for b in blocks) < min_block:
        i = min(range(len(blocks)), key=lambda k: blocks[k][2])
        j = i - 1 if i == len(blocks) - 1 or (i > 0 and blocks[i - 1][2] <= blocks[i + 1][2]) else i + 1
        lo = min(i, j)
        blocks[lo:lo + 2] = [_pool(blocks[lo], blocks[lo + 1])]
    return blocks


def _pool(first: list[float], second: list[float]) -> list[float]:
    weight = first[1] + second[1]
    mean = (first[0] * first[1] + second[0] * second[1]) / weight if weight else (first[0] + second[0]) / 2
    return [mean, weight, first[2] + second[2]]


def fit_map(raw: Sequence[float], observed: Sequence[float], weights: Sequence[float] | None = None,
            min_block: int | None = None) -> Knots:
    """Knots (raw score, probability) between the midpoints of isotonic blocks.

    ``min_block`` defaults to a fiftieth of the spans (at least 10): small enough to follow
    the data, large enough that one span cannot set a block's value.
    """
    x, y = np.asarray(raw, float), np.asarray(observed, float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, float)
    if len(x) < 2:
        return ()
    order = np.argsort(x, kind="stable")
    x, y, w = x[order], y[order], w[order]
    blocks = _blocks(y, w, min_block or max(10, len(x) // 50))
    knots, at = [], 0
    for mean, _, count in blocks:
        knots.append((float(x[at:at + int(count)].mean()), float(mean)))
        at += int(count)
    knots = _extend(knots, float(x[0]), float(x[-1]))
    merged: dict[float, float] = {}
    for a, b in knots:  # equal midpoints (ties in raw): keep the later, higher value
        merged[round(a, 5)] = round(min(1.0, max(0.0, b)), 5)
    return tuple(sorted(merged.items()))


def _extend(knots: list[tuple[float, float]], low: float, high: float) -> list[tuple[float, float]]:
    """Knots at the lowest and highest raw score, continuing the first and last segments'
    slopes, so that the spans beyond the end blocks' midpoints do not all share one score."""
    if len(knots) < 2:
        return knots
    (x0, y0), (x1, y1) = knots[0], knots[1]
    (xa, ya), (xb, yb) = knots[-2], knots[-1]
    first = y0 - (y1 - y0) / (x1 - x0) * (x0 - low) if x1 > x0 and low < x0 else None
    last = yb + (yb - ya) / (xb - xa) * (high - xb) if xb > xa and high > xb else None
    return ([(low, max(0.0, first))] if first is not None else []) + knots + \
        ([(high, min(1.0, last))] if last is not None else [])


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, float), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def fit_platt(raw: Sequence[float], observed: Sequence[float], ridge: float = 1e-3) -> Knots:
    """Knots along ``sigmoid(a + b * logit(raw))``, fitted by Newton's method to the
    observed values (fractions allowed), sampled evenly in logit space."""
    x, y = logit(raw), np.asarray(observed, float)
    if len(x) < 2:
        return ()
    design = np.c_[np.ones(len(x)), x]
    beta = np.zeros(2)
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (p - y) + ridge * beta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + ridge * np.eye(2)
        beta -= np.linalg.solve(hessian, gradient)
    grid = np.linspace(-9, 9, 73)
    values = 1 / (1 + np.exp(-(beta[0] + beta[1] * grid)))
    points = zip((1 / (1 + np.exp(-grid))).tolist(), values.tolist())
    knots = [(0.0, float(values[0])), *points, (1.0, float(values[-1]))]
    return tuple((round(a, 6), round(b, 5)) for a, b in knots)


METHODS = {"isotonic": fit_map, "platt": fit_platt}
MAX_SHARE, MIN_BINS = 0.05, 6  # spread: no value for more than 5% of spans, at least 6 bins used


def apply(knots: Knots, score: float) -> float:
    """The calibrated score (the raw score itself when there are no knots)."""
    return float(apply_all(knots, [score])[0])


def apply_all(knots: Knots, scores: Sequence[float]) -> np.ndarray:
    """``apply`` to many scores at once."""
    values = np.asarray(scores, dtype=float)
    if not knots:
        return values
    xs, ys = zip(*knots)
    return np.clip(np.interp(values, xs, ys), 0.0, 1.0)


def covered(span, gold_spans, same_technique: bool) -> int:
    """How many of the span's characters lie inside gold spans (of its technique, or any)."""
    chars: set[int] = set()
    for gold in gold_spans:
        if not same_technique or gold.technique == span.technique:
            chars.update(range(max(gold.start, span.start), min(gold.end, span.end)))
    return len(chars)


def propaganda_share(span, gold_spans) -> float:
    """Share of the span's characters inside gold spans of any technique (what ``score`` predicts)."""
    return covered(span, gold_spans, False) / (span.end - span.start)


def technique_share(span, gold_spans) -> float | None:
    """Of the span's characters inside gold spans, the share inside gold spans of its own
    technique (what ``technique_score`` predicts); None where it touches no gold span."""
    anywhere = covered(span, gold_spans, False)
    return covered(span, gold_spans, True) / anywhere if anywhere else None


def folds_of(groups: Sequence[str], folds: int = FOLDS) -> np.ndarray:
    """A fold number per item, whole groups (articles) together, groups dealt in sorted order."""
    names = sorted(set(groups))
    fold_of = {name: i % folds for i, name in enumerate(names)}
    return np.array([fold_of[g] for g in groups], int)


def cross_fit(raw: Sequence[float], observed: Sequence[float], groups: Sequence[str],
              folds: int = FOLDS, method: str = "isotonic") -> np.ndarray:
    """Held-out calibrated scores: each fold's items mapped by a fit on the other folds."""
    raw, observed = np.asarray(raw, float), np.asarray(observed, float)
    fold = folds_of(groups, folds)
    out = np.zeros(len(raw))
    for f in range(folds):
        held, fit = fold == f, fold != f
        knots = METHODS[method](raw[fit], observed[fit])
        out[held] = [apply(knots, x) for x in raw[held]]
    return out


def spread(scores: Sequence[float], observed: Sequence[float]) -> bool:
    """Whether no value holds more than ``MAX_SHARE`` of the scores and ``MIN_BINS`` bins are used."""
    figures = reliability(scores, observed)
    return figures.top_share <= MAX_SHARE and figures.bins_used >= MIN_BINS


def choose_method(raw: Sequence[float], observed: Sequence[float],
                  groups: Sequence[str]) -> tuple[str, np.ndarray]:
    """The fitting method with the lowest held-out ECE among those whose scores are spread both
    held out and as shipped (the map fitted on all items, applied to them: the scores a reader
    sees; a narrow Platt curve was seen to pass held out on 6 bins and ship on 5), or any if
    none is; and its held-out scores."""
    def rank(item: tuple[str, np.ndarray]) -> tuple[bool, float]:
        method, held = item
        knots = METHODS[method](raw, observed)
        shipped = apply_all(knots, raw)
        return not (spread(held, observed) and spread(shipped, observed)), reliability(held, observed).ece
    return min(((m, cross_fit(raw, observed, groups, method=m)) for m in METHODS), key=rank)


@dataclass(frozen=True)
class Reliability:
    """How well scores match what was observed, in 10 bins of width 0.1."""

    rows: tuple[tuple[str, int, float, float], ...]  # (bin, spans, mean score, mean observed)
    ece: float  # expected calibration error: |score - observed| per bin, weighted by spans
    top_share: float  # the largest share of spans holding one score (to 4 decimals)
    bins_used: int  # bins holding at least one span

    def table(self) -> str:
        """A Markdown table of the bins."""
        lines = ["| score bin | spans | mean score | observed |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {b} | {n} | {s:.3f} | {o:.3f} |" for b, n, s, o in self.rows]
        return "\n".join(lines)

    def figures(self) -> dict[str, float]:
        return {"ece": round(self.ece, 4), "top_share": round(self.top_share, 4), "bins_used": self.bins_used}


def reliability(scores: Sequence[float], observed: Sequence[float]) -> Reliability:
    """Reliability table, ECE and spread of ``scores`` against ``observed`` values."""
    p, y = np.asarray(scores, float), np.asarray(observed, float)
    if not len(p):
        return Reliability((), 0.0, 0.0, 0)
    index = np.minimum((p * BINS).astype(int), BINS - 1)
    rows, error = [], 0.0
    for b in range(BINS):
        mask = index == b
        if mask.any():
            rows.append((f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}", int(mask.sum()), float(p[mask].mean()),
                         float(y[mask].mean())))
            error += mask.sum() * abs(p[mask].mean() - y[mask].mean())
    _, counts = np.unique(np.round(p, 4), return_counts=True)
    return Reliability(tuple(rows), float(error / len(p)), float(counts.max() / len(p)), len(rows))


def likely_cut(scores: Sequence[float], precision: Sequence[float], target: float = LIKELY_PRECISION,
               min_spans: int = MIN_LIKELY) -> float:
    """The lowest score (to 2 decimals) at or above which the mean precision of spans is at
    least ``target``, with at least ``min_spans`` spans there; 1.0 if there is none."""
    p, y = np.asarray(scores, float), np.asarray(precision, float)
    for cut in np.round(np.arange(0.0, 1.0, 0.01), 2):
        chosen = p >= cut
        if chosen.sum() >= min_spans and y[chosen].mean() >= target:
            return float(cut)
    return 1.0


def held_out_likely(raw: Sequence[float], precision: Sequence[float], groups: Sequence[str],
                    method: str = "isotonic", folds: int = FOLDS) -> tuple[float, float]:
    """Mean precision and share of the spans marked likely on held-out articles: each fold's
    spans scored by a map fitted on the other folds and held to the cut chosen there
    (``likely_cut`` on that map's scores of the other folds' spans)."""
    raw, precision = np.asarray(raw, float), np.asarray(precision, float)
    fold = folds_of(groups, folds)
    likely = np.zeros(len(raw), bool)
    for f in range(folds):
        held, fit = fold == f, fold != f
        knots = METHODS[method](raw[fit], precision[fit])
        cut = likely_cut(apply_all(knots, raw[fit]), precision[fit])
        likely[held] = apply_all(knots, raw[held]) >= cut
    return (float(precision[likely].mean()) if likely.any() else 0.0), float(likely.mean()) if len(raw) else 0.0


def precision_at(scores: Sequence[float], precision: Sequence[float], cut: float) -> tuple[float, float]:
    """Mean precision of the spans scored at least ``cut``, and their share of all spans."""
    p, y = np.asarray(scores, float), np.asarray(precision, float)
    chosen = p >= cut
    return (float(y[chosen].mean()) if chosen.any() else 0.0), float(chosen.mean()) if len(p) else 0.0
