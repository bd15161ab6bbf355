"""Decoding token probabilities into spans, and merging windows."""

from __future__ import annotations

import numpy as np

from spinscope.detector.decode import merge_window_scores, runs, technique_spans, whole_words
from spinscope.detector.windows import Window, tokenize


def test_runs_finds_consecutive_true_values():
    assert runs(np.array([0, 1, 1, 0, 1, 0, 0, 1], bool)) == [(1, 3), (4, 5), (7, 8)]


def test_runs_joins_across_short_gaps():
    assert runs(np.array([1, 0, 1, 0, 0, 1], bool), max_gap=1) == [(0, 3), (5, 6)]


def test_runs_empty_input_has_no_runs():
    assert runs(np.zeros(0, bool)) == []


def test_whole_words_widens_a_range_that_cuts_a_word():
    continues = np.array([False, False, True, True, False])
    assert whole_words(2, 3, continues) == (1, 4)
    assert whole_words(0, 1, continues) == (0, 1)


def test_merge_window_scores_averages_overlapping_tokens():
    windows = [Window(0, 0, 3), Window(0, 2, 4)]
    scores = [np.array([[0.2], [0.4], [0.6]]), np.array([[1.0], [0.8]])]
    merged = merge_window_scores(windows, scores, 4)
    assert np.allclose(merged[:, 0], [0.2, 0.4, 0.8, 0.8])


def test_technique_spans_map_token_runs_to_exact_characters(tokenizer):
    text = "\ufeffThey are traitors and warmongers!"
    [tokens] = tokenize(tokenizer, [text])
    probs = np.zeros((len(tokens), 2), np.float32)
    probs[2, 0] = 0.9  # traitors
    probs[5, 1] = 0.7  # "##mon" only: the span widens to the whole word
    spans = technique_spans(probs, tokens.offsets, tokens.continues, ["name_calling", "loaded_language"],
                            [0.5, 0.5])
    found = sorted((text[s.start:s.end], s.technique) for s in spans)
    assert found == [("traitors", "name_calling"), ("warmongers", "loaded_language")]
    assert all(0 <= s.score <= 1 for s in spans)


def test_technique_spans_respect_each_threshold(tokenizer):
    [tokens] = tokenize(tokenizer, ["they are traitors"])
    probs = np.full((len(tokens), 2), 0.6, np.float32)
    spans = technique_spans(probs, tokens.offsets, tokens.continues, ["doubt", "slogans"], [0.5, 0.7])
    assert [(s.start, s.end, s.technique) for s in spans] == [(0, 17, "doubt")]


def test_technique_spans_keep_only_runs_that_reach_the_seed(tokenizer):
    [tokens] = tokenize(tokenizer, ["they are traitors and hello world"])
    probs = np.array([[0.5], [0.9], [0.5], [0.0], [0.5], [0.6]], np.float32)
    spans = technique_spans(probs, tokens.offsets, tokens.continues, ["doubt"], [0.4], seeds=[0.8])
    assert [(s.start, s.end) for s in spans] == [(0, 17)]


def test_technique_spans_skip_columns_switched_off(tokenizer):
    [tokens] = tokenize(tokenizer, ["they are traitors"])
    probs = np.ones((len(tokens), 1), np.float32)
    assert technique_spans(probs, tokens.offsets, tokens.continues, ["doubt"], [1.01]) == []


def test_spans_leave_out_punctuation_at_their_edges(tokenizer):
    text = "They are traitors, and warmongers!"
    [tokens] = tokenize(tokenizer, [text])
    assert [text[s:e] for (s, e), p in zip(tokens.offsets, tokens.punctuation) if p] == [",", "!"]
    probs = np.zeros((len(tokens), 1), np.float32)
    probs[3:6, 0] = 0.9  # ", and war"
    probs[8, 0] = 0.9  # "!"
    spans = technique_spans(probs, tokens.offsets, tokens.continues, ["loaded_language"], [0.5],
                            punctuation=tokens.punctuation)
    assert [text[s.start:s.end] for s in spans] == ["and warmongers"]
    untrimmed = technique_spans(probs, tokens.offsets, tokens.continues, ["loaded_language"], [0.5])
    assert [text[s.start:s.end] for s in untrimmed] == [", and warmongers", "!"]
