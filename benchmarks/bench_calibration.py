"""Held-out reliability of the span scores of shipped models, on PTC dev.

    python benchmarks/bench_calibration.py [--dev ../shared/data/ptc/dev] [MODEL ...]
    python benchmarks/bench_calibration.py minilm-ptc --fold runs/foldA --fold runs/foldB   # trained on train+dev

For each model (default: the three shipped English models) it decodes dev with the card's
settings, fits both score maps by 5-fold cross-fitting over articles, choosing isotonic or
Platt for each (the code that ``spinscope retune`` runs) and prints the held-out reliability tables of ``score`` and
``technique_score``, their ECE (10 bins of width 0.1, weighted by spans), the spread
(largest share of spans holding one score, bins used), the likely cut and its held-out
precision, first for each score feature the card may read (``ModelCard.score_feature``; retune
keeps the one whose held-out likely spans are the more precise); then what the shipped card gives
on dev (its own maps, fitted on all of dev).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spinscope.detector import calibration as cal
from spinscope.detector.loading import load_detector
from spinscope.io.ptc import read_gold
from spinscope.detector.card import SCORE_FEATURES
from spinscope.training.scores import best_fit, fit_scores
from spinscope.training.tuning import decode_all

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc" / "dev"


def report(name: str, dev: Path, folds: list[Path]) -> None:
    gold = read_gold(dev)
    if folds:
        detector, encoded = fold_view(load_detector(name), folds, gold)
    else:
        detector = load_detector(name)
        encoded = detector.encode([g.document for g in gold])
    fits = [fit_scores(detector, detector.card.with_changes(score_feature=f), gold, encoded) for f in SCORE_FEATURES]
    card, held = best_fit(fits)  # what calibrate (spinscope retune) keeps
    print(f"## {name}: {held.spans} dev spans, held out (5-fold cross-fitting by article)\n")
    print("| score feature | map | ECE | likely cut | held-out likely precision | share likely |")
    print("| --- | --- | --- | --- | --- | --- |")
    for feature, (_, fit) in zip(SCORE_FEATURES, fits):
        chosen = " (**chosen**)" if feature == card.score_feature else ""
        print(f"| {feature}{chosen} | {fit.method} | {fit.score.ece:.4f} | {fit.likely_cut:.2f} | "
              f"{fit.likely_precision:.3f} | {fit.likely_share:.1%} |")
    print()
    for label, rel, method in (("score (is propaganda)", held.score, held.method),
                               ("technique_score (technique right)", held.technique_score, held.technique_method)):
        print(f"{label}, {method} map: ECE {rel.ece:.4f}, largest share at one value {rel.top_share:.2%}, "
              f"bins used {rel.bins_used}\n")
        print(rel.table() + "\n")
    print(f"likely cut {held.likely_cut:.2f}: held-out precision {held.likely_precision:.3f}, "
          f"{held.likely_share:.1%} of dev spans likely (card's cut: {detector.card.likely_cut:.2f})")
    analyses = decode_all(detector, gold, encoded)
    scores = [s.score for a in analyses for s in a.spans]
    shares = [cal.propaganda_share(s, g.spans) for a, g in zip(analyses, gold) for s in a.spans]
    precision, share = cal.precision_at(scores, shares, detector.card.likely_cut)
    shipped = cal.reliability(scores, shares)
    print(f"shipped card on dev (in sample): ECE {shipped.ece:.4f}, largest share {shipped.top_share:.2%}, "
          f"bins {shipped.bins_used}; likely precision {precision:.3f}, {share:.1%} of spans likely\n")


def fold_view(model, folds: list[Path], gold):
    """For a model trained on train+dev: its fold runs (``spinscope ship --fold``), each in the model's
    precision and with its settings, on the dev articles each left out."""
    from spinscope.training.crossfit import cross_fitted, held_out_parts, quantised_copies
    from spinscope.training.ship import INT8_FORMS, stage_run, tuned_settings

    packages = [run / "package" if (run / "package" / "model.onnx").is_file() else stage_run(run, model.card.name)
                for run in folds]
    precision = model.card.about.get("precision")
    if precision in INT8_FORMS:
        packages = quantised_copies(packages, INT8_FORMS[precision])
    detector, encoded = cross_fitted(packages, held_out_parts(folds, gold), gold)
    return detector.with_card(detector.card.with_changes(**tuned_settings(model.card))), encoded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", default=["minilm-ptc", "minilm-ptc-fast", "mpnet-ptc"])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--fold", type=Path, action="append", default=[],
                        help="for one model trained on train+dev: a fold run it was shipped with (repeat); "
                             "dev is then read by the fold models, each on the articles it left out")
    args = parser.parse_args()
    if args.fold and len(args.models) != 1:
        parser.error("--fold goes with exactly one model")
    for name in args.models:
        report(name, args.dev, args.fold)


if __name__ == "__main__":
    main()
