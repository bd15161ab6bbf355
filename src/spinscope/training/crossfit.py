"""Decoding chosen by cross-fitting, for a model trained on train+dev.

A model that has seen dev cannot be tuned on it. Fold runs of the same recipe, each trained
on train and part of dev, encode the dev articles they did not train on; together those
encodings stand in for the final model's on dev (every article read by a model that never
saw its labels). The decoding, score maps and likely cut are chosen on them, and the dev
figures a card records for the final model are theirs. Where int8 is kept, the fold models
are judged in each int8 form and the final model ships in the form they kept.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from spinscope.detector.inference import EncodedDocument
from spinscope.detector.neural import NeuralDetector
from spinscope.detector.onnx import OnnxDetector
from spinscope.document import Analysis
from spinscope.errors import ModelError
from spinscope.io.ptc import read_articles
from spinscope.training.config import TrainConfig
from spinscope.training.onnx_conversion import quantize_int8
from spinscope.training.tuning import Tuned, tune


class CrossFitted(NeuralDetector):
    """Fold models seen as one detector over their own encodings: each encoded article is
    named by the TC head of the fold model that encoded it. It decodes; it cannot encode."""

    def __init__(self, owners: dict[int, NeuralDetector]) -> None:
        first = next(iter(owners.values()))
        super().__init__(first.runner, first.tokenizer, first.tc_head, first.card)
        self._owners = owners  # id(encoded document) -> the fold model that encoded it

    def span_probabilities(self, encoded: EncodedDocument, text: str,
                           ranges: Sequence[tuple[int, int]]) -> np.ndarray:
        return self._owners[id(encoded)].span_probabilities(encoded, text, ranges)

    def encode(self, documents, keep_hidden: bool = True) -> list[EncodedDocument]:
        raise ModelError("a cross-fitted detector decodes its fold models' encodings; it does not encode")


def trained_ids(run_dir: Path) -> set[str]:
    """The ids of the articles a training run learnt from."""
    config = TrainConfig.load(Path(run_dir) / "config.json")
    return {d.id for folder in config.train for d in read_articles(folder)}


def held_out_parts(fold_runs: Sequence[Path], gold: Sequence[Analysis]) -> list[list[int]]:
    """For each fold run, the indices of the dev articles it did not train on. Every dev
    article must be left out by exactly one fold run."""
    parts = []
    for run in fold_runs:
        seen = trained_ids(run)
        parts.append([i for i, g in enumerate(gold) if g.document.id not in seen])
    counts = Counter(i for part in parts for i in part)
    twice = sum(1 for c in counts.values() if c > 1)
    never = len(gold) - len(counts)
    if twice or never:
        raise ModelError(f"fold runs must leave out each dev article exactly once: {never} left out by none, "
                         f"{twice} by several")
    return parts


def cross_fitted(folders: Sequence[Path], parts: Sequence[Sequence[int]],
                 gold: Sequence[Analysis]) -> tuple[CrossFitted, list[EncodedDocument]]:
    """Dev as the fold model folders see it: each article encoded by the fold that left it out."""
    encoded: list[EncodedDocument | None] = [None] * len(gold)
    owners: dict[int, NeuralDetector] = {}
    for folder, part in zip(folders, parts):
        member = OnnxDetector.load(folder)
        for i, e in zip(part, member.encode([gold[i].document for i in part])):
            encoded[i], owners[id(e)] = e, member
    return CrossFitted(owners), encoded  # type: ignore[return-value]  # every index is filled (held_out_parts)


def tune_folds(folders: Sequence[Path], parts: Sequence[Sequence[int]], gold: Sequence[Analysis],
               log=None) -> Tuned:
    """Tune on dev as the fold model folders see it (``cross_fitted``)."""
    detector, encoded = cross_fitted(folders, parts, gold)
    return tune(detector, gold, log, encoded=encoded)


def quantised_copies(folders: Sequence[Path], float_last_feed_forward: bool) -> list[Path]:
    """Each model folder quantised one way into an ``int8`` folder beside its files."""
    copies = []
    for folder in folders:
        copy = Path(folder) / "int8"
        copy.mkdir(exist_ok=True)
        quantize_int8(Path(folder) / "model.onnx", copy / "model.onnx", float_last_feed_forward)
        for file in ("tokenizer.json", "tc_head.npz", "spinscope.json"):
            shutil.copyfile(Path(folder) / file, copy / file)
        copies.append(copy)
    return copies
