"""Quotes and titles: a short sentence is no title, a title's byline names its author, a quote never closed."""

from __future__ import annotations

import pytest

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


def test_quote_filling_its_lines_signed_on_the_next_line():
    text = "News\n\nThe media kept it quiet.\n\"Keith Ellison flatly denies the allegation.\nIt blew up last night.\"\nDave Weigel.\n"
    assert found(text) == [("quoted", "Keith Ellison flatly denies the allegation.\nIt blew up last night.", "Dave Weigel")]


@pytest.mark.parametrize("line", ["More Stories From Us", "Related Articles", "Read More.", "Breaking News."])
def test_quote_filling_its_line_before_a_page_heading_has_no_signature(line):
    text = f"News\n\n“We will not stop until the law is changed for good.”\n{line}\n"
    assert found(text, "quoted")[0][2] is None


def test_quote_after_a_colon_in_a_sentence_without_a_speech_verb_is_the_subjects():
    text = "News\n\nKeith Ellison led the crowd in a chant that was ominous: “We don’t get no justice, you don’t get no peace.”"
    assert found(text) == [("quoted", "We don’t get no justice, you don’t get no peace.", "Keith Ellison")]


def test_quote_after_a_colon_whose_subject_names_nobody_has_no_speaker():
    text = "News\n\nThe settlement is clear: “The city will pay the family two million dollars in damages.”"
    assert found(text, "quoted")[0][2] is None


def test_quote_marks_alone_on_their_line_close_the_open_quotes():
    text = ("Note\n\n\"Prosecutors say the group had ‘a common plan to prepare attacks.\n'\"\n"
            "Yeah, if they were white, no one would care about that.\nWho should replace Nikki Haley?\n")
    assert [q[1] for q in found(text, "quoted")] == ["Prosecutors say the group had ‘a common plan to prepare attacks.\n'"]


def test_quote_double_mark_after_a_closing_single_one_closes():
    text = "News\n\nMonahan: \"I called a friend, & I said, 'I'm at the lowest of the low.'\"\nEllison denies it."
    assert found(text) == [("quoted", "I called a friend, & I said, 'I'm at the lowest of the low.'", "Monahan")]


def test_quote_after_a_named_persons_speech_noun_is_theirs():
    text = "News\n\nThis may only be a response to President Donald Trump's vow to \"get involved.\""
    assert found(text) == [("quoted", "get involved.", "Donald Trump")]
    assert found("News\n\nThe senator read Trump’s tweet: “We will win big.”") == [("quoted", "We will win big.", "Trump")]


def test_quote_after_a_persons_noun_that_is_no_speech_is_not_theirs():
    assert found("News\n\nHe visited Trump's tower to see the “golden” lifts.") == [("scare", "golden", None)]
