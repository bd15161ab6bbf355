"""Language detection: one line of each supported language, Russian against Ukrainian, articles,
the short-text fallback and the unsupported-language error."""

import pytest

from spinscope import language
from spinscope.errors import UnsupportedLanguageError

ONE_LINE = {
    "en": "The government has once again lied to its own people about the war.",
    "ru": "Правительство снова солгало собственному народу об этой войне.",
    "uk": "Уряд знову збрехав власному народові про цю війну.",
    "de": "Die Regierung hat ihr eigenes Volk wieder einmal über den Krieg belogen.",
    "fr": "Le gouvernement a encore une fois menti à son propre peuple sur la guerre.",
    "es": "El gobierno ha vuelto a mentir a su propio pueblo sobre la guerra.",
    "it": "Il governo ha mentito ancora una volta al proprio popolo sulla guerra.",
    "pl": "Rząd po raz kolejny okłamał własny naród w sprawie wojny.",
}
SHORT_CYRILLIC = [
    ("ru", "Это наглая ложь западных СМИ."), ("ru", "Москва не будет молчать."),
    ("ru", "Они хотят уничтожить нашу страну."), ("uk", "Це нахабна брехня західних ЗМІ."),
    ("uk", "Київ не мовчатиме."), ("uk", "Вони хочуть знищити нашу країну."),
]
RUSSIAN_ARTICLE = (
    "Западные СМИ снова распространяют ложь о нашей стране. Так называемые эксперты, "
    "которые никогда не были в Донбассе, рассказывают читателям о «зверствах», не приводя "
    "ни одного доказательства.\n\nМинистр иностранных дел заявил, что Москва не будет "
    "молчать. «Это наглая провокация, и мы ответим на неё», — сказал он журналистам в среду.")
UKRAINIAN_ARTICLE = (
    "Західні ЗМІ знову поширюють неправду про нашу країну. Так звані експерти, які ніколи "
    "не були на сході, розповідають читачам про «звірства», не наводячи жодного доказу.\n\n"
    "Міністр закордонних справ заявив, що Київ не мовчатиме. «Це нахабна провокація, і ми "
    "відповімо на неї», — сказав він журналістам у середу.")


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
    assert language.detect("Dit is een Nederlandse zin over de regering en de oorlog.") == "nl"


def test_check_supported_names_the_language_and_the_supported_ones():
    assert language.check_supported("uk") == "uk"
    with pytest.raises(UnsupportedLanguageError) as caught:
        language.check_supported("nl")
    message = str(caught.value)
    assert caught.value.language == "nl" and "Dutch (nl)" in message
    assert "English, Russian, Ukrainian, German, French, Spanish, Italian, Polish" in message
    assert "\n" not in message
