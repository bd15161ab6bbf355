"""One pass of an encoder over documents: token probabilities and hidden states.

The encoder is any ``Runner``: a function from padded ``input_ids`` and
``attention_mask`` to token logits ``(batch, length, channels)`` and hidden states
``(batch, length, hidden)``. The shipped detector passes an onnxruntime session;
training passes its torch model, so that dev figures are computed by the same code
that ships.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
from tokenizers import Tokenizer

from spinscope.detector.decode import merge_window_scores
from spinscope.detector.windows import (
    TokenizedText, Window, batches, document_windows, pad_windows, special_ids,
)

Runner = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class EncodedDocument:
    """What the encoder saw and said about one document."""

    tokens: TokenizedText
    probs: np.ndarray  # (n_tokens, channels): sigmoid, averaged over windows
    windows: tuple[Window, ...]
    hidden: tuple[np.ndarray, ...]  # per window: (window tokens, hidden), specials removed
    # pooled hidden states (mean, max) of token ranges [first, last), for a document encoded
    # without its hidden states (``streaming``): what the TC head reads for those ranges
    pooled: Mapping[tuple[int, int], np.ndarray] = field(default_factory=dict)


def sigmoid(x: np.ndarray) -> np.ndarray:
    y = np.clip(x, -40, 40)  # a new array: the steps below work in place
    np.exp(np.negative(y, out=y), out=y)
    y += 1.0
    return np.reciprocal(y, out=y)


NO_HIDDEN = np.zeros((0, 0), np.float32)


def run_group(group: Sequence[Window], tokenized: Sequence[TokenizedText], specials: tuple[int, int, int],
              runner: Runner, keep_hidden: bool) -> list[tuple[Window, tuple[np.ndarray, np.ndarray]]]:
    """One encoder call over a group of windows: each window's token probabilities and (with
    ``keep_hidden``) hidden states, specials removed."""
    batch = pad_windows(group, tokenized, specials)
    logits, hidden = runner(batch.input_ids, batch.attention_mask)
    results = []
    for row, window in enumerate(batch.windows):
        n = window.end - window.start
        states = np.asarray(hidden[row, 1:n + 1], np.float32) if keep_hidden else NO_HIDDEN  # a view when float32
        results.append((window, (sigmoid(logits[row, 1:n + 1]), states)))
    return results


class PendingEncoding:
    """An encoder pass under way: its windows are queued in the pool, so the caller can
    decode other documents while the encoder threads work; ``document`` waits for one
    document's windows only, ``result`` for all. Without a pool a document's windows run
    when it is asked for."""

    def __init__(self, texts: Sequence[str], tokenizer: Tokenizer, runner: Runner, size: int, stride: int,
                 batch_size: int, keep_hidden: bool, pool: Executor | None, split_head: bool) -> None:
        self.tokenized, windows, self.by_doc = document_windows(tokenizer, texts, size, stride, split_head)
        specials = special_ids(tokenizer)

        def run(group: list[Window]) -> list[tuple[Window, tuple[np.ndarray, np.ndarray]]]:
            return run_group(group, self.tokenized, specials, runner, keep_hidden)

        groups = batches(windows, batch_size)  # a group never holds two documents
        self._groups_of: list[list[int]] = [[] for _ in texts]
        for index, group in enumerate(groups):
            self._groups_of[group[0].doc].append(index)
        if pool is not None and len(groups) > 1:
            futures = [pool.submit(run, group) for group in groups]
            self._output = lambda index: futures[index].result()
        else:
            self._output = lambda index: run(groups[index])

    def __len__(self) -> int:
        return len(self.by_doc)

    def document(self, index: int) -> EncodedDocument:
        """Document ``index``'s merged probabilities, windows and hidden states (asked once)."""
        outputs = {window: output for group in self._groups_of[index] for window, output in self._output(group)}
        tokens, mine = self.tokenized[index], self.by_doc[index]
        probs = [outputs[w][0] for w in mine]
        channels = probs[0].shape[1] if probs else 0
        merged = merge_window_scores(mine, probs, len(tokens)) if probs else np.zeros((0, channels), np.float32)
        return EncodedDocument(tokens, merged, tuple(mine), tuple(outputs[w][1] for w in mine))

    def result(self) -> list[EncodedDocument]:
        """Every document's encoding, in order."""
        return [self.document(index) for index in range(len(self))]


def encode_documents(texts: Sequence[str], tokenizer: Tokenizer, runner: Runner, size: int,
                     stride: int, batch_size: int = 16, keep_hidden: bool = True,
                     pool: Executor | None = None, split_head: bool = False) -> list[EncodedDocument]:
    """Tokenise, cut into windows, run the encoder in batches, and merge per document.

    ``keep_hidden=False`` drops the hidden states (only the TC head needs them), which
    keeps memory flat when many long documents are encoded at once. With a ``pool`` the
    batches run in its threads, as many at once as it has (for a runner that is safe to
    call from several threads and uses one core per call, as the shipped onnxruntime one does).
    ``split_head`` windows each title-like line at the top apart from the body (see
    ``windows.segment_cuts``).
    """
    return PendingEncoding(texts, tokenizer, runner, size, stride, batch_size, keep_hidden, pool,
                           split_head).result()
