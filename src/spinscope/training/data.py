"""PTC analyses as training windows: per-token multi-label targets and TC examples.

Each article is tokenised once with the shipped tokenizer (see detector/windows.py, so
offsets are exact characters). A token is a positive for a technique when it shares a
character with a gold span of that technique; the last target column ("any") is the
union. Every gold span fully inside a window (or mostly inside, for spans longer than
a window) is also a TC example: its token range in the window, its technique and the
text features the numpy TC head uses at inference. Only numpy here; train.py makes
tensors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer

from spinscope import techniques
from spinscope.detector.span_classifier import text_features
from spinscope.detector.windows import (
    TokenizedText, Window, make_windows, pad_windows, token_range, tokenize,
)
from spinscope.document import Analysis

N_LABELS = len(techniques.TECHNIQUE_IDS)
N_CHANNELS = N_LABELS + 1


@dataclass(frozen=True)
class SpanExample:
    """A gold span in document token coordinates ``[first, last)`` with its technique."""

    first: int
    last: int
    label: int
    features: np.ndarray
    soft: np.ndarray | None = None  # a distribution over techniques to learn instead of ``label`` (distill.py)


@dataclass(frozen=True)
class TrainingDocument:
    tokens: TokenizedText
    targets: np.ndarray  # (n_tokens, N_CHANNELS) of 0/1
    spans: tuple[SpanExample, ...]


@dataclass(frozen=True)
class Batch:
    """Padded arrays for one step; ``spans`` rows are (row, first, last, label) in window positions."""

    input_ids: np.ndarray
    attention_mask: np.ndarray
    targets: np.ndarray
    target_mask: np.ndarray
    spans: np.ndarray  # (n, 4) int64
    span_features: np.ndarray  # (n, text features)
    span_targets: np.ndarray | None = None  # (n, techniques): soft TC targets, where the spans have them


def prepare(analyses: Sequence[Analysis], tokenizer: Tokenizer) -> list[TrainingDocument]:
    """Tokenise the articles and attach token targets and TC examples."""
    tokenized = tokenize(tokenizer, [a.document.text for a in analyses])
    prepared = []
    for analysis, tokens in zip(analyses, tokenized):
        targets = np.zeros((len(tokens), N_CHANNELS), np.float32)
        examples = []
        for span in analysis.spans:
            first, last = token_range(tokens.offsets, span.start, span.end)
            label = techniques.index(span.technique)
            targets[first:last, label] = 1.0
            features = text_features(analysis.document.text, span.start, span.end)
            examples.append(SpanExample(first, last, label, features))
        targets[:, -1] = targets[:, :-1].max(axis=1) if len(tokens) else 0
        prepared.append(TrainingDocument(tokens, targets, tuple(examples)))
    return prepared


def positive_weights(documents: Sequence[TrainingDocument], cap: float) -> np.ndarray:
    """Per-channel BCE weight for positives: sqrt(negatives / positives), capped."""
    targets = np.concatenate([d.targets for d in documents])
    positives = targets.sum(axis=0)
    negatives = len(targets) - positives
    return np.minimum(np.sqrt(negatives / np.maximum(positives, 1)), cap).astype(np.float32)


def spans_in_window(document: TrainingDocument, window: Window) -> list[SpanExample]:
    """The TC examples a window can see: inside it, or at least half inside it."""
    chosen = []
    for span in document.spans:
        covered = min(span.last, window.end) - max(span.first, window.start)
        if covered > 0 and covered * 2 >= span.last - span.first:
            chosen.append(span)
    return chosen


def epoch_windows(documents: Sequence[TrainingDocument], size: int, stride: int, epoch: int,
                  seed: int) -> list[Window]:
    """This epoch's windows (phase and order depend on seed and epoch only)."""
    rng = np.random.default_rng(seed * 1000 + epoch)
    phase = int(rng.integers(0, stride)) if epoch else 0
    windows = make_windows([d.tokens for d in documents], size, stride, phase)
    order = rng.permutation(len(windows))
    return [windows[i] for i in order]


def _window_spans(documents: Sequence[TrainingDocument], windows: Sequence[Window]) -> tuple[list, list, list]:
    rows, features, softs = [], [], []
    for row, window in enumerate(windows):
        for span in spans_in_window(documents[window.doc], window):
            first = max(span.first, window.start) - window.start + 1  # +1: the start token ([CLS] or <s>)
            last = min(span.last, window.end) - window.start + 1
            rows.append((row, first, last, span.label))
            features.append(span.features)
            softs.append(span.soft)
    return rows, features, softs


def make_batch(documents: Sequence[TrainingDocument], windows: Sequence[Window],
               specials: tuple[int, int, int]) -> Batch:
    """Inputs, token targets and TC examples for a group of windows."""
    padded = pad_windows(windows, [d.tokens for d in documents], specials)
    width = padded.input_ids.shape[1]
    targets = np.zeros((len(windows), width, N_CHANNELS), np.float32)
    target_mask = np.zeros((len(windows), width), np.float32)
    for row, window in enumerate(windows):
        n = window.end - window.start
        targets[row, 1:n + 1] = documents[window.doc].targets[window.start:window.end]
        target_mask[row, 1:n + 1] = 1.0
    rows, features, softs = _window_spans(documents, windows)
    spans = np.asarray(rows, np.int64).reshape(-1, 4)
    feats = np.stack(features) if features else np.zeros((0, len(text_features("a", 0, 1))), np.float32)
    soft = np.stack(softs) if softs and all(s is not None for s in softs) else None
    return Batch(padded.input_ids, padded.attention_mask, targets, target_mask, spans, feats, soft)


def batch_windows(windows: Sequence[Window], batch_size: int) -> list[list[Window]]:
    """Consecutive groups of the (already shuffled) windows."""
    return [list(windows[i:i + batch_size]) for i in range(0, len(windows), batch_size)]

