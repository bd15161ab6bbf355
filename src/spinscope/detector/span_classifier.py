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

import numpy as np

from spinscope.detector.decode import mean
from spinscope.detector.inference import EncodedDocument
from spinscope.detector.windows import Window, token_range
from spinscope.errors import ModelError

N_TEXT_FEATURES = 3
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _normalised(text: str) -> str:
    """The text's words, lower-cased and joined by single spaces (cached: one per document)."""
    return " ".join(_WORD.findall(text.lower()))


def text_features(text: str, start: int, end: int) -> np.ndarray:
    """Length and repetition facts about ``text[start:end]``, scaled to about [0, 3]."""
    words = _WORD.findall(text[start:end].lower())
    phrase = " ".join(words)
    if phrase:
        repeats = max(0, _normalised(text).count(phrase) - 1)
    else:
        repeats = 0
    return np.asarray([np.log1p(len(words)) / 2, np.log1p(repeats), float(repeats > 0)], np.float32)


def best_window(windows: Sequence[Window], first: int, last: int) -> int:
    """The window that covers most of tokens ``[first, last)``, most centrally."""
    def key(item: tuple[int, Window]) -> tuple[int, int]:
        w = item[1]
        covered = min(w.end, last) - max(w.start, first)
        return covered, min(first - w.start, w.end - last)
    return max(enumerate(windows), key=key)[0]


def pool(hidden: np.ndarray) -> np.ndarray:
    """Mean and max of the hidden states of a span's tokens."""
    return np.concatenate((mean(hidden), np.maximum.reduce(hidden, axis=0)))


def span_features(encoded: EncodedDocument, text: str, start: int, end: int) -> np.ndarray:
    """The TC head's input for characters ``[start, end)`` of an encoded document."""
    first, last = token_range(encoded.tokens.offsets, start, end)
    if not encoded.windows:
        raise ModelError("cannot classify a span of a document with no tokens")
    pooled = encoded.pooled.get((first, last))
    if pooled is not None:  # encoded without hidden states, this range's pooled ones kept
        return np.concatenate((pooled, text_features(text, start, end)))
    if not encoded.hidden:
        raise ModelError(f"no hidden states kept for characters {start}-{end}: encode with them")
    index = best_window(encoded.windows, first, last)
    window = encoded.windows[index]
    lo = min(max(first, window.start), window.end - 1) - window.start
    hi = max(min(last, window.end) - window.start, lo + 1)
    return np.concatenate((pool(encoded.hidden[index][lo:hi]), text_features(text, start, end)))


@dataclass(frozen=True)
class TcHead:
    """A linear layer: ``features @ weight.T + bias`` gives one logit per technique."""

    weight: np.ndarray  # (techniques, features)
    bias: np.ndarray  # (techniques,)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.weight.T + self.bias
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
