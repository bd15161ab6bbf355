"""Span shape benchmark: how predicted and gold spans start and end, and what the clean-up costs.

    python benchmarks/bench_shape.py [--detectors minilm-ptc minilm-ptc-fast] [--dev ../shared/data/ptc/dev]
    python benchmarks/bench_shape.py --detectors minilm-ptc --fold runs/foldA --fold runs/foldB   # trained on train+dev

For gold spans of PTC train and dev, and for each detector's dev spans with the clean-up
off and on (``split_head`` and ``tidy`` on the model card; old and new code in one run):
share of spans starting / ending on a function word (``shape.FUNCTION_WORDS``), ending on
punctuation, crossing a sentence end, of one word; same-range duplicates; SI P/R/F1, TC
micro-F1 and end-to-end F1. Then context stability: for each example article, whether
the spans found in the body are the same (offsets shifted) with a title and date line in
front of it. A model trained on train+dev has read dev, so its dev spans flatter it: with ``--fold`` (its fold
runs, as ``bench_calibration.py`` takes them) a further row gives the shape of the spans its fold models find,
with its settings, each on the dev articles it left out.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
HEADER = "Title of the piece\nPublished 3 May 2017\n\n"
SETTINGS = {"old (no clean-up)": dict(split_head=False, tidy=False), "tidy only": dict(split_head=False, tidy=True),
            "split head only": dict(split_head=True, tidy=False), "new (both)": dict(split_head=True, tidy=True)}


def shape_rates(analyses) -> dict[str, float]:
    """Shares of spans by how they start and end, and the count of same-range duplicates."""
    from spinscope.detector import shape

    counts: Counter[str] = Counter()
    for analysis in analyses:
        text = analysis.document.text
        ranges = Counter((s.start, s.end) for s in analysis.spans)
        counts["same-range duplicates"] += sum(n - 1 for n in ranges.values())
        for span in analysis.spans:
            counts["spans"] += 1
            words = shape.word_ranges(text, span.start, span.end)
            first, last = (text[slice(*words[0])], text[slice(*words[-1])]) if words else ("", "")
            counts["start on function word"] += shape.is_function_word(first)
            counts["end on function word"] += shape.is_function_word(last)
            counts["end on punctuation"] += not shape.is_word_char(text[span.end - 1])
            counts["cross a sentence end"] += bool(shape.sentence_starts(text, span.start, span.end))
            counts["one word"] += len(words) == 1
    n = max(counts["spans"], 1)
    shares = {k: v / n for k, v in counts.items() if k not in ("spans", "same-range duplicates")}
    return {"spans": counts["spans"], **shares, "same-range duplicates": counts["same-range duplicates"]}


def rates_and_scores(detector, gold, encoded) -> tuple[dict, dict]:
    """Shape rates and SI/TC/e2e scores of the detector's spans of dev, as ``encoded``."""
    from spinscope.document import Analysis
    from spinscope.training.metrics import score_predictions

    predicted = [Analysis(g.document, tuple(detector.spans_of(e, g.document.text))) for g, e in zip(gold, encoded)]
    classified = [detector.classify_encoded(g, e) for g, e in zip(gold, encoded)]
    return shape_rates(predicted), score_predictions(gold, predicted, classified)


def detector_rows(name: str, dev: Path) -> list[tuple[str, dict, dict]]:
    """(setting, shape rates, scores) for the detector under each setting, one encoder pass per
    window layout."""
    from spinscope.detector.loading import load_detector
    from spinscope.io.ptc import read_gold

    gold = read_gold(dev)
    detector = load_detector(name)
    rows, encoded = [], {}
    for label, settings in SETTINGS.items():
        twin = detector.with_card(detector.card.with_changes(**settings))
        if settings["split_head"] not in encoded:
            encoded[settings["split_head"]] = twin.encode([g.document for g in gold])
        rows.append((f"{name}, {label}", *rates_and_scores(twin, gold, encoded[settings["split_head"]])))
    return rows


def cross_fitted_row(name: str, dev: Path, folds: list[Path]) -> tuple[str, dict, dict]:
    """(label, shape rates, scores) of the spans the model's fold runs find on the dev articles each left out."""
    from bench_calibration import fold_view

    from spinscope.detector.loading import load_detector
    from spinscope.io.ptc import read_gold

    gold = read_gold(dev)
    detector, encoded = fold_view(load_detector(name), folds, gold)
    return (f"{name}, cross-fitted (fold runs)", *rates_and_scores(detector, gold, encoded))


def body_spans(detector, text: str, shift: int) -> list[tuple]:
    """The spans found in ``text``, as (start - shift, end - shift, techniques)."""
    from spinscope.document import Document

    [analysis] = detector.predict([Document("x", text)])
    return [(s.start - shift, s.end - shift, tuple(s.techniques())) for s in analysis.spans if s.start >= shift]


def stability_rows(name: str) -> list[str]:
    """Per example article: spans in the body with and without the header, and how many differ."""
    from spinscope.detector.loading import load_detector

    detector, lines = load_detector(name), []
    for path in sorted((SHARED / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for label, settings in (("old", dict(split_head=False, tidy=False)), ("new", {})):
            twin = detector.with_card(detector.card.with_changes(**settings))
            alone, headed = body_spans(twin, text, 0), body_spans(twin, HEADER + text, len(HEADER))
            differ = len(set(alone) ^ set(headed))
            lines.append(f"| {name} | {path.stem} | {label} | {len(alone)} | {len(headed)} | {differ} |")
    return lines


RATES = ("start on function word", "end on function word", "end on punctuation", "cross a sentence end", "one word")


def render(gold_rows, rows, stability) -> str:
    head = ["| spans of | n | " + " | ".join(RATES) + " | same-range duplicates | SI P | SI R | SI F1 | TC | e2e F1 |",
            "| --- " * (len(RATES) + 8) + "|"]
    for label, r, s in gold_rows + rows:
        figures = " | ".join(f"{100 * r[k]:.1f}%" for k in RATES)
        scores = (" | ".join(f"{s[k]:.4f}" for k in ("si_precision", "si_recall", "si_f1", "tc_micro_f1", "e2e_f1"))
                  if s else " | ".join("-" * 5))
        head.append(f"| {label} | {r['spans']} | {figures} | {r['same-range duplicates']} | {scores} |")
    head += ["", "| detector | example | code | body spans alone | body spans under a header | differ |",
             "| --- | --- | --- | --- | --- | --- |", *stability]
    return "\n".join(head)


def main() -> None:
    from spinscope.io.ptc import read_gold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "data" / "ptc" / "dev")
    parser.add_argument("--train", type=Path, default=SHARED / "data" / "ptc" / "train")
    parser.add_argument("--detectors", nargs="+", default=["minilm-ptc"])
    parser.add_argument("--fold", type=Path, action="append", default=[],
                        help="for one detector trained on train+dev: a fold run it was shipped with (repeat)")
    args = parser.parse_args()
    if args.fold and len(args.detectors) != 1:
        parser.error("--fold goes with exactly one detector")
    gold_rows = [(f"gold, PTC {p.name}", shape_rates(read_gold(p)), None) for p in (args.train, args.dev)]
    rows = [row for name in args.detectors for row in detector_rows(name, args.dev)]
    if args.fold:
        rows.append(cross_fitted_row(args.detectors[0], args.dev, args.fold))
    stability = [line for name in args.detectors for line in stability_rows(name)]
    print(render(gold_rows, rows, stability))


if __name__ == "__main__":
    main()
