"""From per-token technique probabilities to character spans.

Windows overlap, so a token can be scored several times: its probabilities are
averaged over the windows that hold it. A span is a run of tokens whose probability
for a technique reaches that technique's threshold and that peaks at or above the
technique's seed threshold somewhere (hysteresis: a confident core grows into its
less confident edges); runs separated by at most ``max_gap`` tokens are joined, a
run never starts or ends inside a word, and punctuation at its edges is left out. The
span's score is the mean probability over its tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from spinscope.detector.windows import Window
from spinscope.document import Span


def merge_window_scores(windows: Sequence[Window], scores: Sequence[np.ndarray], n_tokens: int) -> np.ndarray:
    """Average per-window token scores (rows are the window's tokens, no specials)."""
    width = scores[0].shape[1] if scores else 0
    total = np.zeros((n_tokens, width), dtype=np.float64)
    count = np.zeros((n_tokens, 1), dtype=np.float64)
    for window, rows in zip(windows, scores):
        total[window.start:window.end] += rows
        count[window.start:window.end] += 1
    return (total / np.maximum(count, 1)).astype(np.float32)


def runs(active: np.ndarray, max_gap: int = 0) -> list[tuple[int, int]]:
    """Half-open index ranges of consecutive True values, joined across short gaps."""
    padded = np.concatenate(([False], active.astype(bool), [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    found: list[tuple[int, int]] = []
    for start, end in zip(edges[::2], edges[1::2]):
        if found and start - found[-1][1] <= max_gap:
            found[-1] = (found[-1][0], int(end))
        else:
            found.append((int(start), int(end)))
    return found


def mean(values: np.ndarray) -> np.ndarray:
    """``values.mean(axis=0)`` to the bit (the same pairwise sum, divided in float64 and rounded back
    to the values' type, as numpy does), without numpy's Python wrapper: decoding takes thousands."""
    return (np.add.reduce(values, axis=0) / np.float64(len(values))).astype(values.dtype)


def whole_words(start: int, end: int, continues: np.ndarray) -> tuple[int, int]:
    """Widen a token range so that it neither starts nor ends inside a word."""
    while start > 0 and continues[start]:
        start -= 1
    while end < len(continues) and continues[end]:
        end += 1
    return start, end


def without_punctuation(start: int, end: int, punctuation: np.ndarray | None) -> tuple[int, int]:
    """Narrow a token range so that it neither starts nor ends with punctuation."""
    if punctuation is None:
        return start, end
    while start < end and punctuation[start]:
        start += 1
    while end > start and punctuation[end - 1]:
        end -= 1
    return start, end


def token_spans(probs: np.ndarray, threshold: float, continues: np.ndarray, max_gap: int = 0,
                seed: float | None = None, punctuation: np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """Token ranges where ``probs`` reaches ``threshold`` (and peaks at ``seed`` or more),
    with their mean probability."""
    found = []
    for start, end in runs(probs >= threshold, max_gap):
        if seed is not None and np.maximum.reduce(probs[start:end]) < seed:
            continue
        start, end = without_punctuation(*whole_words(start, end, continues), punctuation)
        if start < end:
            found.append((start, end, float(mean(probs[start:end]))))
    return found


def to_span(offsets: np.ndarray, start: int, end: int, technique: str, score: float) -> Span:
    """A character span covering tokens ``[start, end)``."""
    score = min(1.0, max(0.0, round(score, 4)))
    return Span(int(offsets[start, 0]), int(offsets[end - 1, 1]), technique, score)


def technique_spans(probs: np.ndarray, offsets: np.ndarray, continues: np.ndarray, labels: Sequence[str],
                    thresholds: Sequence[float], max_gap: int = 0, seeds: Sequence[float] | None = None,
                    punctuation: np.ndarray | None = None) -> list[Span]:
    """Spans for every technique column of ``probs`` (``labels[i]`` names column ``i``)."""
    spans = []
    seeds = seeds or thresholds
    peaks = probs.max(axis=0) if len(probs) else np.zeros(probs.shape[1])
    for column, (technique, threshold, seed) in enumerate(zip(labels, thresholds, seeds)):
        if threshold > 1 or peaks[column] < (threshold if seed is None else max(threshold, seed)):
            continue  # no token reaches the threshold, or no run reaches the seed
        for start, end, score in token_spans(probs[:, column], threshold, continues, max_gap, seed, punctuation):
            spans.append(to_span(offsets, start, end, technique, score))
    return spans
