"""The finder's map of a text: sentences are capped in length so that no rule reads a whole text per verb."""

from __future__ import annotations

from spinscope.quotes.layout import MAX_SENTENCE, _Layout


def test_a_text_without_sentence_ends_is_cut_into_sentences_at_spaces():
    text = "the suit says the court ruled that states " * 200     # 8,400 characters, no full stop
    lay = _Layout(text)
    pieces = [lay.sentence(pos) for pos in range(0, len(text), 97)]
    assert all(0 < end - start <= MAX_SENTENCE for start, end in pieces)
    assert all(text[end] == " " for _, end in pieces if end < len(text))   # cut between words
    assert lay.sentence(0)[0] == 0 and lay.sentence(len(text) - 1)[1] == len(text)


def test_sentences_under_the_cap_are_left_as_they_are():
    text = "He said so. Word " + "word " * (MAX_SENTENCE // 5 - 10) + "end.\nNext one."
    lay = _Layout(text)
    long_start = text.index("Word")
    assert lay.sentence(long_start) == (text.index(". Word") + 1, text.index("end.") + 3)   # longer than 1,000
    assert lay.sentence(0) == (0, text.index("."))


def test_one_word_longer_than_the_cap_is_cut_inside_it():
    text = "x" * (3 * MAX_SENTENCE)
    lay = _Layout(text)
    assert [lay.sentence(i) for i in (0, MAX_SENTENCE, 2 * MAX_SENTENCE)] == [
        (0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE), (2 * MAX_SENTENCE, 3 * MAX_SENTENCE)]
