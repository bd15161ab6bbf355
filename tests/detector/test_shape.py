"""Span boundary clean-up: whole words, no function-word edges, no fragments of other
sentences, one highlight per range."""

from __future__ import annotations

from spinscope.detector import shape
from spinscope.detector.shape import clean, expand, merge_same_range, sentence_starts, tidy, whole_words
from spinscope.document import Span


def span_over(text: str, phrase: str, technique: str = "loaded_language", score: float = 0.8) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), technique, score)


def test_clean_trims_a_trailing_preposition():
    text = "They denounced the horrific torture of prisoners."
    cleaned = clean(span_over(text, "horrific torture of"), text)
    assert text[cleaned.start:cleaned.end] == "horrific torture"


def test_clean_trims_a_leading_conjunction_and_possessive_end():
    text = "They will save that of our nation and our people."
    cleaned = clean(span_over(text, "and our people"), text)
    assert text[cleaned.start:cleaned.end] == "our people"
    assert clean(span_over(text, "save that of our"), text).end == text.index("save") + 4


def test_clean_drops_a_span_of_function_words_only():
    text = "We love our flag and our land."
    assert clean(span_over(text, "and", "flag_waving"), text) is None


def test_clean_keeps_object_pronouns_and_particles_that_gold_spans_end_on():
    text = "They shot it up and burned it down."
    cleaned = clean(span_over(text, "shot it up"), text)
    assert text[cleaned.start:cleaned.end] == "shot it up"


def test_clean_cuts_a_function_word_fragment_past_a_sentence_end():
    text = "This is an attack on human life. There is no excuse."
    cleaned = clean(span_over(text, "attack on human life. There is"), text)
    assert text[cleaned.start:cleaned.end] == "attack on human life"


def test_clean_keeps_a_span_over_two_whole_sentences():
    text = "We will never surrender. We will defend our civilization."
    cleaned = clean(span_over(text, text[:-1]), text)
    assert (cleaned.start, text[cleaned.start:cleaned.end]) == (0, "We will never surrender. We will defend our civilization")


def test_sentence_starts_skip_abbreviations_and_find_line_breaks():
    text = "Mr. Smith met U.S. officials.\nThey lied. Again!"
    assert sentence_starts(text, 0, len(text)) == [text.index("They"), text.index("Again")]


def test_whole_words_keeps_a_combining_mark_with_its_letter():
    text = "un cafe\u0301 noir"
    start = text.index("cafe")
    assert whole_words(text, start, start + 4) == (start, start + 5)
    assert whole_words(text, start + 6, start + 8) == (start + 6, start + 10)


def test_clean_widens_a_span_that_ends_inside_a_word():
    text = "a disgusting lie"
    assert clean(Span(2, 7, "loaded_language"), text) == Span(2, 12, "loaded_language")


def test_merge_same_range_keeps_the_strongest_and_ranks_the_alternatives():
    spans = [Span(0, 5, "doubt", 0.3), Span(0, 5, "loaded_language", 0.9), Span(0, 5, "slogans", 0.5),
             Span(0, 5, "doubt", 0.4), Span(6, 9, "doubt", 0.2)]
    merged = sorted(merge_same_range(spans))
    assert len(merged) == 2
    assert merged[0].technique == "loaded_language" and merged[0].score == 0.9
    assert merged[0].alternatives == (("slogans", 0.5), ("doubt", 0.4))
    assert merged[1] == Span(6, 9, "doubt", 0.2)


def test_tidy_merges_spans_that_become_the_same_range():
    text = "the vicious attack of them"
    spans = [span_over(text, "vicious attack of", "loaded_language", 0.6), span_over(text, "vicious attack", "doubt", 0.7)]
    [merged] = tidy(spans, text)
    assert (merged.technique, merged.alternatives) == ("doubt", (("loaded_language", 0.6),))


def test_expand_gives_one_span_per_technique():
    span = Span(0, 5, "doubt", 0.7, alternatives=(("slogans", 0.2),))
    assert expand([span]) == [Span(0, 5, "doubt", 0.7), Span(0, 5, "slogans", 0.2)]


def test_function_word_lists_keep_what_gold_spans_end_and_start_on():
    assert {"it", "up", "him", "them"}.isdisjoint(shape.TRAILING)
    assert {"the", "a", "to", "if", "we"}.isdisjoint(shape.LEADING)
