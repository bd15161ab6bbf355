"""Fit what a model card needs for its scores to mean something, on dev, from one encoder pass.

``calibrate`` fits the two score maps (``score``: is the span propaganda;
``technique_score``: is its technique right, where it is), measures them by 5-fold
cross-fitting over dev articles, and chooses the "likely" cut on the dev scores of the
shipped score map: the lowest score at or above which dev precision (share of characters
inside gold spans of any technique) is at least 0.6; its held-out precision and share come
from fitting map and cut on four fifths of the articles and applying them to the fifth.
``density_reference`` analyses the PTC train+dev articles with the finished card and keeps
101 quantiles of their density, so that an article's density can be given as a percentile.
``spinscope retune`` runs both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from spinscope.detector import calibration as cal
from spinscope.detector.card import SCORE_FEATURES, ModelCard
from spinscope.detector.inference import EncodedDocument
from spinscope.detector.neural import NeuralDetector
from spinscope.document import Analysis, Document

QUANTILES = 101


@dataclass(frozen=True)
class Evidence:
    """Per predicted dev span: its article, the raw inputs of both maps and what gold says."""

    article: list[str]
    propaganda_raw: list[float]
    technique_raw: list[float | None]
    propaganda: list[float]  # share of characters inside gold of any technique
    technique: list[float | None]  # of those, the share inside gold of the span's technique


@dataclass(frozen=True)
class CalibrationReport:
    """Held-out (cross-fitted) reliability of both scores and the likely cut they give."""

    score: cal.Reliability
    technique_score: cal.Reliability
    likely_cut: float
    likely_precision: float  # held out (map and cut fitted without the article): mean precision of likely spans
    likely_share: float  # held out: share of dev spans that are likely
    spans: int
    in_sample: dict[str, float]  # the shipped maps applied to dev itself
    method: str = "isotonic"  # how the score map was fitted (calibration.METHODS)
    technique_method: str = "isotonic"
    feature: str = "strongest"  # what the score map reads (ModelCard.score_feature)

    def figures(self) -> dict[str, object]:
        """What the model card records (``about.calibration``)."""
        return {"measured": "5-fold cross-fitting by article (figures held out)", "spans": self.spans,
                "score": self.score.figures() | {"method": self.method, "feature": self.feature},
                "technique_score": self.technique_score.figures() | {"method": self.technique_method},
                "likely_cut": self.likely_cut,
                "likely_precision_held_out": round(self.likely_precision, 4),
                "likely_share_held_out": round(self.likely_share, 4),
                "in_sample": {k: round(v, 4) for k, v in self.in_sample.items()}}


def evidence(detector: NeuralDetector, card: ModelCard, gold: Sequence[Analysis],
             encoded: Sequence[EncodedDocument]) -> Evidence:
    """Raw scores and observed values of every span ``card`` decodes on the gold articles."""
    twin = detector.with_card(card.with_changes(calibration=(), technique_calibration=(), likely_cut=0.0))
    found = Evidence([], [], [], [], [])
    for g, e in zip(gold, encoded):
        spans = twin.shaped_spans_of(e, g.document.text)
        propaganda, technique = twin.evidence(e, g.document.text, spans)
        for span, p, t in zip(spans, propaganda, technique):
            found.article.append(g.document.id)
            found.propaganda_raw.append(p)
            found.technique_raw.append(t)
            found.propaganda.append(cal.propaganda_share(span, g.spans))
            found.technique.append(cal.technique_share(span, g.spans))
    return found


def _known(ev: Evidence) -> tuple[list[str], list[float], list[float]]:
    """Article, raw TC probability and observed technique share of spans that touch gold."""
    keep = [i for i, (t, o) in enumerate(zip(ev.technique_raw, ev.technique)) if t is not None and o is not None]
    return [ev.article[i] for i in keep], [ev.technique_raw[i] for i in keep], [ev.technique[i] for i in keep]


def calibrate(detector: NeuralDetector, card: ModelCard, gold: Sequence[Analysis],
              encoded: Sequence[EncodedDocument]) -> tuple[ModelCard, CalibrationReport]:
    """``card`` with both maps (fitted on all of dev), the likely cut and the score feature whose
    likely spans are the more precise on held-out articles (or, where both reach the target
    precision, the more numerous; "strongest" on a tie); the held-out report."""
    return best_fit([fit_scores(detector, card.with_changes(score_feature=f), gold, encoded)
                     for f in SCORE_FEATURES])


def best_fit(fits: Sequence[tuple[ModelCard, CalibrationReport]]) -> tuple[ModelCard, CalibrationReport]:
    """The fit whose held-out likely spans are the more precise, or, where several reach the
    target precision, the more numerous (the first on a tie)."""
    def rank(fit: tuple[ModelCard, CalibrationReport]) -> tuple[bool, float]:
        report = fit[1]
        enough = report.likely_precision >= cal.LIKELY_PRECISION
        return enough, report.likely_share if enough else report.likely_precision
    return max(fits, key=rank)


def fit_scores(detector: NeuralDetector, card: ModelCard, gold: Sequence[Analysis],
               encoded: Sequence[EncodedDocument]) -> tuple[ModelCard, CalibrationReport]:
    """``card`` with both maps fitted for its score feature and the likely cut; the held-out report."""
    ev = evidence(detector, card, gold, encoded)
    method, held_score = cal.choose_method(ev.propaganda_raw, ev.propaganda, ev.article)
    articles, t_raw, t_obs = _known(ev)
    t_method, held_technique = cal.choose_method(t_raw, t_obs, articles) if t_raw else ("isotonic", np.zeros(0))
    knots = cal.METHODS[method](ev.propaganda_raw, ev.propaganda)
    technique_knots = cal.METHODS[t_method](t_raw, t_obs) if t_raw else ()
    shipped = [cal.apply(knots, x) for x in ev.propaganda_raw]
    cut = cal.likely_cut(shipped, ev.propaganda)
    precision, share = cal.held_out_likely(ev.propaganda_raw, ev.propaganda, ev.article, method)
    in_precision, in_share = cal.precision_at(shipped, ev.propaganda, cut)
    in_sample = {"score_ece": cal.reliability(shipped, ev.propaganda).ece,
                 "score_top_share": cal.reliability(shipped, ev.propaganda).top_share,
                 "likely_precision": in_precision, "likely_share": in_share}
    report = CalibrationReport(cal.reliability(held_score, ev.propaganda), cal.reliability(held_technique, t_obs),
                               cut, precision, share, len(ev.article), in_sample, method, t_method,
                               card.score_feature)
    return card.with_changes(calibration=knots, technique_calibration=technique_knots, likely_cut=cut), report


def quantiles(values: Sequence[float]) -> tuple[float, ...]:
    """101 quantiles (0th to 100th percentile) of the values, rounded to 5 decimals."""
    if not len(values):
        return ()
    return tuple(round(float(q), 5) for q in np.quantile(np.asarray(values, float), np.linspace(0, 1, QUANTILES)))


def density_reference(detector: NeuralDetector, card: ModelCard, documents: Sequence[Document]) -> ModelCard:
    """``card`` with the density quantiles of ``documents`` analysed with it (all spans, likely spans)."""
    analyses = detector.with_card(card).predict(documents)
    return card.with_changes(densities=quantiles([a.density() for a in analyses]),
                             likely_densities=quantiles([a.likely().density() for a in analyses]))
