"""Span boundary clean-up: whole words, no function-word edges, no fragments of other
sentences, one highlight per range."""

from __future__ import annotations

from collections import Counter

import pytest

from spinscope.detector import function_words, shape
from spinscope.detector.shape import (
    clean,
    expand,
    merge_same_range,
    sentence_starts,
    tidy,
    whole_words,
)
from spinscope.document import Span
from spinscope.io.ptc import read_gold


def trimmed(text: str, phrase: str) -> tuple[int, int]:
    cleaned = clean(span_over(text, phrase), text)
    return cleaned.start, cleaned.end


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


def test_clean_trims_a_trailing_in_or_by_but_not_a_hyphenated_particle():
    text = "There was a break-in in the night, jeopardized by the administration."
    assert text[slice(*trimmed(text, "jeopardized by"))] == "jeopardized"
    assert text[slice(*trimmed(text, "a break-in in"))] == "a break-in"


def test_clean_cuts_a_short_piece_of_the_next_sentence_but_keeps_a_whole_one():
    text = "It is a Trump-Putin conspiracy. The Russia Hoax is a lie. Unbelievable! Sharia law is here."
    cut = clean(span_over(text, "Trump-Putin conspiracy. The Russia Hoax"), text)
    assert text[cut.start:cut.end] == "Trump-Putin conspiracy"
    kept = clean(span_over(text, "The Russia Hoax is a lie. Unbelievable!"), text)
    assert text[kept.start:kept.end] == "The Russia Hoax is a lie. Unbelievable"
    assert text[slice(*trimmed(text, "a lie. Unbelievable!"))] == "Unbelievable"


def test_clean_keeps_pieces_when_the_card_does_not_cut_them():
    text = "It is a Trump-Putin conspiracy. The Russia Hoax is a lie."
    kept = clean(span_over(text, "Trump-Putin conspiracy. The Russia Hoax"), text, max_piece=0)
    assert text[kept.start:kept.end] == "Trump-Putin conspiracy. The Russia Hoax"


def test_clean_cuts_a_longer_piece_only_when_the_card_allows_more_content_words():
    text = "It is a conspiracy. The Russia Hoax spreads lies every day."
    span = span_over(text, "It is a conspiracy. The Russia Hoax spreads lies")  # ends on a piece of 4 content words
    kept = clean(span, text, max_piece=3)
    assert text[kept.start:kept.end] == "It is a conspiracy. The Russia Hoax spreads lies"
    cut = clean(span, text, max_piece=5)
    assert text[cut.start:cut.end] == "It is a conspiracy"


def test_clean_cuts_a_short_piece_of_the_sentence_before():
    text = "They hid the rape gangs. Clearly the intent was to hide the truth."
    cut = clean(span_over(text, "rape gangs. Clearly the intent was to hide the truth"), text)
    assert text[cut.start:cut.end] == "Clearly the intent was to hide the truth"


def test_clean_cuts_the_edge_the_model_is_less_sure_of_first():
    text = "He said she'll win. Few things in life matter."
    span = span_over(text, "she'll win. Few things in life")
    sure_of_end = clean(span, text, strength=lambda a, b: 0.9 if a >= text.index("Few") else 0.2)
    assert text[sure_of_end.start:sure_of_end.end] == "Few things in life"
    assert text[slice(*trimmed(text, "she'll win. Few things in life"))] == "she'll win"  # no scores: the end goes


def test_sentence_edges_know_abbreviations_closing_marks_and_lines():
    text = 'He met Mr. Smith. "It is over." Then\nnothing.'
    assert shape.starts_sentence(text, text.index('"It')) and shape.starts_sentence(text, text.index("Then"))
    assert shape.starts_sentence(text, text.index("nothing")) and not shape.starts_sentence(text, text.index("Smith"))
    assert shape.ends_sentence(text, text.index("Smith") + 5) and shape.ends_sentence(text, text.index('."') + 2)
    assert shape.ends_sentence(text, text.index("\n")) and not shape.ends_sentence(text, text.index("Mr") + 2)


