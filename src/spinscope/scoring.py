"""The SemEval-2020 Task 11 metrics, as pure functions over gold and predicted spans.

Both sides are mappings from article id to that article's spans; anything with
``start``, ``end`` and (for the technique-aware scores) ``technique`` will do.

* SI (span identification): spans are sets of character positions. Overlapping gold
  spans of an article are merged, and so are overlapping predictions. For each pair
  (p, g) of the same article, precision gains |p∩g|/|p| and recall gains |p∩g|/|g|;
  P divides by the number of predicted spans, R by the number of (merged) gold spans.
* TC (technique classification): predictions are given for the gold spans; micro-F1
  over (article, start, end, technique) matches, counted as multisets.
* End-to-end: the SI formula, but a pair counts only when the techniques agree.

A span that carries several techniques (a ``Span`` with ``alternatives``) counts as one
prediction of each of them on its range, exactly as its lines in a submission file do,
so merging same-range spans into one highlight never changes TC or end-to-end figures.

Every function returns a flat dict of floats; F1 is 0 when P or R is 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from spinscope.techniques import TECHNIQUE_IDS


class Spanlike(Protocol):
    start: int
    end: int
    technique: str | None


SpansByArticle = Mapping[str, Sequence[Spanlike]]
Interval = tuple[int, int]
Labelled = tuple[int, int, str | None]


def labelled(spans: Iterable[Spanlike]) -> list[Labelled]:
    """(start, end, technique) for every technique of every span: its own and, where it has
    them, its ``alternatives``."""
    found = []
    for span in spans:
        found.append((span.start, span.end, span.technique))
        found += [(span.start, span.end, t) for t, _ in getattr(span, "alternatives", ())]
    return found


def f1(precision: float, recall: float) -> float:
    if precision <= 0 or recall <= 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def prf(prefix: str, precision: float, recall: float) -> dict[str, float]:
    return {f"{prefix}precision": precision, f"{prefix}recall": recall, f"{prefix}f1": f1(precision, recall)}


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge intervals that share at least one character position."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _overlap(a: Interval, b: Interval) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlap_sums(gold: Sequence[Interval], pred: Sequence[Interval]) -> tuple[float, float]:
    """Precision and recall numerators for one article's merged intervals."""
    p_sum = r_sum = 0.0
    for p in pred:
        for g in gold:
            shared = _overlap(p, g)
            if shared:
                p_sum += shared / (p[1] - p[0])
                r_sum += shared / (g[1] - g[0])
    return p_sum, r_sum


def _intervals(spans: Sequence[Spanlike], technique: str | None = None) -> list[Interval]:
    return merge_intervals((s, e) for s, e, t in labelled(spans) if technique is None or t == technique)


def _span_scores(gold: SpansByArticle, pred: SpansByArticle, techniques: Sequence[str | None]) -> tuple[float, ...]:
    """Precision sum, recall sum, predicted count and gold count over all articles."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article in set(gold) | set(pred):
        for technique in techniques:
            g = _intervals(gold.get(article, ()), technique)
            p = _intervals(pred.get(article, ()), technique)
            ps, rs = _overlap_sums(g, p)
            p_sum, r_sum, n_pred, n_gold = p_sum + ps, r_sum + rs, n_pred + len(p), n_gold + len(g)
    return p_sum, r_sum, n_pred, n_gold


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def si_scores(gold: SpansByArticle, pred: SpansByArticle) -> dict[str, float]:
    """SemEval-2020 span identification precision, recall and F1 (techniques ignored)."""
    p_sum, r_sum, n_pred, n_gold = _span_scores(gold, pred, [None])
    return prf("si_", _ratio(p_sum, n_pred), _ratio(r_sum, n_gold))


def span_technique_scores(gold: SpansByArticle, pred: SpansByArticle) -> dict[str, float]:
    """End-to-end F1: the SI formula, counting overlap only where techniques match."""
    p_sum, r_sum, n_pred, n_gold = _span_scores(gold, pred, TECHNIQUE_IDS)
    scores = prf("e2e_", _ratio(p_sum, n_pred), _ratio(r_sum, n_gold))
    for technique in TECHNIQUE_IDS:
        p_sum, r_sum, n_pred, n_gold = _span_scores(gold, pred, [technique])
        scores.update(prf(f"e2e_{technique}_", _ratio(p_sum, n_pred), _ratio(r_sum, n_gold)))
    return scores


def _labelled(spans: SpansByArticle) -> Counter[tuple[str, int, int, str | None]]:
    return Counter((article, *item) for article, group in spans.items() for item in labelled(group))


def tc_scores(gold: SpansByArticle, pred: SpansByArticle) -> dict[str, float]:
    """TC micro precision/recall/F1, and F1 per technique, over exact-offset matches."""
    g, p = _labelled(gold), _labelled(pred)
    correct = g & p
    scores = prf("tc_micro_", _ratio(sum(correct.values()), sum(p.values())),
                 _ratio(sum(correct.values()), sum(g.values())))
    for technique in TECHNIQUE_IDS:
        def count(c: Counter) -> int:
            return sum(n for key, n in c.items() if key[3] == technique)
        precision = _ratio(count(correct), count(p))
        recall = _ratio(count(correct), count(g))
        scores[f"tc_{technique}_f1"] = f1(precision, recall)
    return scores
