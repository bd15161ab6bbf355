"""What the front door costs: the Pipeline against the bare encoder on the same windows,
and the CLI's cold start.

    python benchmarks/bench_pipeline.py [--detector minilm-ptc] [--repeats 5] [--dev ../shared/data/ptc/dev]
    python benchmarks/bench_pipeline.py --compare OLD_SRC [--rounds 3] [--repeats 3] [--cold-starts 5]

``--compare`` measures another tree's ``src`` folder (e.g. ``git archive <commit> src | tar -x -C /tmp/old``)
against this one: each round runs the overhead measurement in a fresh process for each tree in turn, then
the cold start of both trees alternating, so host drift falls on both alike. The bare encoder cuts
windows with the measured tree's own ``windows.document_windows`` (trees from 9622c2d on have it).

Overhead: in one process, alternating, (a) the bare encoder, the ONNX session run over
exactly the windows ``predict`` would make (padded ids prepared beforehand, the detector's
own thread pool), and (b) ``Pipeline.predict`` on the same documents (tokenising, windows,
the encoder, decoding, span shape, calibration, quotes and voices). Overhead = median(b) /
median(a) - 1, and the median over the pairs of b / a - 1 (each pipeline run against the bare run
just before it: the host's speed drifts by a quarter within minutes, least within a pair). Cold start: wall time of ``spinscope analyze examples/rally-speech.txt -f json``
in a fresh process, median of five, and of ``python -c "import spinscope"`` for scale.
"""

from __future__ import annotations

import argparse
import os
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
    from spinscope.detector.windows import batches, document_windows, pad_windows, special_ids

    card = detector.card
    tokenized, windows, _ = document_windows(detector.tokenizer, texts, card.window, card.stride, card.split_head)
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


def overhead(detector: str, dev: Path, repeats: int) -> tuple[float, float, float, int, int]:
    """Median seconds of the bare encoder and of ``Pipeline.predict`` over the same documents,
    alternating; the median of the pairs' overheads (each pipeline run against the bare run just
    before it, which the host's drift touches least); and the numbers of documents and windows."""
    from spinscope.pipeline import load

    pipeline = load(detector)
    docs = documents(dev)
    bare, n_windows = bare_encoder(pipeline.detector, [d.text for d in docs])
    pipeline.predict(docs)  # warm-up
    a, b = [], []
    for _ in range(repeats):
        a.append(timed(bare))
        b.append(timed(lambda: pipeline.predict(docs)))
    pairs = statistics.median(y / x for x, y in zip(a, b)) - 1
    return statistics.median(a), statistics.median(b), pairs, len(docs), n_windows


def cli_command(src: Path | None = None, output_format: str = "json") -> tuple[list[str], dict[str, str] | None]:
    """The cold-start command, run with ``src`` first on the import path when given."""
    command = [sys.executable, "-c", "from spinscope.cli import main; main()", "analyze", str(EXAMPLE), "-f",
               output_format]
    return command, ({**os.environ, "PYTHONPATH": str(src), "COLUMNS": "100"} if src else None)


def compare(old: Path, args: argparse.Namespace) -> None:
    """Overhead and cold start of the tree at ``old`` against this one, alternating."""
    trees = {"old": old, "new": REPO / "src"}
    worker = [sys.executable, __file__, "--worker", "--detector", args.detector, "--repeats", str(args.repeats),
              "--dev", str(args.dev)]
    starts: dict[tuple[str, str], list[float]] = {(f, name): [] for f in ("json", "table") for name in trees}
    for round_ in range(args.rounds):
        for name, src in trees.items():
            done = subprocess.run(worker, env={**os.environ, "PYTHONPATH": str(src)}, capture_output=True,
                                  text=True, check=True)
            print(f"round {round_ + 1} {name}: {done.stdout.strip()}", flush=True)
        for _ in range(args.cold_starts):
            for (output_format, name), values in starts.items():
                command, env = cli_command(trees[name], output_format)
                values.append(timed(lambda: subprocess.run(command, env=env, capture_output=True, check=True)))
    for (output_format, name), values in starts.items():
        if not values:
            continue
        print(f"cold start -f {output_format} {name}: median {statistics.median(values):.3f} s, "
              f"min {min(values):.3f} s ({len(values)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", default="minilm-ptc")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--compare", type=Path, help="another tree's src folder to measure against this one")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold-starts", type=int, default=5, help="cold starts per tree and format a round (0: none)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare:
        return compare(args.compare, args)
    ma, mb, pairs, n_docs, n_windows = overhead(args.detector, args.dev, args.repeats)
    line = f"bare encoder {ma:.3f} s, pipeline {mb:.3f} s: overhead {mb / ma - 1:+.1%} (median of pairs {pairs:+.1%})"
    if args.worker:
        print(line)
        return
    print(f"{n_docs} documents, {n_windows} windows, detector {args.detector}, {args.repeats} alternating runs")
    print(line)
    command, _ = cli_command()
    print(f"cold start, `spinscope analyze examples/rally-speech.txt -f json`: {cold_start(command):.3f} s "
          f"(python -c 'import spinscope': {cold_start([sys.executable, '-c', 'import spinscope']):.3f} s), median of 5")


if __name__ == "__main__":
    main()
