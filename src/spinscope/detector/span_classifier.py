"""The TC head in numpy: name the technique of a given span.

A span is described by the encoder's hidden states over its tokens (mean and max
pooled, taken from the window that holds the span most centrally) plus a few facts
about its text that a window cannot see: how long it is and how often the same words
recur in the article (the mark of Repetition). A linear layer trained with the encoder
maps that to technique logits. Its weights live in ``tc_head.npz``, so the ONNX graph
stays a plain encoder and classifying a span costs a dot product.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from spinscope.detector.decode import mean
from spinscope.detector.inference import EncodedDocument
from spinscope.detector.windows import Window, token_ranges
from spinscope.errors import ModelError

N_TEXT_FEATURES = 3
Index = TypeVar("Index", int, np.ndarray)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _normalised(text: str) -> str:
    """The text's words, lower-cased and joined by single spaces (cached: one per document)."""
    return " ".join(_WORD.findall(text.lower()))


def text_features(text: str, start: int, end: int) -> np.ndarray:
    """Length and repetition facts about ``text[start:end]``, scaled to about [0, 3]."""
    return text_features_of(text, [(start, end)])[0]


def text_features_of(text: str, ranges: Sequence[tuple[int, int]]) -> np.ndarray:
    """``text_features`` of each character range, one row each."""
    whole = _normalised(text)
    lengths, repeats = [], []
    for start, end in ranges:
        words = _WORD.findall(text[start:end].lower())
        phrase = " ".join(words)
        lengths.append(len(words))
        repeats.append(max(0, whole.count(phrase) - 1) if phrase else 0)
    length, repeat = np.asarray(lengths, np.float64), np.asarray(repeats, np.float64)
    return np.stack((np.log1p(length) / 2, np.log1p(repeat), repeat > 0), axis=1).astype(np.float32)


def best_window(windows: Sequence[Window], first: int, last: int) -> int:
    """The window that covers most of tokens ``[first, last)``, most centrally (the first such)."""
    return int(best_windows(windows, [first], [last])[0])


def best_windows(windows: Sequence[Window], firsts: Sequence[int], lasts: Sequence[int]) -> np.ndarray:
    """``best_window`` of many token ranges at once: one window index per range."""
    starts, ends = np.array([[w.start for w in windows], [w.end for w in windows]])[:, None, :]
    first, last = np.asarray(firsts)[:, None], np.asarray(lasts)[:, None]
    covered = np.minimum(ends, last) - np.maximum(starts, first)
    central = np.minimum(first - starts, ends - last)
    # one key, ordered as (covered, central) are: |central| <= reach, so a token more covered outweighs it
    reach = int(max(ends.max(), first.max(initial=0), last.max(initial=0)))
    return np.argmax(covered * (2 * reach + 1) + central, axis=1)


def window_rows(start: Index, end: Index, first: Index, last: Index) -> tuple[Index, Index]:
    """The rows ``[lo, hi)`` of a window of tokens ``[start, end)`` to pool for tokens
    ``[first, last)``: those inside it, at least one (for one range, or for arrays of them)."""
    lo = np.minimum(np.maximum(first, start), end - 1) - start
    return lo, np.maximum(np.minimum(last, end) - start, lo + 1)


def pool(hidden: np.ndarray) -> np.ndarray:
    """Mean and max of the hidden states of a span's tokens."""
    return np.concatenate((mean(hidden), np.maximum.reduce(hidden, axis=0)))


def span_features(encoded: EncodedDocument, text: str, start: int, end: int) -> np.ndarray:
    """The TC head's input for characters ``[start, end)`` of an encoded document."""
    return span_features_of(encoded, text, [(start, end)])[0]


def span_features_of(encoded: EncodedDocument, text: str, ranges: Sequence[tuple[int, int]]) -> np.ndarray:
    """``span_features`` of each of (at least one) character ranges, one row each."""
    if not encoded.windows:
        raise ModelError("cannot classify a span of a document with no tokens")
    firsts, lasts = token_ranges(encoded.tokens.offsets, [s for s, _ in ranges], [e for _, e in ranges])
    states = pooled_states(encoded, firsts.tolist(), lasts.tolist(), ranges)
    return np.concatenate((np.stack(states), text_features_of(text, ranges)), axis=1)


def pooled_states(encoded: EncodedDocument, firsts: list[int], lasts: list[int],
                  ranges: Sequence[tuple[int, int]]) -> list[np.ndarray]:
    """The pooled hidden states of tokens ``[first, last)`` for each character range: those a
    streamed encoding kept (``pooled``), else pooled now from the range's best window."""
    if encoded.hidden:
        best = best_windows(encoded.windows, firsts, lasts).tolist()
        starts, ends = zip(*((encoded.windows[i].start, encoded.windows[i].end) for i in best))
        los, his = (rows.tolist() for rows in window_rows(np.array(starts), np.array(ends), np.array(firsts),
                                                            np.array(lasts)))
    states = []
    for i, key in enumerate(zip(firsts, lasts)):
        kept = encoded.pooled.get(key)
        if kept is None:
            if not encoded.hidden:
                raise ModelError(f"no hidden states kept for characters {ranges[i][0]}-{ranges[i][1]}: encode "
                                 "with them")
            kept = pool(encoded.hidden[best[i]][los[i]:his[i]])
        states.append(kept)
    return states


# numpy's OpenBLAS hands a larger product to its thread pool (measured with its SkylakeX kernels:
# from 86 spans x 14 techniques x 771 features, 0.93M multiply-adds, or 47 x 14 x 1,539); on cores
# the encoder keeps busy, each such call cost 8 ms of CPU against 0.02 ms for a product under it.
# Just under the smaller: a product up to this size runs as one, as before (to the same last bits)
ONE_THREAD_PRODUCT = 900_000


def in_one_thread(features: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``features @ weight``, in blocks of rows small enough for BLAS to run on the calling thread."""
    rows = max(1, ONE_THREAD_PRODUCT // weight.size)
    if len(features) <= rows:
        return features @ weight
    return np.concatenate([features[i:i + rows] @ weight for i in range(0, len(features), rows)])


@dataclass(frozen=True)
class TcHead:
    """A linear layer: ``features @ weight.T + bias`` gives one logit per technique."""

    weight: np.ndarray  # (techniques, features)
    bias: np.ndarray  # (techniques,)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = in_one_thread(features, self.weight.T) + self.bias
        logits = logits - logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=-1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez(path, weight=self.weight.astype(np.float32), bias=self.bias.astype(np.float32))

    @classmethod
    def load(cls, path: Path) -> TcHead:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(data["weight"], data["bias"])
        except (OSError, KeyError, ValueError) as error:
            raise ModelError(f"{path}: cannot read the TC head ({error})") from None


def rank_for_duplicates(probabilities: np.ndarray, keys: Sequence[object]) -> list[int]:
    """One technique index per row; rows with the same key get the 1st, 2nd, ... best.

    A gold span can carry two techniques (it then appears twice with the same
    offsets); naming a different technique for each copy is what the TC task rewards.
    """
    seen: dict[object, int] = {}
    chosen = []
    for row, key in zip(probabilities, keys):
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        order = np.argsort(-row, kind="stable")
        chosen.append(int(order[min(rank, len(order) - 1)]))
    return chosen
