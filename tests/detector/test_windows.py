"""Token windows: offsets map back to the exact characters, windows cover every token."""

from __future__ import annotations

import numpy as np
import pytest

from spinscope.detector.windows import (
    PieceFacts, Window, batches, head_starts, load_tokenizer, make_windows, pad_windows, segment_windows, special_ids,
    token_range, tokenize, window_bounds,
)
from spinscope.errors import ConfigError, ModelError

TEXTS = [
    "\ufeffThey are traitors and warmongers!",
    "Hello world\r\nThey are traitors.\r\n",
    "A shameful decision 😀 at the café, they're warmongers",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tokenize_offsets_round_trip_to_the_source_characters(tokenizer, text):
    [tokens] = tokenize(tokenizer, [text])
    assert len(tokens) > 0 and len(tokens.offsets) == len(tokens.ids) == len(tokens.continues)
    for (start, end), piece in zip(tokens.offsets, tokens.ids, strict=True):
        surface = text[start:end].lower().replace("é", "e")
        token = tokenizer.id_to_token(int(piece))
        assert token == "[UNK]" or surface == token.removeprefix("##")


def test_tokenize_empty_text_has_no_tokens(tokenizer):
    [tokens] = tokenize(tokenizer, [""])
    assert len(tokens) == 0
    assert tokens.offsets.shape == (0, 2) and tokens.ids.shape == tokens.continues.shape == (0,)


def test_tokenize_marks_word_continuations(tokenizer):
    [tokens] = tokenize(tokenizer, ["warmongers"])
    assert tokens.continues.tolist() == [False, True, True]


def test_tokenize_bom_is_counted_in_offsets(tokenizer):
    [tokens] = tokenize(tokenizer, ["\ufeffThey"])
    assert tokens.offsets.tolist() == [[1, 5]]


@pytest.mark.parametrize("n", [0, 1, 5, 6, 7, 23, 100])
def test_window_bounds_cover_every_token_within_the_size(n):
    bounds = window_bounds(n, size=8, stride=4)
    covered = set()
    for start, end in bounds:
        assert 0 <= start < end <= n and end - start <= 6
        covered.update(range(start, end))
    assert covered == set(range(n))


def test_window_bounds_phase_shifts_the_cuts():
    assert window_bounds(30, size=12, stride=10)[1][0] == 10
    assert window_bounds(30, size=12, stride=10, phase=3)[1][0] == 3


def test_window_bounds_rejects_a_stride_longer_than_the_window():
    with pytest.raises(ConfigError):
        window_bounds(10, size=8, stride=7)


def test_batches_keep_each_document_to_itself_longest_first():
    windows = [Window(0, 0, 5), Window(0, 3, 6), Window(1, 0, 9), Window(1, 6, 8), Window(1, 8, 10), Window(2, 0, 1)]
    groups = batches(windows, 2)
    assert sorted((w for g in groups for w in g), key=repr) == sorted(windows, key=repr)
    assert all(len({w.doc for w in g}) == 1 and len(g) <= 2 for g in groups)
    assert [w.end - w.start for w in groups[0]] == [5, 3]
    assert len(groups) == 4


def test_pad_windows_frames_with_cls_and_sep(tokenizer):
    tokenized = tokenize(tokenizer, ["they are traitors and warmongers", "hello"])
    windows = make_windows(tokenized, size=6, stride=2)
    batch = pad_windows(windows, tokenized, special_ids(tokenizer))
    cls_id, sep_id, pad_id = special_ids(tokenizer)
    for row, window in enumerate(windows):
        n = window.end - window.start
        assert batch.input_ids[row, 0] == cls_id and batch.input_ids[row, n + 1] == sep_id
        assert batch.attention_mask[row].sum() == n + 2
        assert (batch.input_ids[row, n + 2:] == pad_id).all()
    assert Window(1, 0, 1) in windows


def test_special_ids_of_a_sentencepiece_tokenizer_are_its_frame_and_pad(unigram_tokenizer):
    assert special_ids(unigram_tokenizer) == (0, 2, 1)


def test_special_ids_without_a_frame_raise_model_error():
    from tokenizers import Tokenizer, models

    with pytest.raises(ModelError):
        special_ids(Tokenizer(models.WordPiece({"[UNK]": 0, "hello": 1}, unk_token="[UNK]")))


def test_tokenize_sentencepiece_offsets_start_on_the_word_not_its_space(unigram_tokenizer):
    text = "They are  traitors, «предатели»!\n"
    [tokens] = tokenize(unigram_tokenizer, [text.lower()])
    surfaces = [text[a:b] for a, b in tokens.offsets]
    assert surfaces == ["They", "are", "trait", "ors", ",", "«", "предатели", "»", "!"]
    assert tokens.continues.tolist() == [False, False, False, True, False, False, False, False, False]
    assert tokens.punctuation.tolist() == [False, False, False, False, True, True, False, True, True]


def test_tokenize_sentencepiece_punctuation_inside_a_word_breaks_it(unigram_tokenizer):
    [tokens] = tokenize(unigram_tokenizer, ["they're"])
    assert tokens.continues.tolist() == [False, False, False]


def test_pad_windows_frames_with_the_sentencepiece_start_and_end(unigram_tokenizer):
    tokenized = tokenize(unigram_tokenizer, ["they are traitors"])
    batch = pad_windows(make_windows(tokenized, 8, 6), tokenized, special_ids(unigram_tokenizer))
    assert batch.input_ids[0].tolist() == [0, *tokenized[0].ids.tolist(), 2]


def test_token_range_finds_tokens_overlapping_characters(tokenizer):
    text = "They are traitors and warmongers!"
    [tokens] = tokenize(tokenizer, [text])
    first, last = token_range(tokens.offsets, text.index("warmongers"), text.index("!"))
    assert (first, last) == (4, 7)
    assert token_range(tokens.offsets, 4, 5) == (1, 2)  # only a space: the next token


def test_load_tokenizer_disables_truncation(tokenizer_file):
    tokenizer = load_tokenizer(tokenizer_file)
    [tokens] = tokenize(tokenizer, ["hello " * 600])
    assert len(tokens) == 600 and np.all(np.diff(tokens.offsets[:, 0]) > 0)


def test_load_tokenizer_bad_file_raises_model_error(tmp_path):
    bad = tmp_path / "tokenizer.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError):
        load_tokenizer(bad)


def test_head_starts_finds_title_and_date_lines_then_the_body():
    text = "\n\nTitle of the piece\nPublished 3 May 2017\n\nThe body starts here. It goes on.\nMore.\n"
    assert head_starts(text) == [2, text.index("Published"), text.index("The body")]


def test_head_starts_a_sentence_first_line_is_the_body():
    assert head_starts("It was a long day.\nShort line\n") == [0]


def test_segment_windows_never_cross_a_cut_and_start_a_grid_at_each():
    windows = segment_windows(0, 30, [3, 5], size=8, stride=4)
    assert [(w.start, w.end) for w in windows][:3] == [(0, 3), (3, 5), (5, 11)]
    covered = sorted({i for w in windows for i in range(w.start, w.end)})
    assert covered == list(range(30))
    assert all(not (w.start < c < w.end) for w in windows for c in (3, 5))


def test_piece_facts_read_each_piece_once_and_give_every_occurrence_its_facts(tokenizer):
    facts = PieceFacts(tokenizer)
    ids = np.array(tokenizer.encode("traitors, traitors!", add_special_tokens=False).ids)
    read = []
    learn = facts._learn
    facts._learn = lambda piece_id: read.append(piece_id) or learn(piece_id)
    table = facts.of(ids)
    assert sorted(read) == sorted(set(ids.tolist()))
    assert np.array_equal(facts.of(ids[::-1]), table[::-1]) and len(read) == len(set(ids.tolist()))
    assert [tokenizer.id_to_token(i) for i in ids[table[:, 0]]] == [",", "!"]  # punctuation
    assert facts.of(np.array([tokenizer.get_vocab_size() + 3])).shape == (1, PieceFacts.COLUMNS)  # beyond the vocabulary