def test_expand_gives_one_span_per_technique():
    span = Span(0, 5, "doubt", 0.7, alternatives=(("slogans", 0.2),))
    assert expand([span]) == [Span(0, 5, "doubt", 0.7), Span(0, 5, "slogans", 0.2)]


def test_function_word_lists_keep_what_gold_spans_end_and_start_on():
    assert {"it", "up", "him", "them"}.isdisjoint(shape.TRAILING)
    assert {"in", "by"} <= shape.TRAILING
    assert {"the", "a", "this", "if", "we", "but"}.isdisjoint(shape.LEADING)
    assert shape.LEADING <= shape.FUNCTION_WORDS


def test_clean_trims_leading_words_that_gold_spans_leave_out():
    text = "They talked in his usual lies about the West."
    cleaned = clean(span_over(text, "in his usual lies"), text)
    assert text[cleaned.start:cleaned.end] == "usual lies"
    assert text[slice(*shape.trim(text, text.index("the"), len(text) - 1))] == "the West"


def gold_starts(analyses) -> tuple[Counter, Counter]:
    """For each function word: how many gold spans start on it, and how many start right after it."""
    on: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for analysis in analyses:
        text = analysis.document.text
        for span in analysis.spans:
            words = shape.word_ranges(text, span.start, span.end)
            before = shape.word_ranges(text, max(0, span.start - 40), span.start)
            first = shape.normal(text[slice(*words[0])]) if words else ""
            if shape.is_function_word(first):
                on[first] += 1
            last = shape.normal(text[slice(*before[-1])]) if before else ""
            if shape.is_function_word(last) and not text[before[-1][1]:span.start].strip():
                after[last] += 1
    return on, after


def test_leading_words_are_those_gold_spans_of_ptc_train_mostly_leave_out(ptc_train):
    on, after = gold_starts(read_gold(ptc_train))
    measured = {w for w in on.keys() | after.keys() if on[w] + after[w] >= 5 and on[w] < after[w]}
    assert measured == shape.LEADING


@pytest.mark.parametrize(("language", "text", "phrase", "kept"), [
    ("ru", "Они хотят уничтожить нашу страну и народ.", "хотят уничтожить нашу страну и", "хотят уничтожить нашу страну"),
    ("ru", "И предатели снова лгут.", "И предатели снова лгут", "предатели снова лгут"),
    ("uk", "Вони знову брешуть про війну та про", "знову брешуть про війну та про", "знову брешуть про війну"),
    ("de", "Die Verräter sprechen über die Lügen.", "Verräter sprechen über die", "Verräter sprechen"),
    ("de", "Er sagt, dass die Regierung gelogen hat.", "die Regierung gelogen hat", "die Regierung gelogen hat"),
    ("de", "Die Nation gibt niemals auf.", "Nation gibt niemals auf", "Nation gibt niemals auf"),
    ("fr", "Les traîtres mentent encore sur la guerre.", "traîtres mentent encore sur la", "traîtres mentent encore"),
    ("es", "Y los traidores mienten otra vez.", "Y los traidores mienten", "los traidores mienten"),
    ("it", "I traditori mentono ancora sulla", "traditori mentono ancora sulla", "traditori mentono ancora"),
    ("pl", "Zdrajcy znowu kłamią o wojnie i", "Zdrajcy znowu kłamią o wojnie i", "Zdrajcy znowu kłamią o wojnie"),
    ("pl", "Naród nigdy się nie boi się", "nigdy się nie boi się", "nigdy się nie boi się"),
])
def test_tidy_trims_edge_function_words_of_the_documents_language(language, text, phrase, kept):
    (span,) = shape.tidy([span_over(text, phrase)], text, language)
    assert text[span.start:span.end] == kept


def test_tidy_of_english_or_an_unknown_language_uses_the_english_lists():
    text = "They are traitors and warmongers, and everyone knows it. Our great nation will never bow!"
    spans = [Span(9, 35, "name_calling", 0.8), Span(50, 71, "flag_waving", 0.6)]
    assert shape.tidy(spans, text, "en") == shape.tidy(spans, text) == shape.tidy(spans, text, "nl")


