"""Dev figures of a detector on gold analyses: SI, TC and end-to-end, in one flat dict.

Numpy-free and torch-free: it only calls the detector's ``predict`` and ``classify``
and the SemEval scorers, so training logs and benchmarks report the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.detector.base import Detector
from spinscope.document import Analysis
from spinscope.scoring import si_scores, span_technique_scores, tc_scores


def by_article(analyses: Sequence[Analysis]) -> dict[str, tuple]:
    return {a.document.id: a.spans for a in analyses}


def score_predictions(gold: Sequence[Analysis], predicted: Sequence[Analysis],
                      classified: Sequence[Analysis] | None = None) -> dict[str, float]:
    """SI and end-to-end scores of predictions, plus TC scores of classified gold spans."""
    gold_spans, pred_spans = by_article(gold), by_article(predicted)
    scores = {**si_scores(gold_spans, pred_spans), **span_technique_scores(gold_spans, pred_spans)}
    if classified is not None:
        scores.update(tc_scores(gold_spans, by_article(classified)))
    scores["n_predicted"] = float(sum(len(a.spans) for a in predicted))
    return scores


def evaluate_detector(detector: Detector, gold: Sequence[Analysis]) -> dict[str, float]:
    """Run ``predict`` on the gold documents and ``classify`` on the gold spans, and score both."""
    predicted = detector.predict([a.document for a in gold])
    classified = detector.classify(gold)
    return score_predictions(gold, predicted, classified)


HEADLINE = ("si_precision", "si_recall", "si_f1", "tc_micro_f1", "e2e_f1")


def headline(scores: dict[str, float]) -> dict[str, float]:
    """The five figures worth a log line."""
    return {k: round(scores[k], 4) for k in HEADLINE if k in scores}
