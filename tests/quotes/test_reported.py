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


def test_reported_tail_after_a_perfect_tense():
    text = "The defendants came under surveillance in May, state prosecutors have said."
    assert found(text) == [("reported", "The defendants came under surveillance in May", None)]


def test_reported_tail_owns_the_sentence_when_no_verb_inside_frames_speech():
    text = "Leveille wrote a letter to his brother asking him to join them, prosecutors said."
    assert [q[1] for q in found(text)] == ["Leveille wrote a letter to his brother asking him to join them"]


def test_reported_tail_trims_a_frame_inside_the_sentence():
    text = "She told police that he would kill her, the report said."
    assert found(text) == [("reported", "he would kill her", None)]


def test_reported_name_and_apposition_after_a_quote_is_the_speaker():
    text = "“It is pretty scary,” Richard Nelson, who lives in the complex, said to reporters."
    assert found(text, "reported") == []
    assert found(text, "quoted") == [("quoted", "It is pretty scary,", "Richard Nelson")]


def test_reported_relative_clause_is_no_tail():
    text = "Clinton pointed to the allegations against Donald Trump, who has denied them."
    assert found(text) == []


def test_reported_that_clause_after_an_apposition():
    text = "A former journalist, who is now dead, told the world that the media lies for the CIA."
    assert found(text) == [("reported", "the media lies for the CIA", None)]


def test_reported_not_after_a_negation_or_a_bare_infinitive():
    assert found("Snowden did not say anything about Pompeo becoming Secretary of State.") == []
    assert found("He didn’t say the vote was rigged.") == []
    assert found("Manafort can be coerced to say something that can be used against Trump.") == []
    assert found("Paul has promised to say that the nominees are unfit.")[0][1] == "the nominees are unfit"


def test_reported_tail_by_a_capitalised_name_ending_in_ing():
    text = "A manager declined to say when she moved out, the Dallas Morning News reports."
    assert found(text) == [("reported", "A manager declined to say when she moved out", "Dallas Morning News")]


def test_reported_according_to_a_source_with_a_relative_clause_starts_after_it():
    text = "What’s more, according to WFAA, who obtained affidavits for all of the warrants, none involved her flat."
    assert [q[1] for q in found(text, "reported")] == ["none involved her flat"]


def test_reported_frame_stops_before_a_trailing_according_to():
    text = "She told her doctor in 2017 about “physical abuse” from him, according to a document published Wednesday."
    assert [q[1] for q in found(text, "reported")] == ["She told her doctor in 2017 about", "from him"]


def test_reported_tail_after_a_quote_introduced_by_a_colon_owns_nothing_before_it():
    text = "Yet Keith Ellison prayed for Chesimard in his speech: “I am praying for them,” he told the crowd."
    assert found(text, "reported") == []
    assert found(text, "quoted") == [("quoted", "I am praying for them,", "Keith Ellison")]


def test_reported_the_author_or_the_reader_as_subject_is_the_outlets_voice():
    text = "Had a cop not done it, do you think that investigators would have said anything like this?"
    assert found(text, "reported") == []
    assert [q[1] for q in found("Then we told them that the vote was rigged.")] == []


def test_reported_one_word_before_a_quote_inside_reported_speech_is_kept():
    text = "News\n\nKeith Ellison has denied the accusations, saying he “never behaved this way.”"
    assert found(text) == [("reported", "he", "Keith Ellison"), ("quoted", "never behaved this way.", "Keith Ellison")]


def test_reported_one_word_after_a_quote_at_the_end_is_dropped():
    text = "News\n\nThe teacher said the “children” involved."
    assert found(text, "reported") == [("reported", "the", None)]


def test_reported_according_to_before_a_prepositional_phrase_is_what_comes_before():
    text = "This weekend, the rally drew upwards of 20,000 supporters, according to organizers, in support of the critic."
    assert found(text, "reported") == [("reported", "This weekend, the rally drew upwards of 20,000 supporters", None)]


def test_reported_attribution_in_mid_sentence_owns_both_sides():
    text = "Police did not search until last week, Sheriff Jerry Hogrefe said, because they had no probable cause."
    assert found(text, "reported") == [("reported", "Police did not search until last week", "Jerry Hogrefe"),
                                       ("reported", "because they had no probable cause", "Jerry Hogrefe")]


def test_reported_according_to_after_a_quotes_own_attribution_adds_no_content():
    text = '"We are starving and need food and water," the message said, according to authorities.'
    assert found(text, "reported") == []
