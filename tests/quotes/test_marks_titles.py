"""Quotes and titles: a short sentence is no title, a title's byline names its author, a quote never closed."""

from __future__ import annotations

from tests.support.quotes import found


def test_quote_short_sentence_with_one_long_word_is_no_title():
    text = "Rally\n\n“We will get rid of them,” Sharif Willis said.\n“They’ve got to go.” The rally ended at noon."
    assert found(text, "quoted")[1] == ("quoted", "They’ve got to go.", "Sharif Willis")


def test_quote_title_of_a_work_with_its_byline_is_the_authors():
    text = "Read this:\n“Ellison Accuser Posts Doctor’s Report Naming Congressman,” by Peter Hasson, Daily Caller:"
    assert found(text) == [("quoted", "Ellison Accuser Posts Doctor’s Report Naming Congressman,", "Peter Hasson")]


def test_quote_never_closed_before_a_new_quote_ends_with_its_own_line():
    text = ("Search warrants\n\nThe report lists a “lock audit report for both apartments.\n"
            "Now, even if police would try to search the apartment, it is too late.\n"
            "The staff said she “has vacated her apartment.”")
    quoted = [q[1] for q in found(text, "quoted")]
    assert quoted == ["lock audit report for both apartments.", "has vacated her apartment."]


def test_quote_object_of_a_participle_is_the_main_subjects():
    text = "Matt Pelikan also reacted to the story, calling the allegations “extremely troubling.”"
    assert found(text) == [("quoted", "extremely troubling.", "Matt Pelikan")]
