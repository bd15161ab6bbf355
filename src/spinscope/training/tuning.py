"""Choose the decoding rule and its thresholds on dev, from one encoder pass.

Four candidates are scored with the SemEval scorers and the one with the best
SI F1 + end-to-end F1 wins:

* per technique columns, one shared (threshold, seed, gap) tuned for SI F1;
* the same, then each technique's (threshold, seed) moved in turn to raise the micro
  end-to-end F1 (its numerators and denominators add up over techniques);
* spans where each token's strongest column is high (threshold, seed and gap tuned for
  SI F1), named by the TC head;
* the per-technique spans plus those regions of the strongest column that touch none of
  them (the regions' threshold and seed tuned for SI F1 + end-to-end F1).

The winner's span scores are then calibrated on dev (see training/scores.py). The
same choice made on one half of dev and applied to the other gives held-out figures.
Only numpy and the detector's own decoding are used, so the figures are exactly what
the shipped model will produce.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.detector.card import ModelCard
from spinscope.detector.inference import EncodedDocument
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.shape import expand
from spinscope.document import Analysis, Span
from spinscope.scoring import merge_intervals, si_scores
from spinscope.training.metrics import headline, score_predictions
from spinscope.training.scores import CalibrationReport, calibrate

LOWS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
RISES = (0.0, 0.1, 0.2, 0.3)  # seed threshold = low + rise (hysteresis)
GAPS = (0, 2)
SPAN_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
SPAN_GAPS = (0, 1, 2, 3)
REGION_GRID = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
HELD_OUT = ("si_precision", "si_recall", "si_f1", "e2e_precision", "e2e_recall", "e2e_f1")


@dataclass(frozen=True)
class Tuned:
    card: ModelCard
    scores: dict[str, float]
    calibration: CalibrationReport | None = None  # held-out reliability of the card's scores


def uncalibrated(card: ModelCard) -> ModelCard:
    """The card without score maps: spans keep their raw scores (all that decoding needs)."""
    return card.with_changes(calibration=(), technique_calibration=(), likely_cut=0.0)


def decode_all(detector: NeuralDetector, gold: Sequence[Analysis],
               encoded: Sequence[EncodedDocument]) -> list[Analysis]:
    return [Analysis(g.document, tuple(detector.spans_of(e, g.document.text)), detector.name)
            for g, e in zip(gold, encoded)]


def _spans_by_article(analyses: Sequence[Analysis], technique: str | None = None) -> dict[str, list[Span]]:
    """Each article's spans, one per technique of a range (alternatives expanded), of
    ``technique`` only when one is given."""
    return {a.document.id: [s for s in expand(a.spans) if technique is None or s.technique == technique]
            for a in analyses}


def _si_f1(gold: Sequence[Analysis], predicted: Sequence[Analysis], technique: str | None = None) -> float:
    return si_scores(_spans_by_article(gold, technique), _spans_by_article(predicted, technique))["si_f1"]


def seed_threshold(low: float, rise: float) -> float:
    """The peak a span must reach: ``rise`` above its threshold (a rise of 0 adds no rule)."""
    return min(round(low + rise, 2), 0.99)


def shared_card(card: ModelCard, low: float, rise: float, gap: int) -> ModelCard:
    n = len(card.labels)
    return card.with_changes(decode="per_technique", thresholds=(low,) * n,
                             seeds=(seed_threshold(low, rise),) * n, max_gap=gap)


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
    pairs = [(low, seed_threshold(low, rise)) for low in LOWS for rise in RISES]
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


def span_card(card: ModelCard, threshold: float, rise: float, gap: int) -> ModelCard:
    return card.with_changes(decode="span_then_classify", span_threshold=threshold,
                             span_seed=seed_threshold(threshold, rise), max_gap=gap)


def tune_span_channel(detector: NeuralDetector, gold, encoded) -> ModelCard:
    """Threshold, seed and gap on each token's strongest column, chosen for SI F1."""
    settings = [(t, rise, gap) for t in SPAN_GRID for rise in RISES for gap in SPAN_GAPS]
    best = max(settings, key=lambda s: _si_f1(
        gold, decode_all(detector.with_card(span_card(detector.card, *s)), gold, encoded)))
    return span_card(detector.card, *best)


