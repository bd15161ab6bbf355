"""Quotes beyond English: «…», „…“, ‚…‘, Russian dash-led speech and Russian reported speech."""

from __future__ import annotations

import pytest

from spinscope.quotes import find_quotes
from tests.support.quotes import found


def test_dialogue_dash_led_speech_is_two_pieces_with_the_speaker_between():
    text = "— Мы не отступим, — заявил министр. — Это наша земля."
    assert found(text) == [("quoted", "Мы не отступим,", "министр"), ("quoted", "Это наша земля.", "министр")]


def test_dialogue_dash_led_speech_continued_mid_sentence():
    text = "— Да, — ответил Сергей Шойгу, — мы готовы.\nОн ушёл."
    assert found(text) == [("quoted", "Да,", "Сергей Шойгу"), ("quoted", "мы готовы.", "Сергей Шойгу")]


def test_dialogue_dash_led_speech_without_author_has_no_speaker():
    assert found("— Мы не отступим никогда и ни за что.") == [("quoted", "Мы не отступим никогда и ни за что.", None)]


def test_dialogue_dash_inside_a_sentence_is_not_speech():
    assert found("Это — наша земля, и мы её защитим.") == []


def test_dialogue_english_line_opening_with_a_dash_is_a_byline():
    assert found("The talks failed.\n— Patrick McGreevy\nLos Angeles Times") == []


def test_dialogue_guillemets_then_dash_and_verb():
    assert found("«Мы не отступим», — сказал Путин.") == [("quoted", "Мы не отступим", "Путин")]


def test_dialogue_guillemets_with_german_quotes_nested():
    text = "Путин заявил: «Мы не отступим от „красных линий“ никогда»."
    assert found(text) == [("quoted", "Мы не отступим от „красных линий“ никогда", "Путин")]


@pytest.mark.parametrize(("text", "inside"), [
    ("Der Minister sagte: „Wir werden nicht zurückweichen.“ Dann ging er.", "Wir werden nicht zurückweichen."),
    ("Er sagte: „Das ist ‚unser‘ Land, und wir bleiben hier“, und ging.", "Das ist ‚unser‘ Land, und wir bleiben hier"),
    ("Er nannte es ‚eine Frage der Ehre und der Pflicht‘ und ging.", "eine Frage der Ehre und der Pflicht"),
    ("Minister Jan Kowalski powiedział: „Nie wycofamy się”. Potem wyszedł.", "Nie wycofamy się"),
])
def test_dialogue_german_and_polish_marks(text, inside):
    assert [t for k, t, _ in found(text) if k == "quoted"] == [inside]


def test_dialogue_polish_speaker_before_the_colon():
    text = "Minister Jan Kowalski powiedział: „Nie wycofamy się”. Potem wyszedł."
    assert found(text)[0][2] == "Jan Kowalski"


def test_dialogue_unclosed_low_mark_does_not_swallow_the_text():
    text = "Er sagte: „Wir werden nicht zurückweichen.\n\n" + "Ein ganz anderer Absatz folgt hier. " * 30
    assert all(q.end <= text.index("\n\n") for q in find_quotes(text))


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Министр обороны Сергей Шойгу заявил, что армия готова к любым сценариям. Потом он ушёл.",
     "армия готова к любым сценариям", "Сергей Шойгу"),
    ("По словам Дмитрия Пескова, Кремль не планирует отвечать. Это всё.", "Кремль не планирует отвечать",
     "Дмитрия Пескова"),
    ("Как сообщил министр, учения пройдут в мае.", "учения пройдут в мае", "министр"),
])
def test_dialogue_russian_reported_speech(text, content, speaker):
    assert found(text) == [("reported", content, speaker)]


def test_dialogue_russian_that_clause_after_a_noun_is_not_reported():
    assert found("Новость о том, что армия готова, облетела город.") == []


def test_dialogue_guillemets_interrupted_by_the_author_are_two_pieces_of_the_speaker():
    text = ("«Наш народ никогда не склонял головы, — заявил собравшимся заместитель министра Павел Орлов. "
            "— Эти партнёры хотят только одного». Потом он ушёл.")
    assert found(text) == [("quoted", "Наш народ никогда не склонял головы,", "Павел Орлов"),
                           ("quoted", "Эти партнёры хотят только одного", "Павел Орлов")]


def test_dialogue_guillemets_with_a_dash_but_no_speech_verb_stay_one_quote():
    text = "«Это наша земля, — и никто её не отнимет. — Никогда»."
    assert [kind for kind, _, _ in found(text)] == ["quoted"]
