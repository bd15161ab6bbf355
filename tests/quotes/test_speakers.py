"""Speakers: bodies named earlier, roles, pronoun chains, titles before names, organisations."""

from __future__ import annotations

from tests.support.quotes import found, speakers


def test_speaker_the_body_is_the_body_named_last():
    text = ("The Federal Bureau of Investigation arrested five people.\n"
            "“They are charged in a criminal complaint,” the bureau said in a statement.")
    assert speakers(text, "quoted") == ["Federal Bureau of Investigation"]


def test_speaker_the_body_is_its_acronym_when_the_text_used_it_later():
    text = ("The Federal Bureau of Investigation stepped up.\nThe FBI has arrested five people.\n"
            "“They are charged in a criminal complaint,” the bureau said.")
    assert speakers(text, "quoted") == ["FBI"]


def test_speaker_the_body_named_nowhere_is_none():
    assert speakers("“They are charged,” the bureau said.", "quoted") == [None]


def test_speaker_role_resolves_to_the_title_before_the_name():
    text = ("State Department spokesman Steve Goldstein said Tillerson had no plans to leave.\n"
            "He “did not speak to the president” for his firing, the spokesman added.")
    assert set(speakers(text)) == {"Steve Goldstein"}


def test_speaker_role_without_holder_is_the_last_person_who_spoke():
    text = ("“I will oppose both nominations,” Sen. Rand Paul said.\n"
            "The lawmaker added that he can’t support the second nominee.")
    assert speakers(text) == ["Rand Paul", "Rand Paul"]


def test_speaker_role_with_nobody_before_is_none():
    assert speakers("The lawmaker added that he can’t support the nominee.") == [None]


def test_speaker_organisation_of_an_unnamed_person():
    text = "In an affidavit, an FBI special agent wrote that the boy wanted to train an army."
    assert found(text) == [("reported", "the boy wanted to train an army", "FBI")]


def test_speaker_appositive_after_a_name_is_still_cut():
    text = "John Smith, a spokesman for the company, said that the plant will close."
    assert speakers(text) == ["John Smith"]


def test_speaker_body_before_a_place_is_the_body():
    text = "The U.S. Attorney's Office in Albuquerque said the resident has been charged with a crime."
    assert speakers(text) == ["U.S. Attorney's Office"]


def test_speaker_people_before_a_place_are_nobody():
    assert speakers("“The plan will fail,” officials in New Mexico said.", "quoted") == [None]


def test_speaker_place_and_police():
    text = "In a statement, Dallas police said their officer called them after the shooting."
    assert speakers(text) == ["Dallas police"]


def test_speaker_pronoun_chain_keeps_the_last_speaker_named_again_in_between():
    text = ("“I apologised to everybody,” Bill Clinton said.\n"
            "Craig Melvin then turned to Clinton again.\n"
            "“I have never talked to her,” he said.")
    assert speakers(text, "quoted") == ["Bill Clinton", "Bill Clinton"]


def test_speaker_pronoun_chain_he_added():
    text = ("“I will oppose both,” Rand Paul said on Wednesday.\n“I don't have the power to stop her,” he said.\n"
            "“We are not a people that should be so fearful,” he added.")
    assert speakers(text, "quoted") == ["Rand Paul"] * 3


def test_speaker_pronoun_of_the_other_gender_is_not_the_last_speaker():
    text = ("Gina Haspel said she ran the site and her staff followed her.\n"
            "“I will oppose her,” Rand Paul said, and he left.\n“She should never lead the agency,” she said.")
    assert speakers(text, "quoted")[-1] == "Gina Haspel"


def test_speaker_pronoun_far_after_the_last_speaker_is_the_person_mentioned():
    filler = "The committee met again on Tuesday to discuss the budget for next year. " * 10
    text = (f"“We tried everything,” Donald Trump said.\n{filler}\nMike Pompeo spoke of WikiLeaks.\n"
            "“It is time to call it out,” he said.")
    assert speakers(text, "quoted") == ["Donald Trump", "Mike Pompeo"]


def test_speaker_short_quote_after_a_verb_of_calling_is_the_subjects():
    assert found("Wilders has called Robinson's imprisonment a \"disgrace.\"") == [("quoted", "disgrace.", "Wilders")]
    text = "Tillerson thanked diplomats for their “honesty and integrity” and the people for “acts of kindness.”"
    assert speakers(text) == ["Tillerson", "Tillerson"]


def test_speaker_short_quote_in_a_passive_is_the_agents():
    text = "The concealment of the tapes was condemned as “obstruction” by commission chair Lee Hamilton."
    assert found(text) == [("quoted", "obstruction", "Lee Hamilton")]


def test_speaker_short_quote_named_by_nobody_stays_scare():
    assert found("A group called “Patriot Front” marched.") == [("scare", "Patriot Front", None)]
    assert found("Critics called it a “disaster.”") == [("scare", "disaster.", None)]


def test_speaker_quoted_words_that_modify_a_noun_are_no_object():
    assert found("Trump slams “fake news” media on Monday.") == [("scare", "fake news", None)]
    text = "Washington misrepresented the result as a “Russian invasion and annexation of Crimea.” Such lies …"
    assert speakers(text) == ["Washington"]


def test_speaker_pronoun_before_the_verb_is_read_before_names_after_it():
    text = ("Bill Clinton defended his record.\n"
            "He accused interviewer Craig Melvin of “ignoring gaping facts in describing this.”")
    assert speakers(text, "quoted") == ["Bill Clinton"]


def test_speaker_quote_inside_reported_speech_takes_the_frames_speaker():
    text = "Monica Lewinsky spoke out.\nNow she says Clinton engaged in a “gross abuse of power” by seducing her."
    assert set(speakers(text)) == {"Monica Lewinsky"}


def test_speaker_inverted_verb_before_an_organisation_and_a_person_is_the_person():
    text = "“Humanity is more vulnerable,” said WHO specialist in infectious diseases Dr. Sylvie Brand."
    assert speakers(text, "quoted") == ["Sylvie Brand"]
    assert speakers("“We will win,” said Putin in Moscow.", "quoted") == ["Putin"]


def test_speaker_the_sheriff_is_the_sheriff_named_before():
    text = "Sheriff Jerry Hogrefe said the compound was empty. Authorities suspected it in May, the sheriff said."
    assert [q[2] for q in found(text, "reported")] == ["Jerry Hogrefe", "Jerry Hogrefe"]