def test_sentence_starts_know_each_languages_abbreviations_and_quotes():
    russian = "Это т.е. Москва. «Мы ответим», — сказал он. — Нет!"
    english_cuts = shape.sentence_starts(russian, 0, len(russian))
    russian_cuts = shape.sentence_starts(russian, 0, len(russian), shape.words_for("ru"))
    assert russian.index("Москва") in english_cuts and russian.index("Москва") not in russian_cuts
    assert {russian.index("«"), russian.index("— Нет")} <= set(russian_cuts)
    german = "Das ist z.B. Unsinn. „Lügen“, sagte er."
    assert shape.sentence_starts(german, 0, len(german), shape.words_for("de")) == [german.index("„")]


def test_every_languages_lists_are_lower_case_and_consistent():
    for language, words in function_words.BY_LANGUAGE.items():
        assert words.trailing <= words.function and words.leading <= words.function, language
        assert all(w == w.lower() for w in words.function), language


def test_word_ranges_by_pattern_agree_with_the_character_reading():
    """Texts without combining marks are read by a regular expression; it must find exactly the
    words ``continues_word`` finds (apostrophes inside words, digits, underscores, edges)."""
    from hypothesis import given, settings  # here, not when the module is collected
    from hypothesis import strategies as st

    letters = st.sampled_from(list("ab1 '’_-.,\"Y9") + ["é", "ß", "²", "½", "Ж", "٣", "\u00a0", "\n", "e\u0301"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(letters, max_size=16).map("".join), st.data())
    def agree(text, data):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert shape.word_ranges(text, start, end) == shape.word_ranges_by_char(text, start, end)

    agree()
    assert shape.has_marks("cafe\u0301") and not shape.has_marks("café ’quoted’")
    assert shape.word_ranges("don't stop", 0, 4) == [(0, 4)]  # the apostrophe's right side is read past the end


@pytest.mark.parametrize("text, phrase, shown", [
    ("Communists say a resolute ‘no’ to the policies.", "resolute ‘no", "resolute ‘no’"),
    ("They said “no” and “never” to them.", "no” and “never", "“no” and “never”"),
    ('They said "no" and "never" to them.', 'no" and "never', '"no" and "never"'),
    ("Они сказали «полный провал» вчера.", "сказали «полный провал", "сказали «полный провал»"),
])
def test_clean_closes_a_quotation_the_span_cuts_into(text, phrase, shown):
    start, end = trimmed(text, phrase)
    assert text[start:end] == shown


@pytest.mark.parametrize("text, phrase", [
    ("The United States’ aggression ‘grows’ daily.", "United States’ aggression"),  # a possessive
    ("They don’t care about ‘us’ at all.", "don’t care"),  # an apostrophe inside a word
    ("He called it “a total disgrace” on Monday.", "called it “a total"),  # the closing mark is further on
    ("He called it “a total disgrace” on Monday.", "“a total disgrace”"),  # closed: edge marks trimmed
])
def test_clean_leaves_apostrophes_and_quotations_it_cannot_close_alone(text, phrase):
    start, end = trimmed(text, phrase)
    assert text[start:end] == phrase.strip("“”")


@pytest.mark.parametrize("text, phrase, shown", [
    ("Our nation has never bowed to anyone, and it will not bow now.", "never bowed to anyone, and it",
     "never bowed to anyone"),
    ("Trump is a traitor because he lied.", "Trump is a traitor because he", "Trump is a traitor"),
    ("They must destroy it now.", "must destroy it", "must destroy it"),  # an object stays
    ("We will crush you and you know it.", "will crush you", "will crush you"),
])
def test_clean_trims_a_subject_pronoun_that_opens_the_next_clause(text, phrase, shown):
    start, end = trimmed(text, phrase)
    assert text[start:end] == shown
