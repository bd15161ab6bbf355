"""Peak memory (RSS) of analysing 1 MB of text, before and after a change, in one run.

    python benchmarks/bench_memory.py [--before REF] [--megabytes 1] [--detector NAME]

Each variant runs in a fresh subprocess that loads the detector, builds about 1 MB of
news text (the articles in ../shared/examples repeated, else a hand-written paragraph)
and analyses it as one document with ``Pipeline.predict``; the subprocess reports its
own peak RSS (``resource.getrusage``) and its RSS after loading, before analysing.
``--before REF`` also runs the package as it was at a git commit (``git archive`` of its
``src`` into a temporary folder), so the two figures come from the same machine minutes
apart. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO.parent / "shared" / "examples"
FALLBACK = ("The shameful traitors in the capital want to sell out our glorious nation, the "
            "opposition leader told thousands of supporters, warning that the so-called reforms "
            "would destroy everything their grandparents had fought for.\n")

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import spinscope
from spinscope.document import Document

def rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

text = sys.stdin.read()
pipeline = spinscope.load(sys.argv[1] or None)
loaded = rss_mib()
began = time.perf_counter()
analysis = pipeline.predict([Document.from_text(text)])[0]
seconds = time.perf_counter() - began
print(json.dumps({"characters": len(text), "spans": len(analysis.spans), "seconds": round(seconds, 1),
                  "rss_loaded_mib": round(loaded), "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "spans_digest": hash(tuple((s.start, s.end, s.technique, s.score) for s in analysis.spans))}))
"""


def news_text(megabytes: float) -> str:
    """About ``megabytes`` MB (UTF-8) of news text."""
    sources = sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sources) or FALLBACK * 20
    target = int(megabytes * 1_000_000)
    copies = target // len(unit.encode("utf-8")) + 1
    text = "\n\n".join([unit] * copies)
    return text.encode("utf-8")[:target].decode("utf-8", "ignore")


def source_at(ref: str, into: Path) -> Path:
    """The package source (``src``) as it was at a git commit."""
    archive = into / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref, "src"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def measure(source: Path, text: str, detector: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(source), "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-c", CHILD, detector], input=text, text=True, env=env,
                          capture_output=True, check=False, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"the measuring process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default=None, help="git commit to compare with (e.g. HEAD~1)")
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--detector", default="", help="detector name (default: the shipped default)")
    args = parser.parse_args()
    text = news_text(args.megabytes)
    figures: dict[str, object] = {"date": datetime.date.today().isoformat(), "python": platform.python_version(),
                                  "cpu_cores": os.cpu_count(), "megabytes": args.megabytes}
    with tempfile.TemporaryDirectory() as scratch:
        if args.before:
            figures[f"before ({args.before})"] = measure(source_at(args.before, Path(scratch)), text, args.detector)
        figures["now (working tree)"] = measure(REPO / "src", text, args.detector)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
