"""Encoding documents a stretch at a time, keeping only the hidden states still needed.

Hidden states are the bulk of an encoder's output (a 256-token window holds 390 kB of
them, 1 MB of text about 1,200 windows), and the decoder needs few of them: the TC head
names the *regions* (runs where a token's strongest probability is high), each from the
mean and max of its tokens' states in its best window (``span_classifier``). So windows
are encoded in order, and once every window holding a token has been seen, the token's
merged probabilities are final. At a *safe cut* (a word start followed by ``max_gap + 1``
tokens that cannot be in a region) no region can cross, so the regions before the cut
are found, their pooled states kept (two vectors each), and the windows that end before
the cut are let go. The decoder later finds the same regions over the whole document and
reads their pooled states: results are exactly those of ``encode_documents``.

Memory then grows with the text's probabilities (tokens x channels) and its regions,
not with its windows' hidden states, as long as the text has a quiet stretch now and
then (a document that is one long region keeps its windows until the region ends).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass

import numpy as np
from tokenizers import Tokenizer

from spinscope.detector.decode import token_spans
from spinscope.detector.inference import EncodedDocument, Runner, run_group
from spinscope.detector.span_classifier import best_window, pool as pool_states, window_rows
from spinscope.detector.windows import (
    TokenizedText, Window, batches, document_windows, special_ids, token_range,
)


def strongest(probs: np.ndarray) -> np.ndarray:
    """Each token's "some technique is here" score: its highest column, the span channel
    included (on PTC dev this finds spans better than the span channel alone). Read a column at a
    time (max is exact: the values of ``probs.max(axis=1)``, several times faster on a few columns)."""
    columns = np.ascontiguousarray(probs.T)
    return np.maximum.reduce(columns, axis=0) if len(columns) else probs.max(axis=1)


@dataclass(frozen=True)
class RegionRule:
    """Where the decoder looks for regions to name: runs of tokens whose strongest column
    reaches ``threshold`` (and peaks at ``seed``), joined across ``max_gap`` tokens."""

    threshold: float
    max_gap: int
    seed: float | None

    def find(self, probs: np.ndarray, continues: np.ndarray,
             punctuation: np.ndarray | None) -> list[tuple[int, int, float]]:
        """Token ranges ``[start, end)`` of the regions, with their mean strongest score."""
        return token_spans(strongest(probs), self.threshold, continues, self.max_gap, self.seed, punctuation)


def ordered_map(pool: Executor | None, function: Callable, items: Sequence, ahead: int) -> Iterator:
    """``function`` over ``items`` in order, at most ``ahead`` running or done-but-unread at once."""
    if pool is None or len(items) < 2:
        yield from (function(item) for item in items)
        return
    futures: list[Future] = []
    for item in items:
        futures.append(pool.submit(function, item))
        if len(futures) >= ahead:
            yield futures.pop(0).result()
    while futures:
        yield futures.pop(0).result()


class DocumentStream:
    """One document's windows arriving in any order; merged in position order, settled at safe cuts."""

    def __init__(self, tokens: TokenizedText, windows: Sequence[Window], rule: RegionRule | None) -> None:
        self.tokens, self.windows, self.rule = tokens, tuple(windows), rule
        self.position = {window: i for i, window in enumerate(self.windows)}
        self.arrived: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.kept: dict[int, np.ndarray] = {}  # window index -> hidden states, while still needed
        self.pooled: dict[tuple[int, int], np.ndarray] = {}
        self.total: np.ndarray | None = None
        self.count = np.zeros((len(tokens), 1), np.float64)
        self.merged_upto = 0  # windows[:merged_upto] are merged
        self.settled = 0  # regions in tokens[:settled] are pooled

    def add(self, window: Window, probs: np.ndarray, hidden: np.ndarray) -> None:
        self.arrived[self.position[window]] = (probs, hidden)
        while self.merged_upto in self.arrived:
            index = self.merged_upto
            probs, hidden = self.arrived.pop(index)
            if self.total is None:
                self.total = np.zeros((len(self.tokens), probs.shape[1]), np.float64)
            w = self.windows[index]
            self.total[w.start:w.end] += probs
            self.count[w.start:w.end] += 1
            if self.rule is not None:
                self.kept[index] = hidden
            self.merged_upto += 1
        if self.rule is not None:
            self._settle()

    def complete(self) -> bool:
        return self.merged_upto == len(self.windows)

    def frontier(self) -> int:
        """Tokens before this index have all their windows merged."""
        if self.merged_upto == len(self.windows):
            return len(self.tokens)
        return self.windows[self.merged_upto].start

    def probs(self, start: int, end: int) -> np.ndarray:
        """Merged probabilities of tokens ``[start, end)``, as ``merge_window_scores`` gives them."""
        return (self.total[start:end] / np.maximum(self.count[start:end], 1)).astype(np.float32)

    def safe_cut(self, frontier: int) -> int:
        """The last token index in ``(settled, frontier]`` that no region can cross (a word
        start, its first character after the token before, followed by ``max_gap + 1``
        tokens below the threshold), else ``settled``."""
        if frontier == len(self.tokens):
            return frontier
        reach, lo = self.rule.max_gap + 1, self.settled + 1
        if frontier - reach < lo or self.total is None:
            return self.settled
        quiet = strongest(self.probs(lo, frontier)) < self.rule.threshold
        loud = np.concatenate(([0], np.cumsum(~quiet)))
        starts = np.arange(lo, frontier - reach + 1)
        all_quiet = loud[starts - lo + reach] == loud[starts - lo]
        offsets = self.tokens.offsets
        word_start = ~self.tokens.continues[starts] & (offsets[starts, 0] >= offsets[starts - 1, 1])
        candidates = np.flatnonzero(all_quiet & word_start)
        return int(starts[candidates[-1]]) if len(candidates) else self.settled

    def _settle(self) -> None:
        cut = self.safe_cut(self.frontier())
        if cut <= self.settled:
            return
        lo, tokens = self.settled, self.tokens
        found = self.rule.find(self.probs(lo, cut), tokens.continues[lo:cut], tokens.punctuation[lo:cut])
        for start, end, _ in found:
            chars = int(tokens.offsets[lo + start, 0]), int(tokens.offsets[lo + end - 1, 1])
            first, last = token_range(tokens.offsets, *chars)
            self.pooled[(first, last)] = self._pool(first, last)
        self.settled = cut
        for index in [i for i in self.kept if self.windows[i].end <= cut]:
            del self.kept[index]

    def _pool(self, first: int, last: int) -> np.ndarray:
        """``span_classifier``'s pooled states of tokens ``[first, last)`` from their best window."""
        index = best_window(self.windows, first, last)
        lo, hi = window_rows(self.windows[index].start, self.windows[index].end, first, last)
        return pool_states(self.kept[index][lo:hi])

    def result(self) -> EncodedDocument:
        merged = self.probs(0, len(self.tokens)) if self.total is not None else np.zeros((0, 0), np.float32)
        return EncodedDocument(self.tokens, merged, self.windows, (), self.pooled)


