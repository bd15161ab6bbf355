"""Dev figures for training logs, tuning and benchmarks, from already computed predictions.

``spinscope.evaluation.evaluate_detector`` runs a detector and scores it; tuning needs
to score many decodings of one encoder pass, so ``score_predictions`` takes the
predictions and the classified gold spans as given. Torch-free.
"""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.document import Analysis
from spinscope.evaluation import evaluate_detector, score_analyses

__all__ = ["HEADLINE", "evaluate_detector", "headline", "score_predictions"]

HEADLINE = ("si_precision", "si_recall", "si_f1", "tc_micro_f1", "e2e_f1")


def score_predictions(gold: Sequence[Analysis], predicted: Sequence[Analysis],
                      classified: Sequence[Analysis] | None = None) -> dict[str, float]:
    """``score_analyses``, plus the number of predicted spans."""
    n_predicted = float(sum(len(a.spans) for a in predicted))
    return score_analyses(gold, predicted, classified) | {"n_predicted": n_predicted}


def headline(scores: dict[str, float]) -> dict[str, float]:
    """The five figures worth a log line."""
    return {k: round(scores[k], 4) for k in HEADLINE if k in scores}