def combined(scores: dict[str, float]) -> float:
    """The figure the decoding candidates compete on: SI F1 + end-to-end F1."""
    return scores["si_f1"] + scores["e2e_f1"]


def tune_regions(detector: NeuralDetector, gold, encoded, classified, start: ModelCard) -> ModelCard:
    """``start``'s technique spans plus regions, their threshold and seed chosen for SI + e2e F1."""
    cards = [start.with_changes(decode="per_technique_and_regions", span_threshold=threshold,
                                span_seed=seed_threshold(threshold, rise))
             for threshold in REGION_GRID for rise in RISES]
    return max(cards, key=lambda card: combined(
        score_predictions(gold, decode_all(detector.with_card(card), gold, encoded), classified)))


def choose(detector: NeuralDetector, gold, encoded, classified, log=None) -> Tuned:
    """The best of the four decoding candidates on these articles (not calibrated)."""
    shared = tune_shared(detector, gold, encoded)
    per_technique = tune_per_technique(detector, gold, encoded, shared)
    candidates = {"shared": shared, "per_technique": per_technique,
                  "span_channel": tune_span_channel(detector, gold, encoded),
                  "per_technique_and_regions": tune_regions(detector, gold, encoded, classified, per_technique)}
    results = []
    for label, card in candidates.items():
        predicted = decode_all(detector.with_card(card), gold, encoded)
        results.append(Tuned(card, score_predictions(gold, predicted, classified)))
        if log:
            log(f"{label}: {headline(results[-1].scores)}")
    return max(results, key=lambda r: combined(r.scores))


def halves(gold: Sequence[Analysis]) -> tuple[list[int], list[int]]:
    """Two halves of the articles (alternate ids in sorted order): a fixed, even split."""
    order = sorted(range(len(gold)), key=lambda i: gold[i].document.id)
    return order[::2], order[1::2]


def held_out_scores(detector: NeuralDetector, gold, encoded, classified) -> dict[str, float]:
    """Dev scores when each half is decoded with settings chosen on the other half.

    Choosing among many thresholds on dev and scoring on dev flatters the model; this
    two-fold figure does not, and is the one to expect on unseen articles.
    """
    predicted: list[Analysis | None] = [None] * len(gold)
    first, second = halves(gold)
    for fit, check in ((first, second), (second, first)):
        card = choose(detector, *([seq[i] for i in fit] for seq in (gold, encoded, classified))).card
        twin = detector.with_card(card)
        for i in check:
            predicted[i] = Analysis(gold[i].document, tuple(twin.spans_of(encoded[i], gold[i].document.text)))
    scores = score_predictions(gold, predicted, classified)
    return {f"held_out_{k}": scores[k] for k in HELD_OUT}


def tune(detector: NeuralDetector, gold: Sequence[Analysis], log=None,
         encoded: Sequence[EncodedDocument] | None = None) -> Tuned:
    """The best decoding on all of dev, calibrated; its dev scores (TC included) and the
    two-fold held-out SI and end-to-end figures. ``encoded``: dev already encoded (one per
    article, in order), for a detector that cannot encode it itself (see ``crossfit``)."""
    detector = detector.with_card(uncalibrated(detector.card))  # decoding is chosen on raw scores
    if encoded is None:
        encoded = detector.encode([g.document for g in gold])
    classified = [detector.classify_encoded(g, e) for g, e in zip(gold, encoded)]
    best = choose(detector, gold, encoded, classified, log)
    held_out = held_out_scores(detector, gold, encoded, classified) if len(gold) > 1 else {}
    if log and held_out:
        log(f"held out: { {k: round(v, 4) for k, v in held_out.items()} }")
    card, report = calibrate(detector, best.card, gold, encoded)
    if log:
        log(f"calibration (held out): {report.figures()}")
    return Tuned(card, best.scores | held_out, report)
