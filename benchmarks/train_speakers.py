"""Learn the weights of ``spinscope.quotes.speaker_model`` from the hand-labelled quotes, and measure them.

    python benchmarks/train_speakers.py --cross            # leave one blind half out, each in turn
    python benchmarks/train_speakers.py --write            # learn from the blind halves, write speaker_weights.json
    python benchmarks/train_speakers.py --eval J           # the shipped weights on one half (J and K: held out)

What the model learns from must look like what it meets: the rules' output on text they were not written on.
On the halves the rules were developed on, they are right far more often (0.85 of named speakers against
0.56-0.76 when each half was new), and a model taught there learns to trust them blindly. So each half that was
held out once is read by the finder as it stood while that half was held out (``BLIND``: the commit that
released it, before any change made from its misses): ``git archive`` puts that finder in a temporary folder
and a child process runs it. This needs the repository's history (a clone, not an sdist).

Each quoted or reported range the rules find (but those whose speaker they found tight against a speech verb,
``speaker_features.settled``) is matched to the labelled range it overlaps most; the label's speaker (or nobody) is
the answer, among the range's candidates (``speaker_features.quote_features``). The weights maximise the likelihood
of the answers under a softmax over each range's candidates, with an L2 penalty (conditional logit; Adam steps with
numpy). The margins the model must win by (``--margin``, ``--override``) were chosen by ``--cross``. Speaker accuracy
is the benchmark's own (``bench_quotes.speaker_accuracy``); "both" also counts the labelled ranges that name nobody,
right when the range found is given nobody.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_quotes as bq

from spinscope.quotes import Quote
from spinscope.quotes.finder import find_quotes_by_rules
from spinscope.quotes.speaker_features import (
    NOBODY,
    Article,
    key_of,
    quote_features,
    settled,
)
from spinscope.quotes.speaker_model import WEIGHTS, SpeakerModel

# each half held out once -> the commit that released it, whose finder had not been changed from its misses
BLIND = {"B": "16538a2", "E": "a105cd6", "F": "d4f1a23", "G": "56b9ca5", "H": "3a41da5", "I": "ea25026"}
_RUN_OLD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from spinscope.quotes import find_quotes
texts = json.load(sys.stdin)
json.dump([[q.to_dict() for q in find_quotes(t)] for t in texts], sys.stdout)
"""


@cache
def labelled(half: str) -> tuple[tuple[dict, str, tuple[Quote, ...]], ...]:
    """(label, text, the quotes found) for every article of ``half``: by the finder of ``BLIND[half]`` for a blind
    half, else by today's."""
    pairs = bq.load_labels(half)
    if half not in BLIND:
        return tuple((label, text, find_quotes_by_rules(text)) for label, text in pairs)
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(bq.REPO), "archive", BLIND[half], "src/spinscope"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        run = subprocess.run([sys.executable, "-c", _RUN_OLD, str(Path(folder) / "src")], check=True,
                             input=json.dumps([text for _, text in pairs]), capture_output=True, text=True)
    found = json.loads(run.stdout)
    return tuple((label, text, tuple(Quote(**q) for q in quotes)) for (label, text), quotes in zip(pairs, found))


def examples(halves: list[str], drop: tuple[str, ...] = ()) -> list[tuple[list[dict[str, float]], list[int]]]:
    """(the features of each candidate, the indices of the right ones) for every found speech range that overlaps
    a labelled quoted or reported range and whose answer is among its candidates."""
    out = []
    for half in halves:
        for label, text, quotes in labelled(half):
            gold = [g for g in label["quotes"] if g["kind"] in bq.COUNTED]
            art = Article(text, quotes)
            for i, q in enumerate(art.speech):
                if settled(art, i):
                    continue
                best = max(gold, key=lambda g: min(g["end"], q.end) - max(g["start"], q.start), default=None)
                if best is None or min(best["end"], q.end) <= max(best["start"], q.start):
                    continue
                answer = key_of(best["speaker"]) if best["speaker"] else NOBODY
                cands = quote_features(art, i)
                keys = sorted(cands)
                right = [j for j, k in enumerate(keys) if k == answer]
                if right:
                    out.append(([{n: v for n, v in cands[k].items() if not n.startswith(drop)} for k in keys], right))
    return out


