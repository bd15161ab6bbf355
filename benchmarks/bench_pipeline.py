"""What the front door costs: the Pipeline against the bare encoder on the same windows,
and the CLI's cold start.

    python benchmarks/bench_pipeline.py [--detector minilm-ptc] [--repeats 5] [--dev ../shared/data/ptc/dev]

Overhead: in one process, alternating, (a) the bare encoder, the ONNX session run over
exactly the windows ``predict`` would make (padded ids prepared beforehand, the detector's
own thread pool), and (b) ``Pipeline.predict`` on the same documents (tokenising, windows,
the encoder, decoding, span shape, calibration, quotes and voices). Overhead = median(b) /
median(a) - 1. Cold start: wall time of ``spinscope analyze examples/rally-speech.txt -f json``
in a fresh process, median of five, and of ``python -c "import spinscope"`` for scale.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "ptc" / "dev"
EXAMPLE = REPO / "examples" / "rally-speech.txt"


def documents(dev: Path):
    from spinscope.document import Document

    if (dev / "articles").is_dir():
        paths = sorted((dev / "articles").glob("article*.txt"))
        return [Document(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    return [Document("example", EXAMPLE.read_text(encoding="utf-8"))] * 20


def bare_encoder(detector, texts):
    """A function that runs only the encoder over the windows ``predict`` makes for ``texts``."""
    from spinscope.detector.windows import (batches, make_windows, pad_windows, segment_cuts, special_ids,
                                            tokenize)

    card = detector.card
    tokenized = tokenize(detector.tokenizer, texts)
    cuts = [segment_cuts(t, tokens) for t, tokens in zip(texts, tokenized)] if card.split_head else None
    windows = make_windows(tokenized, card.window, card.stride, cuts=cuts)
    specials = special_ids(detector.tokenizer)
    prepared = [pad_windows(group, tokenized, specials) for group in batches(windows, card.batch_size)]

    def run() -> None:
        call = lambda b: detector.runner(b.input_ids, b.attention_mask)  # noqa: E731
        pool = detector.pool()
        list(pool.map(call, prepared)) if pool else [call(b) for b in prepared]

    return run, len(windows)


def timed(job) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def cold_start(command: list[str], repeats: int = 5) -> float:
    return statistics.median(timed(lambda: subprocess.run(command, capture_output=True, check=True))
                             for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", default="minilm-ptc")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    from spinscope.pipeline import load

    pipeline = load(args.detector)
    docs = documents(args.dev)
    bare, n_windows = bare_encoder(pipeline.detector, [d.text for d in docs])
    pipeline.predict(docs)  # warm-up
    a, b = [], []
    for _ in range(args.repeats):
        a.append(timed(bare))
        b.append(timed(lambda: pipeline.predict(docs)))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{len(docs)} documents, {n_windows} windows, detector {pipeline.name}, {args.repeats} alternating runs")
    print(f"bare encoder {ma:.3f} s, pipeline {mb:.3f} s: overhead {mb / ma - 1:+.1%}")
    cli = [sys.executable, "-c", "from spinscope.cli import main; main()", "analyze", str(EXAMPLE), "-f", "json"]
    print(f"cold start, `spinscope analyze examples/rally-speech.txt -f json`: {cold_start(cli):.3f} s "
          f"(python -c 'import spinscope': {cold_start([sys.executable, '-c', 'import spinscope']):.3f} s), median of 5")


if __name__ == "__main__":
    main()
