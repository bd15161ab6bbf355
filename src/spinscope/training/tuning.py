"""Choose the decoding rule and its thresholds on dev, from one encoder pass.

Three candidates are scored with the SemEval scorers and the one with the best
SI F1 + end-to-end F1 wins:

* per technique columns, one shared (threshold, seed, gap) tuned for SI F1;
* the same, then each technique's (threshold, seed) moved in turn to raise the micro
  end-to-end F1 (its numerators and denominators add up over techniques);
* spans from the "any technique" column (threshold tuned for SI F1), named by the TC head.

The winner's span scores are then calibrated on dev (see detector/calibration.py).
Only numpy and the detector's own decoding are used, so the figures are exactly what
the shipped model will produce.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.detector.calibration import fit_knots, observed_precision
from spinscope.detector.card import ModelCard
from spinscope.detector.inference import EncodedDocument
from spinscope.detector.neural import NeuralDetector
from spinscope.document import Analysis, Span
from spinscope.scoring import merge_intervals, si_scores
from spinscope.training.metrics import headline, score_predictions

LOWS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
RISES = (0.0, 0.1, 0.2, 0.3)  # seed threshold = low + rise (hysteresis)
GAPS = (0, 2)
SPAN_GRID = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


@dataclass(frozen=True)
class Tuned:
    card: ModelCard
    scores: dict[str, float]


def decode_all(detector: NeuralDetector, gold: Sequence[Analysis],
               encoded: Sequence[EncodedDocument]) -> list[Analysis]:
    return [Analysis(g.document, tuple(detector.spans_of(e, g.document.text)), detector.name)
            for g, e in zip(gold, encoded)]


def _spans_by_article(analyses: Sequence[Analysis], technique: str | None = None) -> dict[str, list[Span]]:
    return {a.document.id: [s for s in a.spans if technique is None or s.technique == technique]
            for a in analyses}


def _si_f1(gold: Sequence[Analysis], predicted: Sequence[Analysis], technique: str | None = None) -> float:
    return si_scores(_spans_by_article(gold, technique), _spans_by_article(predicted, technique))["si_f1"]


def shared_card(card: ModelCard, low: float, rise: float, gap: int) -> ModelCard:
    n = len(card.labels)
    return card.with_changes(decode="per_technique", thresholds=(low,) * n,
                             seeds=(min(round(low + rise, 2), 0.99),) * n, max_gap=gap)


def tune_shared(detector: NeuralDetector, gold, encoded) -> ModelCard:
    """One (threshold, seed, gap) for every technique, chosen for SI F1."""
    settings = [(low, rise, gap) for low in LOWS for rise in RISES for gap in GAPS]
    best = max(settings, key=lambda s: _si_f1(
        gold, decode_all(detector.with_card(shared_card(detector.card, *s)), gold, encoded)))
    return shared_card(detector.card, *best)


def technique_counts(gold, predicted, technique: str) -> np.ndarray:
    """SemEval numerators and denominators for one technique: p_sum, r_sum, n_pred, n_gold.

    They add up over techniques to the micro end-to-end score, so thresholds can be
    searched technique by technique.
    """
    g, p = _spans_by_article(gold, technique), _spans_by_article(predicted, technique)
    n_pred = sum(len(merge_intervals((s.start, s.end) for s in spans)) for spans in p.values())
    n_gold = sum(len(merge_intervals((s.start, s.end) for s in spans)) for spans in g.values())
    scores = si_scores(g, p)
    return np.array([scores["si_precision"] * n_pred, scores["si_recall"] * n_gold, n_pred, n_gold])


def micro_f1(counts: np.ndarray) -> float:
    p_sum, r_sum, n_pred, n_gold = counts
    precision, recall = (p_sum / n_pred if n_pred else 0.0), (r_sum / n_gold if n_gold else 0.0)
    return 2 * precision * recall / (precision + recall) if precision and recall else 0.0


def _counts_table(detector: NeuralDetector, gold, encoded, start: ModelCard, pairs) -> np.ndarray:
    """counts[technique, pair] for every technique decoded alone with every (low, seed) pair."""
    n = len(start.labels)
    table = np.zeros((n, len(pairs), 4))
    for column, technique in enumerate(start.labels):
        for index, (low, seed) in enumerate(pairs):
            lows, seeds = [1.01] * n, [1.01] * n
            lows[column], seeds[column] = low, seed
            card = start.with_changes(thresholds=tuple(lows), seeds=tuple(seeds))
            table[column, index] = technique_counts(gold, decode_all(detector.with_card(card), gold, encoded), technique)
    return table


def tune_per_technique(detector: NeuralDetector, gold, encoded, start: ModelCard) -> ModelCard:
    """Per-technique (threshold, seed) by coordinate ascent on micro end-to-end F1, from ``start``."""
    pairs = [(low, min(round(low + rise, 2), 0.99)) for low in LOWS for rise in RISES]
    table = _counts_table(detector, gold, encoded, start, pairs)
    choice = [pairs.index((start.thresholds[0], start.seeds[0]))] * len(start.labels)
    for _ in range(3):
        for column in range(len(choice)):
            def total(index: int) -> float:
                trial = choice[:column] + [index] + choice[column + 1:]
                return micro_f1(sum(table[c, i] for c, i in enumerate(trial)))
            choice[column] = max(range(len(pairs)), key=total)
    return start.with_changes(thresholds=tuple(pairs[i][0] for i in choice),
                              seeds=tuple(pairs[i][1] for i in choice))


def tune_span_channel(detector: NeuralDetector, gold, encoded) -> ModelCard:
    """The "any technique" threshold and gap, chosen for SI F1."""
    def card_at(setting: tuple[float, int]) -> ModelCard:
        return detector.card.with_changes(decode="span_then_classify", span_threshold=setting[0],
                                          max_gap=setting[1])
    settings = [(t, gap) for t in SPAN_GRID for gap in GAPS]
    best = max(settings, key=lambda s: _si_f1(gold, decode_all(detector.with_card(card_at(s)), gold, encoded)))
    return card_at(best)


def calibrate(detector: NeuralDetector, card: ModelCard, gold, encoded) -> ModelCard:
    """The card with score knots fitted to the dev precision of its own spans."""
    predicted = decode_all(detector.with_card(card.with_changes(calibration=())), gold, encoded)
    pairs = [(s.score, observed_precision(s, g.spans)) for g, p in zip(gold, predicted) for s in p.spans]
    return card.with_changes(calibration=fit_knots([r for r, _ in pairs], [o for _, o in pairs]))


def tune(detector: NeuralDetector, gold: Sequence[Analysis], log=None) -> Tuned:
    """The best of the three decoding candidates, calibrated, with full dev scores (TC included)."""
    encoded = detector.encode([g.document for g in gold])
    classified = [detector.classify_encoded(g, e) for g, e in zip(gold, encoded)]
    shared = tune_shared(detector, gold, encoded)
    candidates = {"shared": shared, "per_technique": tune_per_technique(detector, gold, encoded, shared),
                  "span_channel": tune_span_channel(detector, gold, encoded)}
    results = []
    for label, card in candidates.items():
        predicted = decode_all(detector.with_card(card), gold, encoded)
        results.append(Tuned(card, score_predictions(gold, predicted, classified)))
        if log:
            log(f"{label}: {headline(results[-1].scores)}")
    best = max(results, key=lambda r: r.scores["si_f1"] + r.scores["e2e_f1"])
    return Tuned(calibrate(detector, best.card, gold, encoded), best.scores)
