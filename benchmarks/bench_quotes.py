"""Quote finding against the project's own hand-labelled set, and what it costs.

    python benchmarks/bench_quotes.py [--half A|B|C|D|E|F|G|H|I|J|K|all] [--misses] [--detector minilm-ptc] [--repeats 5]

Halves: the labelled set is split by article. Half A is for development and halves C and D (ten more dev
articles each, labelled later) too: their misses may be listed with --misses. Halves B, E, F and G were held
out, each measured once or twice (2026-12-03), and then released for development: their misses may be listed
too (G, the five PTC dev articles left after F, since 2026-12-04; H, ten PTC *train* articles chosen by a
fixed rule, measured twice in the seventh pass, since the eighth; I, ten more by the same kind of rule, measured
once in the eighth pass, since the ninth). Half J (ten more PTC *train* articles by the same kind of rule,
labelled 2026-12-04 by a session that never saw the finder's code or output) and half K (the next ten by the same
rule, labelled the same way in a later session) are held out and give the honest figures: their misses are never
printed, and neither are those of "all", which holds them.
``--repeats 0`` skips the timing of the pipeline.

Accuracy (labels in benchmarks/data/quotes/, rules in GUIDELINES.md there; the article
texts are read from ../shared and checked against the stored SHA-256):
- character P/R/F1 over the union of characters inside quoted + reported ranges, pooled
  over all articles, and the same per kind;
- speaker accuracy over gold quotes that name a speaker: the found range that overlaps
  the gold range most must name the same speaker (case-insensitive; a surname alone
  matches the full name).
Cost: ``spinscope.analyze`` time of the labelled articles with and without quote finding
and voice attribution, alternating the two in one process, median of the repeats.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "benchmarks" / "data" / "quotes"
SHARED = REPO.parent / "shared"
COUNTED = ("quoted", "reported")
PTC_SPLITS = {"ptc-dev": "dev", "ptc-train": "train"}  # a label's source -> the PTC folder its text is in


def _ids(text: str) -> list[str]:
    """The article ids in a space-separated string."""
    return text.split()


HALVES = {
    "A": _ids("730081389 730093263 730246508 730269378 738028498 738361208 738442776 738447109 738542398 738781754 "
          "740235127 761568202 761575506 761722669 761955563 rt-2017-novosibirsk-rally"),
    "B": _ids("763114850 763280007 763412406 772836731 773650987 776126299 776385494 777720051 777785889 777869943 "
          "778094905 778358096 778507244 778730964 779309765 pravda-2023-shoigu-dprk"),
    "C": _ids("781672902 782149032 782448403 783774960 784143418 784382409 785331076 786004130 787085939 "
          "787730392"),
    "D": _ids("787966255 788271400 788273361 788626289 788847916 789454337 789512681 789753303 790499380 "
          "790666929"),
    "E": _ids("794141509 794344513 798244842 832908730 832908905 832908978 832910505 832913316 832913653 "
          "832916492"),
    "F": _ids("832916508 832917532 832917778 999000851 999000858 999000874 999000878 999001211 999001256 "
          "999001259"),
    "G": _ids("999001280 999001290 999001299 999001323 999001419"),
    "H": _ids("770156851 770376380 770581969 770877978 770938827 770945799 770956434 771406408 771546417 "
          "771655795"),
    "I": _ids("773748383 774007496 774145019 774637726 775448623 776345502 776368676 776373795 776535164 "
          "776616374"),
    "J": _ids("779394730 780786973 780787440 781577820 782149225 786250729 786731884 786919720 787142429 "
          "787955075"),
    "K": _ids("788726416 789121265 789121798 789370998 790667730 790720480 790720714 790777028 793467906 "
          "795079843"),
}
HELD_OUT = ("J", "K")  # their misses are never listed (B, E, F, G, H and I were held out until each was measured)
DEVELOPMENT = tuple(h for h in HALVES if h not in HELD_OUT)  # the halves whose misses may be listed


def text_of(label: dict) -> str:
    if label["source"] in PTC_SPLITS:
        split = PTC_SPLITS[label["source"]]
        path = SHARED / "data" / "ptc" / split / "articles" / f"article{label['article']}.txt"
    else:
        path = SHARED / "examples" / f"{label['article']}.txt"
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != label["sha256"]:
        sys.exit(f"{path}: the text differs from the one that was labelled")
    return text


def load_labels(half: str = "all") -> list[tuple[dict, str]]:
    wanted = [a for h in HALVES.values() for a in h] if half == "all" else HALVES[half]
    files = sorted(LABELS / f"{article}.json" for article in wanted)
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: the labelled texts are read from there")
    return [(label, text_of(label)) for label in (json.loads(p.read_text()) for p in files)]


def characters(quotes, kinds) -> set[int]:
    covered: set[int] = set()
    for quote in quotes:
        if quote["kind"] in kinds:
            covered.update(range(quote["start"], quote["end"]))
    return covered


def prf(gold: int, found: int, both: int) -> dict[str, float]:
    p = both / found if found else 0.0
    r = both / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def character_scores(pairs, kinds) -> dict[str, float]:
    gold = found = both = 0
    for label, quotes in pairs:
        g, f = characters(label["quotes"], kinds), characters(quotes, kinds)
        gold, found, both = gold + len(g), found + len(f), both + len(g & f)
    return prf(gold, found, both)


def same_speaker(gold: str, found: str | None) -> bool:
    if not found:
        return False
    g, f = gold.casefold().split(), found.casefold().split()
    return g == f or g[-1:] == f[-1:]


def best_overlap(quotes: list[dict], gold: dict) -> dict | None:
    """The found range that overlaps ``gold`` most, or None where none overlaps it."""
    def overlap(q: dict) -> int:
        return min(q["end"], gold["end"]) - max(q["start"], gold["start"])
    best = max(quotes, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def speaker_accuracy(pairs) -> tuple[float, int, list[str]]:
    right, total, misses = 0, 0, []
    for label, quotes in pairs:
        for gold in label["quotes"]:
            if gold["kind"] not in COUNTED or not gold["speaker"]:
                continue
            total += 1
            best = best_overlap(quotes, gold)
            found = best["speaker"] if best is not None else None
            if same_speaker(gold["speaker"], found):
                right += 1
            else:
                misses.append(f"{label['article']} {gold['start']}: {gold['speaker']!r} vs {found!r}")
    return (right / total if total else 0.0), total, misses


def unnamed_kept(pairs) -> tuple[float, int]:
    """The share of gold quoted or reported ranges that name nobody whose most-overlapping found range names nobody
    too (a found range that names somebody there puts words in a mouth), and how many such ranges were found."""
    kept = total = 0
    for label, quotes in pairs:
        for gold in label["quotes"]:
            best = best_overlap(quotes, gold) if gold["kind"] in COUNTED and not gold["speaker"] else None
            if best is not None:
                total += 1
                kept += best["speaker"] is None
    return (kept / total if total else 0.0), total


def timing(texts: list[str], detector: str, repeats: int) -> dict[str, float]:
    """Seconds to analyse the texts with the bare detector and through the Pipeline, alternating;
    and, on the detector's own analyses, the seconds that quote finding and voices take alone
    (a steadier figure on a shared host than the difference of two long runs)."""
    from spinscope.document import Document
    from spinscope.pipeline import load, with_voices

    pipeline = load(detector)
    documents = [Document.from_text(t) for t in texts]
    bare, full, voices = [], [], []
    analyses = pipeline.detector.predict(documents)  # also the warm-up
    for _ in range(repeats):
        for job, times in ((lambda: pipeline.detector.predict(documents), bare),
                           (lambda: pipeline.predict(documents), full),
                           (lambda: [with_voices(a) for a in analyses], voices)):
            started = time.perf_counter()
            job()
            times.append(time.perf_counter() - started)
    b, f, v = statistics.median(bare), statistics.median(full), statistics.median(voices)
    return {"detector_s": b, "pipeline_s": f, "overhead": f / b - 1, "voices_s": v, "voices_share": v / b}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", default="minilm-ptc")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--half", choices=(*HALVES, "all"), default="all",
                        help="A to I: development halves; J, K: the held-out halves; all: every half (default)")
    parser.add_argument("--misses", action="store_true", help="list the speakers missed (halves A to I only)")
    args = parser.parse_args()
    if args.misses and args.half not in DEVELOPMENT:
        sys.exit(f"--misses lists halves A to I only: halves {' and '.join(HELD_OUT)} are held out "
                 "(and 'all' holds them)")
    from spinscope.quotes import find_quotes

    labelled = load_labels(args.half)
    started = time.perf_counter()
    pairs = [(label, [q.to_dict() for q in find_quotes(text)]) for label, text in labelled]
    finder_s = time.perf_counter() - started
    n_gold = sum(len([q for q in label["quotes"] if q["kind"] in COUNTED]) for label, _ in labelled)
    n_chars = sum(len(text) for _, text in labelled)
    print(f"half {args.half}: {len(labelled)} labelled articles, {n_gold} quoted/reported ranges; finder "
          f"{finder_s * 1000:.1f} ms in all, {finder_s * 1000 * 5000 / max(n_chars, 1):.2f} ms per 5,000 characters")
    for name, kinds in (("quoted + reported", COUNTED), ("quoted", ("quoted",)), ("reported", ("reported",))):
        s = character_scores(pairs, kinds)
        print(f"character {name:18} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    accuracy, total, misses = speaker_accuracy(pairs)
    kept, unnamed = unnamed_kept(pairs)
    print(f"speaker accuracy on {total} named gold quotes: {accuracy:.3f}; nobody kept for {kept:.3f} of {unnamed} "
          "found ranges whose gold names nobody")
    if args.misses:
        print("\n".join(misses))
    if args.repeats <= 0:
        return
    t = timing([text for _, text in labelled], args.detector, args.repeats)
    print(f"analyse {len(labelled)} articles with {args.detector}: detector {t['detector_s']:.3f} s, "
          f"with quotes and voices {t['pipeline_s']:.3f} s, overhead {t['overhead']:+.1%} "
          f"(median of {args.repeats}, alternating); quotes and voices alone {t['voices_s'] * 1000:.1f} ms, "
          f"{t['voices_share']:+.1%} of the detector's time")


if __name__ == "__main__":
    main()
