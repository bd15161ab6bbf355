"""Eighth pass (half H released, half I held out): a name's apposition after a quotation opened by 'the' or holding a
role in lower case is no reported content, a role opening the sentence is the subject (not the name after its verb),
a verb ends the titles written before a name, a relation after a possessive name is an apposition ('John Smith,
Mary Jones’ lawyer,'), a role in lower case after capitals is an apposition ('Jinnie Lee,
U.S. Embassy spokesperson in Beijing,'), a place's state after a titled role is no speaker, '“…,” he charged,',
a headline's speaker before a title-case verb ('Pope Francis Denounces “…”'), and a demand or order with a clause of
its own ('demanded that the Justice Department release …', 'ordered that Acosta be reinstated'), and content inside a
fronted clause ending at its comma ('When asked if …, Clinton told NBC …'), 'recommended' as a speech verb, and 'X's statement read (as
follows):' before an unmarked line (decision 9), and 'told police last week they …' (more addressees, a time after
one); each with its failure mode."""

from __future__ import annotations

import pytest

from tests.support.quotes import found, speakers

TRUMP = "Donald Trump spoke to reporters on Monday.\n"

RANGES = [  # (text, the (kind, range text, speaker) of each range found)
    pytest.param("“I have faith in our president,” Susie Hammond, the wife and mother of the imprisoned ranchers, told "
                 "The Oregonian.", [("quoted", "I have faith in our president,", "Susie Hammond")],
                 id="an_apposition_opened_by_the_is_no_reported_content"),
    pytest.param("“The findings matched a mild brain injury,” Jinnie Lee, U.S. Embassy spokesperson in Beijing, told "
                 "reporters.", [("quoted", "The findings matched a mild brain injury,", "Jinnie Lee")],
                 id="an_apposition_holding_a_lower_case_role_is_no_reported_content"),
    pytest.param("Senators demanded that the Justice Department release the full report.",
                 [("reported", "the Justice Department release the full report", None)], id="demanded_that"),
    pytest.param("A ruling that demanded the White House reinstate Jim Acosta's press pass was issued on Friday.",
                 [("reported", "the White House reinstate Jim Acosta's press pass was issued on Friday", None)],
                 id="demanded_a_subject_and_a_base_verb"),
    pytest.param("Kelly ordered that Acosta be reinstated immediately.",
                 [("reported", "Acosta be reinstated immediately", "Kelly")], id="ordered_that"),
    pytest.param("Protesters demanded the release of the documents.", [], id="failure_mode_demanded_a_noun"),
    pytest.param("The judge ordered Georgia to take steps.", [], id="failure_mode_ordered_to"),
    pytest.param("The union rejected the demand that workers return.", [], id="failure_mode_the_demand_that"),
    pytest.param("Will Judge Kelly demand the White House provide us with one?", [], id="failure_mode_will_x_demand"),
    pytest.param("Those who have constantly demanded that tech giants silence critics are finally seeing the results.",
                 [], id="failure_mode_a_demand_in_a_relative_clause"),
    pytest.param("After Senator Chuck Grassley demanded Campbell be allowed to testify, the gag order was lifted.",
                 [("reported", "Campbell be allowed to testify", "Chuck Grassley")], id="a_fronted_demand_ends_at_its_comma"),
    pytest.param("President Trump ordered that the documents be released “for reasons of transparency,” read a "
                 "statement issued by Sarah Sanders.", [("reported", "the documents be released", "Trump"),
                                                         ("quoted", "for reasons of transparency,", "Sarah Sanders")],
                 id="a_demand_ends_before_the_attribution_after_its_quote"),
    pytest.param("They all comprise the old tactic of serially escalating demands that cannot be satisfied.", [],
                 id="failure_mode_demands_that_cannot_is_a_noun"),
    pytest.param("Christian charity itself demands that we should hate wickedness.", [],
                 id="failure_mode_a_thing_demands_that"),
    pytest.param("When asked if he owed Lewinsky an apology, President Clinton told NBC he did not.",
                 [("reported", "he owed Lewinsky an apology", None), ("reported", "he did not", "Clinton")],
                 id="content_in_a_fronted_clause_ends_at_its_comma"),
    pytest.param("Officials said that the boy, who was three, had died.",
                 [("reported", "the boy, who was three, had died", None)],
                 id="failure_mode_a_sentence_opening_with_its_subject_keeps_its_commas"),
    pytest.param("The State Department recommended anyone traveling to Cuba should “reconsider” their plans.",
                 [("quoted", "reconsider", "State Department")], id="recommended_attributes_a_quotation"),
    pytest.param("The panel recommended that the law be changed.", [("reported", "the law be changed", None)],
                 id="recommended_that"),
    pytest.param("She recommended a good book.", [], id="failure_mode_recommended_a_noun"),
    pytest.param("The “treatment” recommended for the patient’s “best interests” was withdrawn.",
                 [("scare", "treatment", None), ("scare", "best interests", None)],
                 id="failure_mode_recommended_for_is_passive"),
    pytest.param("President Trump pardoned two ranchers.\nA Statement from the White House read as follows:\nToday, "
                 "President Donald J. Trump signed Executive Grants of Clemency.\nThe Hammonds are ranchers in Oregon.",
                 [("reported", "Today, President Donald J. Trump signed Executive Grants of Clemency", "White House")],
                 id="a_statement_read_as_follows_then_a_line"),
    pytest.param("The sign read:\nNo parking here at any time of day.", [], id="failure_mode_a_thing_read_names_nobody"),
    pytest.param("A couple told authorities months ago they thought the boy was living on their property.",
                 [("reported", "they thought the boy was living on their property", None)],
                 id="told_an_addressee_and_a_time_then_a_clause"),
    pytest.param("The FBI told reporters on Monday the suspect had fled.",
                 [("reported", "the suspect had fled", "FBI")], id="told_reporters_on_monday"),
    pytest.param("Tanya Badger told authorities about the boy's presence at the compound.", [],
                 id="failure_mode_told_x_about"),
    pytest.param("Giuliani told The Daily Beast on Friday, adding that he spoke with the president.",
                 [("reported", "he spoke with the president", "Giuliani")], id="failure_mode_told_x_on_friday_comma"),
    pytest.param("It was the first time it occurred to me to investigate, like an anthropologist, what the Church "
                 "herself said about her teachings.", [], id="failure_mode_what_x_said_about_closes_no_sentence"),
    pytest.param("“We won the vote,” Trump, CNN reported.", [("quoted", "We won the vote,", "CNN")],
                 id="failure_mode_a_capitalised_second_source_is_no_apposition"),
]

