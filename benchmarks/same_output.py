"""Whether two trees analyse alike: every span (offsets, technique and alternatives, scores, level,
voice, speaker) and every quote of the PTC dev and train articles and of the example articles.

    python benchmarks/same_output.py OLD_SRC [--new NEW_SRC] [--detector auto] [--tolerance 1e-9]

``OLD_SRC`` is another tree's ``src`` folder (``git archive <commit> src | tar -x -C /tmp/old``); the new
tree is this one's unless given. Each tree runs ``Pipeline.pipe`` in a process of its own, with the same
environment (numpy's BLAS thread count changes the TC head's last bits), writing one JSON line per
document; the lines are then compared: scores within the tolerance, everything else exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOLDERS = (SHARED / "data" / "ptc" / "dev" / "articles", SHARED / "data" / "ptc" / "train" / "articles")
EXAMPLES = (REPO / "examples", SHARED / "examples")


def article_paths() -> list[Path]:
    paths = [p for folder in FOLDERS for p in sorted(folder.glob("article*.txt"))]
    return paths + [p for folder in EXAMPLES for p in sorted(folder.glob("*.txt"))]


def dump(detector: str, out: Path) -> None:
    """Every analysis of ``article_paths`` as this process's ``spinscope`` makes it, a JSON line each."""
    from spinscope.document import Document
    from spinscope.pipeline import load

    documents = [Document(str(p), p.read_text(encoding="utf-8")) for p in article_paths()]
    pipeline = load(None if detector == "auto" else detector)
    with out.open("w", encoding="utf-8") as lines:
        for a in pipeline.pipe(documents):
            spans = [[s.start, s.end, s.technique, [list(t) for t in s.alternatives], s.score, s.technique_score,
                      s.level, s.voice, s.speaker] for s in a.spans]
            lines.write(json.dumps({"id": a.document.id, "detector": a.detector, "language": a.document.language,
                                    "spans": spans, "quotes": [repr(q) for q in a.quotes]}) + "\n")


def same(a: object, b: object, tolerance: float) -> bool:
    """Equal, floats within ``tolerance`` (None only equals None)."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= tolerance
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y, tolerance) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def differences(old: list[dict], new: list[dict], tolerance: float) -> list[str]:
    """A line for each document and field that differ; for spans, each pair of spans that differ."""
    found = []
    for o, n in zip(old, new, strict=True):
        for key in (k for k in o if not same(o[k], n[k], tolerance)):
            pairs = zip(o[key], n[key]) if key == "spans" and len(o[key]) == len(n[key]) else []
            shown = "; ".join(f"{a} -> {b}" for a, b in pairs if not same(a, b, tolerance))
            found.append(f"{o['id']}: {key} {shown}".rstrip())
    return found


def run_tree(src: Path, detector: str, out: Path) -> list[dict]:
    subprocess.run([sys.executable, __file__, "--dump", str(out), "--detector", detector],
                   env={**os.environ, "PYTHONPATH": str(src)}, check=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, nargs="?", help="the other tree's src folder")
    parser.add_argument("--new", type=Path, default=REPO / "src")
    parser.add_argument("--detector", default="auto")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        return dump(args.detector, args.dump)
    with tempfile.TemporaryDirectory() as folder:
        old = run_tree(args.old, args.detector, Path(folder) / "old.jsonl")
        new = run_tree(args.new, args.detector, Path(folder) / "new.jsonl")
    found = differences(old, new, args.tolerance)
    print("\n".join(found[:50]))
    spans, quotes = sum(len(d["spans"]) for d in old), sum(len(d["quotes"]) for d in old)
    print(f"detector {args.detector}: {len(old)} documents, {spans} spans, {quotes} quotes compared; "
          f"{len(found)} differences ({sum(o == n for o, n in zip(old, new))} documents identical to the byte)")


if __name__ == "__main__":
    main()