def fit(data, l2: float = 0.01, steps: int = 600, rate: float = 0.5) -> dict[str, float]:
    """Weights maximising the mean log-likelihood of the right candidates, minus ``l2`` times their squared norm."""
    names = sorted({n for cands, _ in data for f in cands for n in f})
    index = {n: j for j, n in enumerate(names)}
    mats, rights = [], []
    for cands, right in data:
        m = np.zeros((len(cands), len(names)))
        for r, f in enumerate(cands):
            for n, v in f.items():
                m[r, index[n]] = v
        mats.append(m)
        rights.append(right)
    w = np.zeros(len(names))
    sizes = np.array([len(m) for m in mats])
    big = np.vstack(mats)
    owner = np.repeat(np.arange(len(mats)), sizes)
    target = np.zeros(len(big))
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    for q, right in enumerate(rights):
        target[offsets[q] + np.array(right)] = 1.0 / len(right)
    m1 = np.zeros_like(w)
    m2 = np.zeros_like(w)
    for step in range(1, steps + 1):   # Adam on the full batch
        s = big @ w
        s -= np.maximum.reduceat(s, offsets)[owner]
        e = np.exp(s)
        p = e / np.add.reduceat(e, offsets)[owner]
        grad = big.T @ (p - target) / len(mats) + 2 * l2 * w
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad ** 2
        w -= rate * 0.1 * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
    return {n: round(float(v), 4) for n, v in zip(names, w) if abs(v) > 1e-6}


def accuracy(model: SpeakerModel | None, halves: list[str]) -> dict[str, float]:
    """Speaker accuracy on named gold quotes (the benchmark's figure), the share of gold quotes with no named speaker
    that are given nobody, and both pooled (every gold quoted or reported range that a found range overlaps)."""
    pairs = []
    for half in halves:
        for label, text, quotes in labelled(half):
            found = model.choose(text, quotes) if model is not None else quotes
            pairs.append((label, [q.to_dict() for q in found]))
    named, total, _ = bq.speaker_accuracy(pairs)
    kept, unnamed = bq.unnamed_kept(pairs)
    return {"named": named, "n": total, "unnamed": kept, "n_unnamed": unnamed,
            "both": (named * total + kept * unnamed) / max(total + unnamed, 1)}


def _line(name: str, a: dict[str, float]) -> str:
    return f"{name} {a['named']:.3f} named, {a['unnamed']:.3f} unnamed, {a['both']:.3f} both"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cross", action="store_true", help="leave each blind half out in turn")
    parser.add_argument("--write", action="store_true", help=f"learn from the blind halves, write {WEIGHTS.name}")
    parser.add_argument("--eval", choices=list(bq.HALVES), help="measure the shipped weights on one half")
    parser.add_argument("--drop", default="", help="comma-separated feature-name prefixes to leave out")
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--margin", type=float, default=1.5, help="score margin needed to name a speaker where the "
                        "rules named nobody")
    parser.add_argument("--override", type=float, default=2.0, help="score margin needed to change a speaker the "
                        "rules named")
    args = parser.parse_args()
    drop = tuple(p for p in args.drop.split(",") if p)
    if args.cross:
        pooled = {"rules": [0.0, 0.0, 0], "learnt": [0.0, 0.0, 0]}
        for half in BLIND:
            model = SpeakerModel(fit(examples([h for h in BLIND if h != half], drop), args.l2), args.margin,
                                 args.override)
            rules, learnt = accuracy(None, [half]), accuracy(model, [half])
            for name, a in (("rules", rules), ("learnt", learnt)):
                pooled[name][0] += a["named"] * a["n"]
                pooled[name][1] += a["both"] * (a["n"] + a["n_unnamed"])
                pooled[name][2] += a["n_unnamed"]
            print(f"half {half}: {rules['n']:4d} named, {rules['n_unnamed']:3d} unnamed; {_line('rules', rules)}; "
                  f"{_line('learnt', learnt)}", flush=True)
        n = sum(accuracy(None, [h])["n"] for h in BLIND)
        for name, (named, both, unnamed) in pooled.items():
            print(f"pooled {name}: {named / n:.3f} of {n} named, {both / (n + unnamed):.3f} of all {n + unnamed}")
    if args.write:
        weights = fit(examples(list(BLIND), drop), args.l2)
        WEIGHTS.write_text(json.dumps({"trained_on": "blind halves " + " ".join(BLIND), "l2": args.l2,
                                       "margin": args.margin, "override": args.override, "weights": weights}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS} ({len(weights)} weights)")
    if args.eval:
        print(f"half {args.eval}: {_line('rules', accuracy(None, [args.eval]))}; "
              f"{_line('learnt', accuracy(SpeakerModel.from_file(), [args.eval]))}")


if __name__ == "__main__":
    main()
