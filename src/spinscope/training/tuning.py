"""Choose the decoding rule and its thresholds on dev, from one encoder pass.

Three candidates are scored with the SemEval scorers and the one with the best
SI F1 + end-to-end F1 wins:

* per technique, each threshold tuned for that technique's own span F1;
* per technique, one shared threshold tuned for SI F1;
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
from spinscope.scoring import si_scores
from spinscope.training.metrics import headline, score_predictions

GRID = tuple(round(t, 2) for t in np.arange(0.10, 0.99, 0.04))


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


def tune_per_technique(detector: NeuralDetector, gold, encoded) -> ModelCard:
    """Each technique's threshold chosen for its own span F1 (others are irrelevant to it)."""
    labels = detector.card.labels
    best = list(detector.card.thresholds)
    for column, technique in enumerate(labels):
        def f1_at(threshold: float) -> float:
            thresholds = [1.01] * len(labels)
            thresholds[column] = threshold
            card = detector.card.with_changes(decode="per_technique", thresholds=tuple(thresholds))
            return _si_f1(gold, decode_all(detector.with_card(card), gold, encoded), technique)
        best[column] = max(GRID, key=f1_at)
    return detector.card.with_changes(decode="per_technique", thresholds=tuple(best))


def tune_shared(detector: NeuralDetector, gold, encoded) -> ModelCard:
    """One threshold for every technique, chosen for SI F1."""
    def card_at(threshold: float) -> ModelCard:
        return detector.card.with_changes(decode="per_technique", thresholds=(threshold,) * len(detector.card.labels))
    best = max(GRID, key=lambda t: _si_f1(gold, decode_all(detector.with_card(card_at(t)), gold, encoded)))
    return card_at(best)


def tune_span_channel(detector: NeuralDetector, gold, encoded) -> ModelCard:
    """The "any technique" threshold and gap, chosen for SI F1."""
    def card_at(setting: tuple[float, int]) -> ModelCard:
        return detector.card.with_changes(decode="span_then_classify", span_threshold=setting[0],
                                          max_gap=setting[1])
    settings = [(t, gap) for t in GRID for gap in (0, 2)]
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
    results = []
    for tuner in (tune_per_technique, tune_shared, tune_span_channel):
        card = tuner(detector, gold, encoded)
        predicted = decode_all(detector.with_card(card), gold, encoded)
        results.append(Tuned(card, score_predictions(gold, predicted, classified)))
        if log:
            log(f"{tuner.__name__}: {headline(results[-1].scores)}")
    best = max(results, key=lambda r: r.scores["si_f1"] + r.scores["e2e_f1"])
    return Tuned(calibrate(detector, best.card, gold, encoded), best.scores)
