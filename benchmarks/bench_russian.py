"""A detector on the hand-made Russian evaluation set and on the same articles in English.

    python benchmarks/bench_russian.py [--detectors multilingual minilm-ptc] [--dev ../shared/data/ptc/dev]

The Russian set (``benchmarks/data/ru``, see its README) is 15 PTC dev articles translated
by the project with their gold spans carried over; the English originals and their gold
come from PTC dev. For each detector: SI, TC and end-to-end F1 on each language, and the
ratio Russian SI F1 / English SI F1 (issue 19's target: >= 0.8). Each language is scored
as it is, with the detector named (no language routing), so the figures are the model's.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spinscope.evaluation import evaluate_detector
from spinscope.io import ptc
from spinscope.pipeline import load

REPO = Path(__file__).resolve().parents[1]
RUSSIAN = REPO / "benchmarks" / "data" / "ru"
DEV = REPO.parent / "shared" / "data" / "ptc" / "dev"


def english_originals(dev: Path, ids: set[str]):
    return [a for a in ptc.read_gold(dev) if a.document.id in ids]


def row(name: str, language: str, gold) -> str:
    pipeline = load(name)
    started = time.perf_counter()
    scores = evaluate_detector(pipeline.detector, gold)
    seconds = time.perf_counter() - started
    return (f"| {name} | {language} | {len(gold)} | {sum(len(a.spans) for a in gold)} | {scores['si_f1']:.4f} | "
            f"{scores['tc_micro_f1']:.4f} | {scores['e2e_f1']:.4f} | {seconds:.1f} |"), scores["si_f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detectors", nargs="+", default=["multilingual", "minilm-ptc"])
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    russian = ptc.read_gold(RUSSIAN)
    english = english_originals(args.dev, {a.document.id for a in russian})
    print("| detector | language | articles | gold spans | SI F1 | TC micro-F1 | e2e F1 | seconds (predict + classify) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    ratios = {}
    for name in args.detectors:
        line_ru, si_ru = row(name, "ru", russian)
        line_en, si_en = row(name, "en", english)
        print(line_en)
        print(line_ru)
        ratios[name] = si_ru / si_en if si_en else float("nan")
    for name, ratio in ratios.items():
        print(f"{name}: Russian SI F1 / English SI F1 = {ratio:.2f} (target >= 0.8)")


if __name__ == "__main__":
    main()
