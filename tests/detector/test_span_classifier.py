"""The TC head's inputs: the best window of a token range and the features of many ranges at once."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.detector.inference import EncodedDocument
from spinscope.detector.span_classifier import best_window, best_windows, span_features_of, text_features
from spinscope.detector.windows import TokenizedText, Window, token_range, token_ranges
from spinscope.errors import ModelError

TEXT = "They are traitors and traitors are they, said the traitors' friend."


def best_by_rule(windows: list[Window], first: int, last: int) -> int:
    """The rule spelled out: most tokens covered, then the most central, the first window on a tie."""
    keys = [(min(w.end, last) - max(w.start, first), min(first - w.start, w.end - last)) for w in windows]
    return keys.index(max(keys))


def test_best_windows_follow_the_rule_for_every_range():
    windows = [Window(0, 0, 6), Window(0, 2, 8), Window(0, 4, 10), Window(0, 8, 12)]
    ranges = [(first, last) for first in range(12) for last in range(first + 1, 13)]
    chosen = best_windows(windows, [f for f, _ in ranges], [last for _, last in ranges]).tolist()
    assert chosen == [best_by_rule(windows, f, last) for f, last in ranges]
    assert best_window(windows, 4, 6) == 1  # the most central of three that cover it
    assert best_window(windows, 3, 5) == 0  # as central in the first two: the first


def test_token_ranges_agree_with_token_range_one_by_one():
    offsets = np.array([[0, 4], [5, 8], [9, 17], [18, 21]])
    ranges = [(0, 4), (4, 5), (6, 20), (17, 18), (21, 22), (0, 21)]
    firsts, lasts = token_ranges(offsets, [s for s, _ in ranges], [e for _, e in ranges])
    assert list(zip(firsts.tolist(), lasts.tolist())) == [token_range(offsets, s, e) for s, e in ranges]
    assert list(zip(firsts.tolist(), lasts.tolist())) == [(0, 1), (1, 2), (1, 4), (3, 4), (3, 4), (0, 4)]


def encoded_document() -> EncodedDocument:
    """Eleven one-word tokens of ``TEXT``, two overlapping windows with distinct hidden states."""
    starts = [i for i, c in enumerate(TEXT) if c.isalpha() and (i == 0 or not TEXT[i - 1].isalpha())][:11]
    ends = [next(j for j in range(s, len(TEXT) + 1) if j == len(TEXT) or not TEXT[j].isalpha()) for s in starts]
    n = len(starts)
    tokens = TokenizedText(np.arange(n), np.array(list(zip(starts, ends))), np.zeros(n, bool), np.zeros(n, bool))
    windows = (Window(0, 0, 7), Window(0, 4, n))
    rng = np.random.default_rng(3)
    hidden = tuple(rng.standard_normal((w.end - w.start, 5)).astype(np.float32) for w in windows)
    return EncodedDocument(tokens, np.zeros((n, 2), np.float32), windows, hidden)


def test_span_features_of_many_ranges_are_each_ranges_pooled_states_and_text_facts():
    encoded = encoded_document()
    ranges = [(0, 4), (9, 17), (5, 30), (22, 39), (40, 60), (18, 21)]
    rows = span_features_of(encoded, TEXT, ranges)
    for (start, end), row in zip(ranges, rows):
        first, last = token_range(encoded.tokens.offsets, start, end)
        window = encoded.windows[best_by_rule(list(encoded.windows), first, last)]
        states = encoded.hidden[encoded.windows.index(window)][first - window.start:last - window.start]
        expected = np.concatenate((states.mean(axis=0), states.max(axis=0), text_features(TEXT, start, end)))
        assert np.array_equal(row, expected)
    assert rows[1, -2] > 0  # "traitors" recurs


def test_span_features_of_reads_pooled_states_and_says_which_range_has_none():
    encoded = encoded_document()
    pooled = {(2, 3): np.arange(10, dtype=np.float32)}
    streamed = EncodedDocument(encoded.tokens, encoded.probs, encoded.windows, (), pooled)
    assert np.array_equal(span_features_of(streamed, TEXT, [(9, 17)])[0, :10], np.arange(10))
    with pytest.raises(ModelError, match="characters 0-4"):
        span_features_of(streamed, TEXT, [(9, 17), (0, 4)])


class Rows(np.ndarray):
    """An array that records how many rows each product it stands on the left of has."""

    seen: list[int] = []

    def __matmul__(self, other):
        Rows.seen.append(len(self))
        return np.asarray(self) @ other


def test_the_tc_heads_product_runs_in_blocks_of_rows_under_the_one_thread_size(monkeypatch):
    from spinscope.detector import span_classifier

    features = np.random.default_rng(7).standard_normal((7, 5)).astype(np.float32)
    weight = np.random.default_rng(8).standard_normal((5, 3)).astype(np.float32)
    monkeypatch.setattr(span_classifier, "ONE_THREAD_PRODUCT", 2 * weight.size)  # two rows at a time
    monkeypatch.setattr(Rows, "seen", [])
    product = span_classifier.in_one_thread(features.view(Rows), weight)
    assert Rows.seen == [2, 2, 2, 1]
    assert np.allclose(product, features @ weight)
    assert span_classifier.in_one_thread(features[:0], weight).shape == (0, 3)
