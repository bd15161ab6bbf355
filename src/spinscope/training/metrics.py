"""Dev figures for training logs, tuning and benchmarks, from already computed predictions.

``spinscope.evaluation.evaluate_detector`` runs a detector and scores it; tuning needs
to score many decodings of one encoder pass, so ``score_predictions`` takes the
predictions and the classified gold spans as given. Torch-free.
"""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.document import Analysis
from spinscope.evaluation import by_article, evaluate_detector
from spinscope.scoring import si_scores, span_technique_scores, tc_scores

__all__ = ["HEADLINE", "evaluate_detector", "headline", "score_predictions"]

HEADLINE = ("si_precision", "si_recall", "si_f1", "tc_micro_f1", "e2e_f1")


def score_predictions(gold: Sequence[Analysis], predicted: Sequence[Analysis],
                      classified: Sequence[Analysis] | None = None) -> dict[str, float]:
    """SI and end-to-end scores of predictions, plus TC scores of classified gold spans."""
    gold_spans, pred_spans = by_article(gold), by_article(predicted)
    scores = {**si_scores(gold_spans, pred_spans), **span_technique_scores(gold_spans, pred_spans)}
    if classified is not None:
        scores.update(tc_scores(gold_spans, by_article(classified)))
    scores["n_predicted"] = float(sum(len(a.spans) for a in predicted))
    return scores


def headline(scores: dict[str, float]) -> dict[str, float]:
    """The five figures worth a log line."""
    return {k: round(scores[k], 4) for k in HEADLINE if k in scores}
