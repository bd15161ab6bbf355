"""Language detection: one line of each supported language, Russian against Ukrainian, articles,
the short-text fallback and the unsupported-language error."""

import pytest

from spinscope import language
from spinscope.errors import UnsupportedLanguageError
from tests.support.languages import (
    DUTCH,
    ONE_LINE,
    PARAGRAPHS,
    RUSSIAN_ARTICLE,
    SHORT_CYRILLIC,
    UKRAINIAN_ARTICLE,
)


@pytest.mark.parametrize("code", sorted(ONE_LINE))
def test_detect_one_line_of_each_supported_language(code):
    assert language.detect(ONE_LINE[code]) == code


@pytest.mark.parametrize(("code", "text"), SHORT_CYRILLIC)
def test_detect_short_russian_and_ukrainian_lines_apart(code, text):
    assert language.detect(text) == code


def test_detect_russian_and_ukrainian_articles():
    assert language.detect(RUSSIAN_ARTICLE) == "ru"
    assert language.detect(UKRAINIAN_ARTICLE) == "uk"


@pytest.mark.parametrize("text", ["Traitors everywhere.", "abc def", "12345", "Putin", "x", "Café society"])
def test_detect_too_short_to_tell_is_english(text):
    assert language.detect(text) == "en"


def test_detect_a_sure_unsupported_language():
    assert language.detect(DUTCH) == "nl"


def test_check_supported_names_the_language_and_the_supported_ones():
    assert language.check_supported("uk") == "uk"
    with pytest.raises(UnsupportedLanguageError) as caught:
        language.check_supported("nl")
    message = str(caught.value)
    assert caught.value.language == "nl" and "Dutch (nl)" in message
    assert "English, Russian, Ukrainian, German, French, Spanish, Italian, Polish" in message
    assert "\n" not in message


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_only_english_takes_the_function_word_shortcut(code):
    assert language.plainly_english(PARAGRAPHS[code]) is (code == "en")
    assert language.detect(PARAGRAPHS[code]) == code


def test_an_english_article_is_detected_without_loading_the_identifier(monkeypatch):
    def refuse():
        raise AssertionError("the identifier was loaded")

    monkeypatch.setattr(language, "identifier", refuse)
    assert language.detect(PARAGRAPHS["en"] * 2) == "en"
    with pytest.raises(AssertionError):
        language.detect(PARAGRAPHS["de"])