def encode_streamed(texts: Sequence[str], tokenizer: Tokenizer, runner: Runner, size: int, stride: int,
                    batch_size: int, rule: RegionRule | None, pool: Executor | None = None,
                    split_head: bool = False) -> Iterator[EncodedDocument]:
    """``encode_documents`` with the hidden states pooled as the decoder will want them
    (``rule``; None when it wants none) and dropped as soon as they are not: the documents'
    ``hidden`` is empty and ``pooled`` holds what ``span_features`` reads. Windows are batched
    as ``encode_documents`` batches them, so the figures are the same."""
    tokenized, windows, by_doc = document_windows(tokenizer, texts, size, stride, split_head)
    streams = [DocumentStream(tokens, mine, rule) for tokens, mine in zip(tokenized, by_doc)]
    # groups in order of their first window, so each document's windows arrive nearly in order
    groups = sorted(batches(windows, batch_size), key=lambda g: min((w.doc, w.start) for w in g))
    specials = special_ids(tokenizer)
    workers = getattr(pool, "_max_workers", 1) if pool is not None else 1

    def run(group: list[Window]) -> list[tuple[Window, tuple[np.ndarray, np.ndarray]]]:
        return run_group(group, tokenized, specials, runner, rule is not None)

    done = 0  # documents before this one have been handed out
    for results in ordered_map(pool, run, groups, 2 * workers):
        for window, (probs, hidden) in results:
            streams[window.doc].add(window, probs, hidden)
        while done < len(streams) and streams[done].complete():
            yield streams[done].result()
            streams[done] = None  # type: ignore[call-overload]  # its memory goes with it
            done += 1
    for index in range(done, len(streams)):  # documents with no windows at the end
        yield streams[index].result()
