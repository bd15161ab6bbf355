"""Ninth pass (half I released, half J held out): a quotation with a line break that the next line closes is one
range, and a Title Case headline read as a name is cut or dropped before it is remembered, so that it cannot stand
for a later surname ('Trump To Sessions …: ‘…’' then '“…,” Trump wrote.'); each with its failure mode."""

from __future__ import annotations

from tests.support.quotes import found, speakers

TRUMP = "President Donald Trump spoke on Monday.\n"


def test_a_quotation_closed_on_the_next_line_is_one_range_with_its_speaker():
    text = TRUMP + "“This is a terrible situation and it should stop now.\nMueller is conflicted!” Trump wrote.\nMore."
    assert found(text) == [("quoted", "This is a terrible situation and it should stop now.\nMueller is conflicted!",
                            "Donald Trump")]


def test_a_closing_mark_alone_on_the_next_line_ends_the_range_before_the_line_break():
    text = "“Why is it right for Iran?\n”\nAs for the deal, inspectors cannot visit the sites."
    assert found(text) == [("quoted", "Why is it right for Iran?", None)]


def test_an_unclosed_quotation_still_ends_with_its_line_when_the_next_line_opens_nothing_and_closes_nothing():
    text = "A stray “mark here.\nThe next line has no marks at all.\nA later line with a ” closing mark."
    assert [t for _, t, _ in found(text)] == ["mark here."]


def test_an_unclosed_quotation_is_not_carried_when_the_next_line_opens_a_new_one():
    text = "He wrote: “These remarks are shameful.\nThe minister replied: “We will not resign,” and left.\nThe end."
    assert [t for _, t, _ in found(text)] == ["These remarks are shameful.", "We will not resign,"]


def test_a_headline_read_as_a_name_does_not_stand_for_a_later_surname():
    text = ("Trump To Sessions In Series Of Tweets: ‘Stop The Rigged Witch Hunt NOW!’\n\n" + TRUMP
            + "In his post, Trump also blasted them.\n“This is a terrible situation,” Trump wrote.\n")
    assert speakers(text) == [None, "Donald Trump"]


def test_a_headline_speaker_cut_to_its_subject_is_still_remembered():
    text = ("Keith Ellison Defends Louis Farrakhan: “He is a friend”\n\nThe congressman spoke on Monday.\n"
            "“We talk often,” Ellison said.\n")
    assert speakers(text) == ["Keith Ellison", "Keith Ellison"]
