"""Speakers as a reader sees them: a Title Case headline read as a name is cut to its subject or dropped."""

from __future__ import annotations

import pytest

from spinscope.quotes import find_quotes
from spinscope.quotes.names import presentable


@pytest.mark.parametrize("found, shown", [
    ("Keith Ellison Defends Louis Farrakhan", "Keith Ellison"),
    ("Don Lemon Contradicts Himself In Just One Sentence", "Don Lemon"),
    ("New Audio From The Night Of The Las Vegas Massacre", None),
    ("Seattle Police First In State To Seize Gun Under Mental Health Law", None),
    ("Secret Gun Control Agenda Revealed", None),
    ("John Bolton Richard Grenell Dina Powell Heather Nauert Ivanka Trump", None),
    ("Foolish Religion Author Gary Wills", "Gary Wills"),
    ("Top Congressional Democrats Nancy Pelosi", "Nancy Pelosi"),
    ("Clark County Nevada Coroner John Fudenberg", "John Fudenberg"),
    ("Vladimir Putin", "Vladimir Putin"),
    ("Author Services", "Author Services"),
    ("Westerville Division of Police", "Westerville Division of Police"),
    ("Brady Campaign to Prevent Gun Violence", "Brady Campaign to Prevent Gun Violence"),
    ("Ignatius Ephrem Joseph III Younan", "Ignatius Ephrem Joseph III Younan"),
    ("Says", "Says"),
    (None, None),
])
def test_presentable_cuts_or_drops_headline_phrases_and_keeps_names(found, shown):
    assert presentable(found) == shown


def test_find_quotes_headline_quote_goes_to_the_headline_subject():
    text = ('Keith Ellison Defends Louis Farrakhan: "He Had Something To Offer"\n\n'
            "Rep. Keith Ellison defended the preacher on Sunday.\n")
    quoted = [q for q in find_quotes(text) if q.kind == "quoted"]
    assert [(text[q.start:q.end], q.speaker) for q in quoted] == [("He Had Something To Offer", "Keith Ellison")]


def test_find_quotes_a_capitalised_common_word_opening_a_sentence_names_nobody():
    text = "Take note of this. Take said that the plan would take years.\n"
    reported = [q for q in find_quotes(text) if q.kind == "reported"]
    assert reported and all(q.speaker is None for q in reported)


def test_find_quotes_a_one_word_body_written_inside_sentences_keeps_its_name():
    text = ("The Navy confirmed the exercise on Monday. A navy ship was seen.\n"
            "Navy said that the ship had left port.\n")
    reported = [q for q in find_quotes(text) if q.kind == "reported"]
    assert [q.speaker for q in reported] == ["Navy"]
