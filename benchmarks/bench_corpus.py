"""Corpus throughput: documents/s for 1,000 articles, single process and on 2 Dask workers.

Usage: python benchmarks/bench_corpus.py [--articles 1000] [--detector NAME] [--batch-size 16]

The articles are the PTC train+dev articles (../shared/data/ptc), cycled, each copy with a
short suffix so that every one has its own content hash; they are spread over 4 outlets
and 12 months. Each mode runs in a fresh subprocess on a fresh store so that its peak
memory is its own. Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PTC = REPO.parent / "shared" / "data" / "ptc"
OUTLETS = ("Herald", "Courier", "Gazette", "Tribune")


def write_corpus(path: Path, count: int) -> int:
    """A JSONL corpus of ``count`` distinct articles; returns its total number of words."""
    from spinscope.io.ptc import read_articles
    from spinscope.corpus.schema import count_words

    articles = read_articles(PTC / "train") + read_articles(PTC / "dev")
    words = 0
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            text = articles[i % len(articles)].text + ("" if i < len(articles) else f"\n\n(copy {i})")
            words += count_words(text)
            row = {"text": text, "outlet": OUTLETS[i % len(OUTLETS)], "published": f"2024-{i % 12 + 1:02d}-15"}
            handle.write(json.dumps(row) + "\n")
    return words


def run_mode(mode: str, corpus_file: str, database: str, detector: str | None, batch_size: int) -> dict:
    """Inside the subprocess: add, analyse (and for 'single', report); timings and peak memory."""
    from spinscope import corpus
    from spinscope.corpus import write_report
    from spinscope.corpus.store import Store

    figures = {}
    with Store(database) as store:
        begun = time.perf_counter()
        corpus.add(store, [corpus_file])
        figures["add_s"] = time.perf_counter() - begun
        options = {"dask": "local", "workers": 2} if mode == "dask" else {}
        result = corpus.analyze(store, detector, batch_size=batch_size, **options)
        figures.update(analysed=result.analysed, failed=result.failed, analyze_s=result.seconds,
                       detector=f"{result.detector.name} {result.detector.version}")
        if mode == "single":
            begun = time.perf_counter()
            write_report(store, Path(database).with_suffix(".html"))
            figures["report_s"] = time.perf_counter() - begun
    figures["driver_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The largest child this process waited for: a Dask worker (or its nanny), once the cluster is closed.
    figures["worker_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["store_mib"] = sum(p.stat().st_size for p in Path(database).parent.glob(Path(database).name + "*")) / 2**20
    return figures


def measure(mode: str, corpus_file: Path, folder: Path, detector: str | None, batch_size: int) -> dict:
    database = folder / f"{mode}.db"
    command = [sys.executable, __file__, "--run", mode, "--corpus", str(corpus_file), "--db", str(database),
               "--batch-size", str(batch_size)] + (["--detector", detector] if detector else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--detector", default=None)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--run", choices=("single", "dask"))
    parser.add_argument("--corpus")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_mode(args.run, args.corpus, args.db, args.detector, args.batch_size)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        words = write_corpus(folder / "corpus.jsonl", args.articles)
        print(f"{args.articles} articles, {words:,} words; {os.cpu_count()} CPUs; batch size {args.batch_size}")
        print("| mode | detector | docs/s (analyse) | analyse s | add s | report s | driver peak RSS MiB | worker peak RSS MiB |"
              " store MiB / 1,000 |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for mode in ("single", "dask"):
            f = measure(mode, folder / "corpus.jsonl", folder, args.detector, args.batch_size)
            label = "1 process" if mode == "single" else "Dask LocalCluster, 2 worker processes"
            report_s = f"{f['report_s']:.1f}" if "report_s" in f else "–"
            worker = f"{f['worker_peak_mib']:.0f}" if mode == "dask" else "–"
            print(f"| {label} | {f['detector']} | {f['analysed'] / f['analyze_s']:.1f} | {f['analyze_s']:.1f} | "
                  f"{f['add_s']:.1f} | {report_s} | {f['driver_peak_mib']:.0f} | {worker} | "
                  f"{f['store_mib'] * 1000 / args.articles:.1f} |", flush=True)


if __name__ == "__main__":
    main()
