"""A trained detector as teacher: its probabilities become soft targets for a smaller student.

The teacher may read the text with another tokenizer, so what it says is carried over by
characters: every character takes the token probabilities of the teacher token that covers
it, and a student token takes the mean over its own characters. For each gold span the
teacher's TC head gives a distribution over techniques. ``blend`` mixes both into the
student's training documents: ``(1 - weight) * gold + weight * teacher``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from spinscope import techniques
from spinscope.detector.neural import NeuralDetector
from spinscope.document import Analysis
from spinscope.errors import ConfigError
from spinscope.io.ptc import read_articles
from spinscope.training.config import TrainConfig, is_run_folder
from spinscope.training.data import TrainingDocument

CHUNK = 8  # documents encoded at once: bounds the hidden states held in memory


@dataclass(frozen=True)
class TeacherView:
    """What the teacher says about one document."""

    chars: np.ndarray  # (n_chars, channels): the covering token's probabilities; NaN where no token
    spans: np.ndarray  # (gold spans, techniques): TC probabilities, in the analysis's span order


def label_columns(labels: Sequence[str]) -> list[int]:
    """The teacher's columns in the project's technique order, then its "any" column."""
    missing = [t for t in techniques.TECHNIQUE_IDS if t not in labels]
    if missing:
        raise ConfigError(f"teacher: its card lacks the techniques {', '.join(missing)}")
    return [list(labels).index(t) for t in techniques.TECHNIQUE_IDS] + [len(labels)]


def char_probabilities(offsets: np.ndarray, probs: np.ndarray, n_chars: int) -> np.ndarray:
    """Per character, the probabilities of the token covering it (NaN outside every token)."""
    chars = np.full((n_chars, probs.shape[1]), np.nan, np.float32)
    for (start, end), row in zip(offsets.tolist(), probs):
        chars[start:end] = row
    return chars


def token_means(chars: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each token's mean over its covered characters, and whether it has any."""
    known = ~np.isnan(chars[:, 0])
    sums = np.concatenate((np.zeros((1, chars.shape[1])), np.cumsum(np.where(known[:, None], chars, 0), axis=0)))
    counts = np.concatenate(([0], np.cumsum(known)))
    starts, ends = offsets[:, 0], offsets[:, 1]
    n = counts[ends] - counts[starts]
    means = (sums[ends] - sums[starts]) / np.maximum(n, 1)[:, None]
    return means.astype(np.float32), n > 0


def teach(teacher: NeuralDetector, analyses: Sequence[Analysis]) -> list[TeacherView]:
    """The teacher's view of each gold analysis."""
    columns = label_columns(teacher.card.labels)
    views = []
    for first in range(0, len(analyses), CHUNK):
        chunk = analyses[first:first + CHUNK]
        for analysis, encoded in zip(chunk, teacher.encode([a.document for a in chunk])):
            text = analysis.document.text
            chars = char_probabilities(encoded.tokens.offsets, encoded.probs[:, columns], len(text))
            ranges = [(s.start, s.end) for s in analysis.spans]
            views.append(TeacherView(chars, teacher.span_probabilities(encoded, text, ranges)[:, columns[:-1]]))
    return views


def blend(documents: Sequence[TrainingDocument], views: Sequence[TeacherView], weight: float,
          tc_weight: float) -> list[TrainingDocument]:
    """The documents with token targets and TC targets moved ``weight`` / ``tc_weight`` of the
    way towards the teacher (tokens the teacher did not cover keep their gold targets)."""
    blended = []
    for document, view in zip(documents, views):
        soft, covered = token_means(view.chars, document.tokens.offsets)
        targets = document.targets.copy()
        targets[covered] = (1 - weight) * targets[covered] + weight * soft[covered]
        spans = []
        for example, probs in zip(document.spans, view.spans):
            gold = np.eye(len(probs), dtype=np.float32)[example.label]
            spans.append(replace(example, soft=((1 - tc_weight) * gold + tc_weight * probs).astype(np.float32)))
        blended.append(replace(document, targets=targets, spans=tuple(spans)))
    return blended


def learnt_from(teacher: str) -> set[str]:
    """The ids of the articles a teacher learnt from, as far as they can be read here: a training
    run folder's ``train`` folders, or the ``training_data`` folders a model card lists (those of
    them present, resolved from the working directory as ``spinscope ship`` wrote them)."""
    from spinscope.detector.card import ModelCard
    from spinscope.detector.loading import model_folder

    folders: Sequence[str] = ()
    if is_run_folder(Path(teacher)):               # as load_teacher reads it: a run first, then a model
        folders = TrainConfig.load(Path(teacher) / "config.json").train
    elif (model := model_folder(teacher)) is not None and (model / "spinscope.json").is_file():
        folders = ModelCard.load(model).about.get("training_data", [])
    return {d.id for f in folders if Path(f).is_dir() for d in read_articles(f)}


def check_unseen(teacher: str, dev: Sequence[Analysis]) -> None:
    """Refuse a teacher that learnt from articles the run is measured on: its probabilities would
    carry their labels into training, and the run's dev figures (a fold run's, for cross-fitting)
    would flatter the student."""
    if not dev:
        return                                    # a run without dev (train+dev) has nothing to leak into
    seen = learnt_from(teacher) & {a.document.id for a in dev}
    if seen:
        raise ConfigError(f"teacher {teacher!r} learnt from {len(seen)} of this run's dev articles "
                          f"(article{min(seen)} among them): use a teacher trained without them")
