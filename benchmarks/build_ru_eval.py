"""Build the Russian evaluation set's gold labels from its hand-made span files.

    python benchmarks/build_ru_eval.py [--check]

``benchmarks/data/ru/spans/<ID>.json`` says, for every gold span of PTC dev article <ID>,
which words of the hand translation ``articles/article<ID>.txt`` express it (the exact
Russian text and which occurrence of it). This script finds each one, checks that it
starts and ends on word boundaries, and writes ``tc.labels`` beside them (PTC's format:
``id<TAB>technique<TAB>start<TAB>end``), so that the folder is a PTC folder that
``spinscope evaluate`` and the benchmarks read. ``--check`` only verifies that
``tc.labels`` is up to date. How the set was made: ``benchmarks/data/ru/README.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "data" / "ru"


class SpanNotFound(ValueError):
    pass


def locate(text: str, phrase: str, occurrence: int) -> int:
    """Where the ``occurrence``-th (1-based) appearance of ``phrase`` in ``text`` starts."""
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise SpanNotFound(f"{phrase!r} does not occur {occurrence} times")
    return start


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() and text[start].isalnum()) and not (after.isalnum() and text[end - 1].isalnum())


def labels_of(article_id: str) -> list[str]:
    text = (FOLDER / "articles" / f"article{article_id}.txt").read_text(encoding="utf-8")
    rows = []
    for entry in json.loads((FOLDER / "spans" / f"{article_id}.json").read_text(encoding="utf-8")):
        start = locate(text, entry["ru"], entry.get("occurrence", 1))
        end = start + len(entry["ru"])
        if not on_word_boundaries(text, start, end):
            raise SpanNotFound(f"{article_id}: {entry['ru']!r} cuts a word")
        rows.append(f"{article_id}\t{entry['technique']}\t{start}\t{end}\n")
    return rows


def build() -> str:
    ids = sorted(p.stem for p in (FOLDER / "spans").glob("*.json"))
    return "".join(row for article_id in ids for row in labels_of(article_id))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that tc.labels is up to date")
    args = parser.parse_args()
    labels = build()
    target = FOLDER / "tc.labels"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        print("tc.labels is up to date" if current == labels else "tc.labels is out of date: run the build")
        return 0 if current == labels else 1
    target.write_text(labels, encoding="utf-8")
    print(f"wrote {labels.count(chr(10))} spans of {len(list((FOLDER / 'spans').glob('*.json')))} articles to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
