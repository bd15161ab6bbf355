"""CPU seconds of the Pipeline's Python steps, one tree or two alternating in one process.

    python benchmarks/bench_steps.py [--compare OLD_SRC] [--rounds 5] [--detector minilm-ptc] [--dev ../shared/data/ptc/dev]

Each tree's detector encodes the dev articles once; then each round times, for each tree in turn
(``time.process_time``: all threads of the process, steadier than wall time on a shared host):
- tokenising and windows (``windows.document_windows``, 16 articles a call as ``predict`` does);
- the encoder's pass without the encoder: ``PendingEncoding`` over a runner that replays the session's
  recorded outputs (tokenising again, padding, the sigmoid, merging the windows);
- decoding, span shape and scores (``NeuralDetector.spans_of``, the TC head included);
- quotes and voices (``pipeline.with_voices``);
- the language (``language.detect``).
Figures are the median over rounds. ``--compare`` loads another tree's ``src`` (``git archive <commit>
src | tar -x -C /tmp/old``) beside this one by swapping the ``spinscope`` modules in ``sys.modules``
between steps, so the host's drift falls on both alike, and says whether their analyses are the same.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "ptc" / "dev"
CHUNK = 16
TOKENISING = "tokenising and windows"


def package_modules() -> dict[str, object]:
    return {k: m for k, m in sys.modules.items() if k == "spinscope" or k.startswith("spinscope.")}


class Tree:
    """One ``spinscope`` source tree, its modules kept apart from the other tree's."""

    active: Tree | None = None

    def __init__(self, name: str, src: Path) -> None:
        self.name, self.modules = name, {}
        self.activate()
        sys.path.insert(0, str(src))
        importlib.invalidate_caches()
        importlib.import_module("spinscope.pipeline")
        sys.path.remove(str(src))

    def activate(self) -> None:
        if Tree.active is not None:
            Tree.active.modules = package_modules()  # modules imported lazily since stay with their tree
        for name in package_modules():
            del sys.modules[name]
        sys.modules.update(self.modules)
        Tree.active = self

    def module(self, name: str):
        return importlib.import_module(name)  # the active tree's (``activate`` first)


class Steps:
    """The timed steps over one tree's encodings of the articles."""

    def __init__(self, tree: Tree, detector: str, texts: list[tuple[str, str]]) -> None:
        self.tree = tree
        self.detector = tree.module("spinscope.detector.loading").load_detector(detector, 1)
        document, detect = tree.module("spinscope.document").Document, tree.module("spinscope.language").detect
        self.documents = [document(name, text, language=detect(text)) for name, text in texts]
        self.encoded = self.detector.encode(self.documents)
        self.recorded: dict[bytes, tuple] = {}
        self.analyses: list = []

    def chunks(self) -> list[list[str]]:
        texts = [d.text for d in self.documents]
        return [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]

    def tokenise(self) -> None:
        windows, card = self.tree.module("spinscope.detector.windows"), self.detector.card
        for chunk in self.chunks():
            windows.document_windows(self.detector.tokenizer, chunk, card.window, card.stride, card.split_head)

    def replay(self, ids, mask):
        key = ids.tobytes()
        if key not in self.recorded:
            self.recorded[key] = self.detector.runner(ids, mask)
        return self.recorded[key]

    def encoder_pass(self) -> None:
        pending, card = self.tree.module("spinscope.detector.inference").PendingEncoding, self.detector.card
        for chunk in self.chunks():
            pending(chunk, self.detector.tokenizer, self.replay, card.window, card.stride, card.batch_size, True,
                    None, card.split_head).result()

    def decode(self) -> None:
        analysis = self.tree.module("spinscope.document").Analysis
        self.analyses = [analysis(d, tuple(self.detector.spans_of(e, d.text, d.language)), detector="x")
                         for d, e in zip(self.documents, self.encoded)]

    def voices(self) -> None:
        with_voices = self.tree.module("spinscope.pipeline").with_voices
        self.analyses = [with_voices(a) for a in self.analyses]

    def language(self) -> None:
        detect = self.tree.module("spinscope.language").detect
        for d in self.documents:
            detect(d.text)

    def all(self) -> dict[str, object]:
        return {TOKENISING: self.tokenise, "encoder pass without the encoder": self.encoder_pass,
                "decoding, span shape, scores": self.decode, "quotes and voices": self.voices,
                "language": self.language}


def cpu(step) -> float:
    gc.collect()
    started = time.process_time()
    step()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="another tree's src folder, measured alternating with this one")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--detector", default="minilm-ptc")
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((args.dev / "articles").glob("article*.txt"))]
    trees = ([Tree("old", args.compare)] if args.compare else []) + [Tree("new", REPO / "src")]
    steps = {}
    for tree in trees:
        tree.activate()
        steps[tree.name] = Steps(tree, args.detector, texts)
    times: dict[tuple[str, str], list[float]] = {}
    for round_ in range(args.rounds + 1):  # the first round warms up
        for tree in trees:
            tree.activate()
            for name, step in steps[tree.name].all().items():
                seconds = cpu(step)
                if round_:
                    times.setdefault((tree.name, name), []).append(seconds)
    print(f"{len(texts)} articles, detector {args.detector}, CPU seconds (median of {args.rounds} rounds, min)")
    for name in steps["new"].all():
        print(f"{name:34s}" + "  ".join(f"{t.name} {statistics.median(times[t.name, name]):.3f} "
                                        f"({min(times[t.name, name]):.3f})" for t in trees))
    for tree in trees:  # the encoder pass tokenises again: tokenising counts once
        total = sum(statistics.median(v) for (t, name), v in times.items() if t == tree.name and name != TOKENISING)
        print(f"{tree.name}: {total:.3f} s of Python steps in all")
    if args.compare:
        same = repr(steps["old"].analyses) == repr(steps["new"].analyses)
        print("analyses of both trees the same:", same)


if __name__ == "__main__":
    main()
