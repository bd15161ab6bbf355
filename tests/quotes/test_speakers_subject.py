"""Speakers from the shape of the sentence: a participle's main subject, a passive's agent, an auxiliary."""

from __future__ import annotations

from tests.support.quotes import speakers


def test_speaker_participle_after_an_opening_phrase_is_the_main_subject():
    text = "In response, Cruz lashed out at O’Rourke, claiming that he is being too quick to judge."
    assert speakers(text, "reported") == ["Cruz"]


def test_speaker_by_claiming_after_an_opening_clause_is_the_main_subject():
    text = "For those who don’t recall, Dana Loesch sparked controversy by claiming that Jean would be alive today."
    assert speakers(text, "reported") == ["Dana Loesch"]


def test_speaker_participle_with_a_quote_is_the_main_subject():
    text = "As recently as Friday, Renee Hall refused to fire Guyger, saying in part, “There is one overriding reason.”"
    assert speakers(text, "quoted") == ["Renee Hall"]


def test_speaker_passive_speech_verb_is_its_agent():
    text = "The reporter was told by Senator John Smith that the vote would be delayed."
    assert speakers(text, "reported") == ["John Smith"]


def test_speaker_passive_speech_verb_without_agent_is_nobody():
    assert speakers("Laura Loomer was told that he wanted police protection from her.", "reported") == [None]


def test_speaker_pronoun_before_an_auxiliary():
    text = "Keith Ellison denied the accusations.\nHe did acknowledge he was in a relationship with the woman."
    assert speakers(text, "reported") == ["Keith Ellison"]


def test_speaker_someones_office_speaks_for_them():
    text = "News\n\n“We see it as an initial victory,” Lee Merritt’s office said in a statement."
    assert speakers(text) == ["Lee Merritt"]


def test_speaker_someones_lawyers_are_not_them():
    assert speakers("News\n\n“He is innocent,” Rombot’s lawyers said.") == [None]


def test_speaker_a_body_named_with_lower_case_words():
    text = ("News\n\nOn Monday, the Dallas police department announced that Guyger was fired.\n"
            "The department then went on to note that Guyger could appeal the decision.")
    assert speakers(text, "reported") == ["Dallas police department", "Dallas police department"]


def test_speaker_the_department_named_nowhere_is_none():
    assert speakers("News\n\nThe department then went on to note that Guyger could appeal.", "reported") == [None]


def test_speaker_surname_before_a_verb_phrase_widened_to_the_full_name():
    text = "News\n\nKaren Monahan spoke out.\nMonahan went on to reiterate that her story has nothing to do with politics."
    assert speakers(text, "reported") == ["Karen Monahan"]


def test_speaker_gender_read_from_subject_pronouns_before_object_ones():
    text = ("News\n\nDemocrats went after Brett Kavanaugh, and he was angry.\n"
            "Keith Ellison sent her messages and screamed at her as he dragged her off a bed by her feet.\n"
            "Ellison denied it, saying he “never behaved this way.” He did acknowledge he was in a relationship.")
    assert speakers(text, "reported")[-1] == "Keith Ellison"


def test_speaker_a_long_role_before_the_name_is_cut_off():
    text = ("News\n\nDFL-endorsed candidate for attorney general of Minnesota Matt Pelikan also reacted to the story, "
            "calling the allegations “extremely troubling.”")
    assert speakers(text) == ["Matt Pelikan"]


def test_speaker_the_country_after_of_is_not_part_of_the_name():
    assert speakers("News\n\n“We will win,” said the president of Ukraine Volodymyr Zelensky.") == ["Volodymyr Zelensky"]


def test_speaker_a_second_person_joined_by_and_is_not_the_speaker():
    assert speakers("News\n\n“We will win,” said Putin and the French leader Emmanuel Macron.") == ["Putin"]


def test_speaker_of_a_quote_after_a_base_form_is_the_frames():
    text = "News\n\nThe CIA says that releasing its JFK records will reveal secret “methods” of intelligence gathering."
    assert speakers(text, "quoted") == ["CIA"]


def test_speaker_whip_is_a_title():
    assert speakers("News\n\n“Let me get this straight,” said Majority Whip John Cornyn.") == ["John Cornyn"]


def test_speaker_after_an_opening_phrase_and_a_verb_phrase_is_the_main_subject():
    text = "News\n\nLast week, John Bolton went onto US TV and actually suggested North Korea might follow Libya."
    assert speakers(text, "reported") == ["John Bolton"]


def test_speaker_of_a_quote_after_a_colon_skips_an_opening_phrase():
    text = ("News\n\nPope Benedict XVI warned against it, writing that “Man is using God.”\n"
            "After a pause, Massimo Faggioli gave the only answer he could: “There are different responses.”")
    assert speakers(text, "quoted") == ["Benedict XVI", "Massimo Faggioli"]


def test_speaker_a_party_and_state_in_brackets_is_no_acronym():
    text = "News\n\nRep. Jackie Speier (D-CA) told a hearing that she knows of two members who harassed staff."
    assert speakers(text, "reported") == ["Jackie Speier"]


def test_speaker_a_person_of_a_firm_is_the_person():
    text = "News\n\nTom Goldstein of the law firm of Goldstein & Russell predicted that the court would have nine members."
    assert speakers(text, "reported") == ["Tom Goldstein"]


def test_speaker_a_day_named_in_capitals_is_nobody():
    from spinscope.quotes.names import _who
    assert _who(["after", "Election", "Day"]) == ("unnamed",)


def test_speaker_pronoun_for_a_name_with_a_suffix_is_the_surname_not_the_suffix():
    text = "News\n\nEdward E. Curtis IV is a professor.\nBut he said that millions sympathized with the movement."
    assert speakers(text, "reported") != ["IV"]
