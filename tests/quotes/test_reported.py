"""Reported speech: where 'according to X' puts the content, and where a clause-final attribution is not one."""

from __future__ import annotations

from tests.support.quotes import found


def test_reported_according_to_after_an_opening_clause_is_what_follows():
    text = "While the details are unclear, according to police, the officer admitted to killing him."
    assert found(text) == [("reported", "the officer admitted to killing him", None)]


def test_reported_according_to_after_an_adverb_is_what_follows():
    text = "What's more, according to the attorneys for Jean, she had to go outside to check the address."
    assert [q[1] for q in found(text, "reported")] == ["she had to go outside to check the address"]


def test_reported_according_to_with_an_aside_starts_after_the_second_dash():
    text = "According to police — who keep spinning the story — Guyger went into the wrong apartment."
    assert found(text, "reported")[0][1] == "Guyger went into the wrong apartment"


def test_reported_according_to_a_person_and_apposition_is_what_comes_before():
    text = "The plant will close in May, according to John Smith, a spokesman."
    assert found(text) == [("reported", "The plant will close in May", "John Smith")]


def test_reported_tail_is_not_a_verb_with_an_object_of_its_own():
    text = "The details are unclear, the officer admitted to killing him."
    assert found(text, "reported") == []
