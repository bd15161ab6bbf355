"""Write what the cross-fitted default model is trained from: PTC dev cut into two halves
(``tuning.halves``: alternate article ids in sorted order) as PTC folders, and the three
training configs (``--recipe``, ``distilled.json`` unless told, seed 13): two fold runs, each on
train + one half, and the final run on train + all of dev. The accurate model is cross-fitted the
same way from ``--recipe benchmarks/plans/accurate.json`` (its ``ship`` takes ``--out .../mpnet-ptc``).

    spinscope train --config benchmarks/plans/accurate.json --run-dir runs/accurate   # distilled.json's teacher
    python benchmarks/plans/crossfit.py --out runs/crossfit
    spinscope train --config runs/crossfit/foldA.json --run-dir runs/foldA   # likewise foldB, traindev
    spinscope ship runs/traindev --out src/spinscope/models/minilm-ptc --dev ../shared/data/ptc/dev \\
        --fold runs/foldA --fold runs/foldB --int8-tolerance 0.015
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

PLANS = Path(__file__).resolve().parent


def write_half(dev: Path, ids: set[str], out: Path) -> None:
    """A PTC folder holding the dev articles of ``ids`` and their label lines."""
    (out / "articles").mkdir(parents=True, exist_ok=True)
    for article in (dev / "articles").glob("article*.txt"):
        if article.stem.removeprefix("article") in ids:
            shutil.copyfile(article, out / "articles" / article.name)
    for labels in ("si.labels", "tc.labels"):
        lines = (dev / labels).read_text(encoding="utf-8").splitlines(keepends=True)
        (out / labels).write_text("".join(l for l in lines if l.split("\t")[0] in ids), encoding="utf-8")


def main() -> None:
    from spinscope.io.ptc import read_gold
    from spinscope.training.tuning import halves

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default="../shared/data/ptc/dev")
    parser.add_argument("--train", default="../shared/data/ptc/train")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--recipe", type=Path, default=PLANS / "distilled.json",
                        help="the training config the three runs share (its train and dev are replaced)")
    args = parser.parse_args()
    gold = read_gold(args.dev)
    parts = [{gold[i].document.id for i in half} for half in halves(gold)]
    for name, ids in zip(("half1", "half2"), parts):
        write_half(Path(args.dev), ids, args.out / name)
    recipe = json.loads(args.recipe.read_text(encoding="utf-8")) | {"seed": 13}
    runs = {"foldA": ("half1", "half2"), "foldB": ("half2", "half1")}
    for run, (trained, left_out) in runs.items():
        config = recipe | {"train": [args.train, str(args.out / trained)], "dev": str(args.out / left_out)}
        (args.out / f"{run}.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    final = recipe | {"train": [args.train, args.dev], "dev": None}
    (args.out / "traindev.json").write_text(json.dumps(final, indent=1), encoding="utf-8")
    print(f"wrote {args.out}: half1 {len(parts[0])} and half2 {len(parts[1])} dev articles, three configs")


if __name__ == "__main__":
    main()
