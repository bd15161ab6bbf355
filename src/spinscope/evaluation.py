"""Scoring a detector, or a submission file, against a PTC gold folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spinscope import scoring
from spinscope.detector.base import Detector
from spinscope.document import Analysis
from spinscope.errors import LabelFileError
from spinscope.io import ptc


def by_article(analyses: Sequence[Analysis]) -> dict[str, tuple]:
    return {a.document.id: a.spans for a in analyses}


def score_analyses(gold: Sequence[Analysis], predicted: Sequence[Analysis],
                   classified: Sequence[Analysis] | None = None) -> dict[str, float]:
    """SI and end-to-end scores of predictions, plus TC scores of classified gold spans."""
    gold_spans, pred_spans = by_article(gold), by_article(predicted)
    scores = scoring.si_scores(gold_spans, pred_spans)
    if classified is not None:
        scores |= scoring.tc_scores(gold_spans, by_article(classified))
    return scores | scoring.span_technique_scores(gold_spans, pred_spans)


def evaluate_detector(detector: Detector, gold: Sequence[Analysis]) -> dict[str, float]:
    """SI and end-to-end scores of ``predict``, TC scores of ``classify`` on the gold spans."""
    predicted = detector.predict([a.document for a in gold])
    return score_analyses(gold, predicted, detector.classify(gold))


def evaluate_file(gold: Sequence[Analysis], pred_path: str | Path) -> dict[str, float]:
    """Scores of a TC-format (or SI-format) submission file against gold analyses."""
    labels = ptc.read_labels(pred_path)
    lengths = {a.document.id: len(a.document.text) for a in gold}
    for label in labels:
        if label.article_id not in lengths:
            raise LabelFileError(f"{pred_path}: article {label.article_id} is not in the gold folder")
        if label.end > lengths[label.article_id]:
            raise LabelFileError(
                f"{pred_path}: span {label.start}-{label.end} runs past the end of article "
                f"{label.article_id} ({lengths[label.article_id]} characters)"
            )
    gold_spans = by_article(gold)
    pred = ptc.group_labels(labels)
    scores = scoring.si_scores(gold_spans, pred)
    if labels and all(label.technique for label in labels):
        scores |= scoring.tc_scores(gold_spans, pred) | scoring.span_technique_scores(gold_spans, pred)
    return scores