SPEAKERS = [  # (text, kind, the speaker of each range of that kind)
    pytest.param(TRUMP + "The president described Jim Acosta as “a rude man,” and said his administration is drawing "
                 "up new rules.", None, ["Donald Trump", "Donald Trump"], id="a_role_subject_not_the_name_after_its_verb"),
    pytest.param(TRUMP + "The president criticised Jim Acosta, claiming that he was rude.", "reported",
                 ["Donald Trump"], id="a_verb_ends_the_titles_before_a_name"),
    pytest.param("“We will win,” said the president of Ukraine Volodymyr Zelensky.", "quoted", ["Volodymyr Zelensky"],
                 id="failure_mode_a_role_with_of_before_the_name_is_still_that_name"),
    pytest.param("Robert McManus, Roman Catholic Bishop of Worcester, Massachusetts, said on Friday that the talk was "
                 "cancelled.", "reported", ["Robert McManus"], id="a_state_after_a_titled_place_is_no_speaker"),
    pytest.param("Crowds gathered in Berlin, Merkel said on Monday.", "reported", ["Merkel"],
                 id="failure_mode_a_name_after_an_untitled_place_is_the_speaker"),
    pytest.param("The President of AMANA, Sofian Zakkout, has referred to Duke as “David Duke, a man to believe in!”",
                 "quoted", ["Sofian Zakkout"], id="failure_mode_a_two_word_name_after_a_role_of_a_place_is_the_speaker"),
    pytest.param("Critics pointed to a group called Democratize SSMU.\nThe group was urging students to vote against "
                 "Lew, alleging “layers of corruption and favouritism in the board.”", "quoted", ["Democratize SSMU"],
                 id="failure_mode_a_group_called_x_keeps_its_noun"),
    pytest.param("John Smith, Mary Jones’ lawyer, said the police had failed.", "reported", ["John Smith"],
                 id="a_relation_after_a_possessive_name_is_an_apposition"),
    pytest.param("In the morning, Trump’s lawyer said the police had failed.", "reported", [None],
                 id="failure_mode_a_possessive_role_opening_the_clause_is_the_subject"),
    pytest.param("Jeanne Smith, the former head of the agency, gave an interview.\n“The media,” she charged, “have "
                 "not reported the truth.”", "quoted", ["Jeanne Smith", "Jeanne Smith"], id="he_charged_attributes"),
    pytest.param("He was arrested, and “the suspect,” police said, was charged with “obstruction of justice by lying.”",
                 "quoted", [None, None], id="failure_mode_was_charged_with_attributes_nothing"),
    pytest.param("Pope Francis Denounces “Murderous Indifference” To Persecution Of Christians\n\nThe pope spoke on "
                 "Saturday.", "quoted", ["Francis"], id="a_headline_speaker_before_a_title_case_verb"),
    pytest.param("Notes From The Week Of “Murderous Indifference” And Other Things\n\nThe pope spoke on Saturday.",
                 None, [None], id="failure_mode_a_headline_without_a_verb_names_nobody"),
    pytest.param("In Moscow, Kremlin spokesman Dmitry Peskov said the talks had failed.", "reported", ["Dmitry Peskov"],
                 id="failure_mode_a_role_followed_by_its_holder_is_that_holder"),
    pytest.param("Former San Antonio, Texas mayor and former Housing Secretary Julian Castro tweeted that the report "
                 "must be released.", "reported", ["Julian Castro"], id="failure_mode_a_role_and_a_later_name"),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_eighth_pass_ranges(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(("text", "kind", "expected"), SPEAKERS)
def test_eighth_pass_speakers(text, kind, expected):
    assert speakers(text, kind) == expected


def test_eighth_pass_unbalanced_and_long_inputs_do_not_raise():
    text = "“The media,” she charged, “" + "Pope Francis Denounces “ " * 2000 + ", Massachusetts, said"
    for q in found(text):
        assert q[0] in ("quoted", "reported", "scare")
