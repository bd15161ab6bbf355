"""Fifth pass (half F released): appositions and joint surnames, pronouns bound away from a name, party nouns,
lawsuits speaking for whoever filed them, 'an attorney for X', 'the court ruled', questions and their answers,
clauses before a relative 'that', 'saying no …', clause-final attributions with a time or an object, and their
failure modes. Three tables: who speaks, which ranges are found, and where no speech is."""

from __future__ import annotations

import pytest

from tests.support.quotes import found, speakers

WARNER = "said the findings must be provided to Congress."
CLINTON = "“I have never talked to her,” he said."

SPEAKERS = [  # (text, kind, the speaker of each range of that kind)
    pytest.param("Press secretary Sarah Huckabee Sanders and Bill Shine signed a letter.\n“We have created these rules "
                 "with a degree of regret,” Sanders and Shine wrote.", "quoted", ["Sarah Huckabee Sanders"],
                 id="two_surnames_joined_take_the_first_widened"),
    pytest.param("Not only did Acosta refuse to hand over the microphone, claiming he never touched the young woman.",
                 "reported", ["Acosta"], id="not_only_did_opens_an_inverted_clause"),
    pytest.param("Stacey Abrams ended her run for governor on Friday.\nBut she laced her speech with biting criticism "
                 "of Brian Kemp, who she accused of leveraging his role.\n“I will not concede,” she added.", "quoted",
                 ["Stacey Abrams"], id="a_pronoun_before_a_name_in_its_sentence_is_someone_else"),
    pytest.param("Defeated Georgia gubernatorial candidate Stacey Abrams ended her challenges against Brian Kemp. "
                 "However, she also declared she would be filing a federal lawsuit.", "reported", ["Stacey Abrams"],
                 id="a_leading_participle_is_no_first_name"),
    pytest.param("Stacey Abrams ended her run on Friday, but the Democrat said she would not concede the contest.",
                 "reported", ["Stacey Abrams"], id="the_democrat_is_the_person_named_before"),
    pytest.param("CNN has filed a lawsuit against the administration. The suit alleges the ban violated the rights of "
                 "the network.", "reported", ["CNN"], id="the_suit_alleges_is_the_filers"),
    pytest.param("CNN sued the administration on Tuesday. The suit alleges the ban violated the rights of the network.",
                 "reported", ["CNN"], id="the_suit_alleges_is_the_suers"),
    pytest.param("The suit alleges the ban violated the rights of the network.", "reported", [None],
                 id="a_suit_nobody_is_said_to_file_has_no_speaker"),
    pytest.param("An attorney for CNN and Acosta followed up with a separate statement, saying the law is clear.",
                 "reported", ["CNN"], id="an_attorney_for_a_body_speaks_for_it"),
    pytest.param("An attorney followed up with a statement, saying the law is clear.", "reported", [None],
                 id="an_unnamed_attorney_is_nobody"),
    pytest.param("Giuliani later disputed that reporting, saying it’s “up to DOJ.” The White House had earlier "
                 "issued a statement saying it was looking “forward” to the next steps.", "quoted",
                 ["Giuliani", "White House"],
                 id="a_new_sentence_after_a_quote_is_no_attribution"),
    pytest.param("A 2013 Washington Post report on the new CIA head called her role in the torture programs of that "
                 "era “extensive” and noted that at one point she ran a CIA site in Thailand.", None,
                 ["Washington Post", "Washington Post"], id="an_outlets_report_that_noted_is_the_outlets"),
    pytest.param("Common Cause, a nonpartisan group, claimed in the suit that Kemp, while secretary of state, failed "
                 "to maintain “the security of voter information” before the midterm.", "quoted", ["Common Cause"],
                 id="secretary_of_state_is_no_speech_verb_before_a_quote"),
    pytest.param("USA Today reports that Guyger was freed on bail on Sunday.", "reported", ["USA Today"],
                 id="today_ending_a_name_is_part_of_it"),
    pytest.param("Later Today, President Trump said the talks had failed again.", "reported", ["Trump"],
                 id="today_opening_a_sentence_is_the_adverb"),
    pytest.param("The hashtag was used among Democrats, including House Speaker Nancy Pelosi (D-CA), who warned Barr "
                 "against giving the president a “sneak preview.”", "quoted", ["Nancy Pelosi"],
                 id="including_a_name_then_who_is_that_person"),
    pytest.param('Kasich tweeted about the shooting several times, including to say, "The finest among us risk it '
                 'all."', "quoted", ["Kasich"], id="including_to_say_is_an_aside"),
    pytest.param("House Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer released a statement.\nThe "
                 "report must be released, they said. It was written for the public. Barr has it now. Congress waits.\n"
                 "“The American people have a right to the truth,” they said.", None, ["Nancy Pelosi", "Nancy Pelosi"],
                 id="they_keeps_the_pair_that_spoke_last"),
    pytest.param("“The American people have a right to the truth,” they said.", None, [None],
                 id="they_with_no_pair_before_is_nobody"),
    pytest.param("Tanya Badger said she saw the boy in January. Tanya Badger said she told the police herself.\n"
                 "Abdul-Ghani Wahhaj was missing, and his father took him.\nThey found two guns that police missed, "
                 "Jason Badger said.\n“When we first went up there, nothing was overturned,” he said.", "quoted",
                 ["Jason Badger"], id="a_full_name_sharing_a_surname_keeps_its_own_gender"),
    pytest.param("The research is done by the Vox-Pol Network of Excellence, which “is designed to research and "
                 "critique violent online political extremism.”\nThis research group is only interested in violent "
                 "extremism – according to their website.", None,
                 ["Vox-Pol Network of Excellence", "Vox-Pol Network of Excellence"],
                 id="according_to_their_website_is_the_body_that_just_spoke"),
    pytest.param("The group is only interested in violent extremism, according to their website.", None, [None],
                 id="a_website_nobody_spoke_before_is_nobody"),
    pytest.param("Craig Melvin interviewed Bill Clinton.\n“I apologized to everybody in the world,” Clinton said. "
                 f"Melvin followed up by asking Clinton if he had ever apologized privately.\n{CLINTON}", "quoted",
                 ["Bill Clinton", "Bill Clinton"], id="the_person_asked_answers_the_next_he_said"),
    pytest.param(f"“We will win,” Bill Clinton said. Melvin asked reporters if they had seen the tape.\n{CLINTON}",
                 "quoted", ["Bill Clinton", "Bill Clinton"], id="a_question_to_reporters_names_no_answerer"),
    pytest.param("Craig Melvin asked Bill Clinton if he had apologized. Later, Craig Melvin spoke to Hillary Clinton's "
                 "aide.\n“Nobody asked me,” he said.", "quoted", ["Craig Melvin"],
                 id="an_answer_after_someone_else_is_named_is_not_the_hearers"),
    pytest.param("President Donald Trump promised to “totally destroy” the country.\nThe North Korean leader replied with "
                 "a promise to make Trump “pay dearly” for his words.", "quoted", ["Donald Trump", None],
                 id="a_role_is_not_the_last_speaker_when_he_is_named_later_in_its_sentence"),
    pytest.param("President Donald Trump promised to “totally destroy” the country.\nThe Kentucky lawmaker replied with "
                 "a promise to make them “pay dearly” for it.", "quoted", ["Donald Trump", "Donald Trump"],
                 id="a_role_is_the_last_speaker_when_nobody_is_named_after_it"),
]

RANGES = [  # (text, kind, the ranges of that kind as found(text, kind) gives them)
    pytest.param(f"Sen. Mark Warner (D-VA), the top Democrat on the Senate Intelligence Committee, {WARNER}",
                 "reported", [("reported", "the findings must be provided to Congress", "Mark Warner")],
                 id="a_role_apposition_after_a_name_and_state_is_not_the_speaker"),
    pytest.param(f"Mark Warner, Abrams’ campaign chair, {WARNER}", "reported",
                 [("reported", "the findings must be provided to Congress", "Mark Warner")],
                 id="an_owners_role_apposition_is_not_the_speaker"),
    pytest.param("However, Abrams said Kemp had relied on “suppression of the vote” that was “deliberate and "
                 "intentional.”", None, [("reported", "Kemp had relied on", "Abrams"),
                                         ("quoted", "suppression of the vote", "Abrams"),
                                         ("reported", "that was", "Abrams"),
                                         ("quoted", "deliberate and intentional.", "Abrams")],
                 id="a_clause_before_a_relative_that_is_reported"),
    pytest.param("CNN released a statement saying no decision has been made on the lawsuit.", "reported",
                 [("reported", "no decision has been made on the lawsuit", "CNN")],
                 id="saying_no_subject_has_been_is_reported"),
    pytest.param("Robert Mueller will not recommend any more indictments, the Justice Department announced Friday "
                 "evening.", "reported", [("reported", "Robert Mueller will not recommend any more indictments",
                                           "Justice Department")], id="a_clause_final_attribution_with_a_time_of_day"),
    pytest.param("Common Cause’s lawsuit was filed on Nov. 5. The suit blasted the state’s “provisional ballot "
                 "scheme,” that could hurt voters. The lawsuit says that most of the ballots were rejected.", None,
                 [("quoted", "provisional ballot scheme,", "Common Cause"),
                  ("reported", "most of the ballots were rejected", "Common Cause")],
                 id="a_lawsuit_speaks_for_whoever_filed_it"),
    pytest.param("U.S. District Judge Amy Totenberg issued an order. The court ruled that the office must establish a "
                 "hotline. Totenberg also ruled that Georgia must not certify the results.", "reported",
                 [("reported", "the office must establish a hotline", "Amy Totenberg"),
                  ("reported", "Georgia must not certify the results", "Amy Totenberg")],
                 id="the_court_ruled_is_its_judge"),
    pytest.param("Brian Kemp, who is expected to win, charged that Abrams has led a stunt.", "reported",
                 [("reported", "Abrams has led a stunt", "Brian Kemp")], id="charged_that_is_reported"),
    pytest.param("No new indictments will come from the probe after he submitted his report, multiple outlets are "
                 "reporting.", "reported", [("reported", "No new indictments will come from the probe after he "
                                             "submitted his report", None)],
                 id="outlets_are_reporting_closes_a_sentence"),
    pytest.param("CNN is reporting that the deal is off.", "reported", [("reported", "the deal is off", "CNN")],
                 id="reporting_frames_a_clause"),
    pytest.param("“We are all stronger,” Sara Henderson, executive director for Common Cause, which filed the lawsuit, "
                 "told AJC.", None, [("quoted", "We are all stronger,", "Sara Henderson")],
                 id="a_name_with_a_role_and_a_relative_clause_after_a_quote_is_the_speaker"),
    pytest.param("An arrest warrant states that Wahhaj wanted to perform an exorcism on the child.", "reported",
                 [("reported", "Wahhaj wanted to perform an exorcism on the child", None)],
                 id="states_frames_a_clause"),
    pytest.param("Trump characterizes the caravan as “an invasion,” a term to which Acosta objected.", None,
                 [("quoted", "an invasion,", "Trump")], id="characterizes_as_takes_a_quoted_object"),
    pytest.param("Some Democratic legal observers note Abrams would be dependent on the statutes.", "reported",
                 [("reported", "Abrams would be dependent on the statutes", None)],
                 id="a_plural_subjects_base_verb_takes_a_clause_without_that"),
    pytest.param("Experts warn the virus could spread in the autumn.", "reported",
                 [("reported", "the virus could spread in the autumn", None)],
                 id="experts_warn_takes_a_clause_without_that"),
    pytest.param("The lawsuit also asked that provisional ballots cast in another county be counted as if cast here.",
                 "reported", [("reported", "provisional ballots cast in another county be counted as if cast here",
                               None)], id="asked_that_with_a_subjunctive_is_reported"),
    pytest.param("He also said at no time did the Justice Department prevent Mueller from any actions.", "reported",
                 [("reported", "at no time did the Justice Department prevent Mueller from any actions", None)],
                 id="said_at_no_time_opens_an_inverted_clause"),
]

NO_REPORTED_SPEECH = {  # what is no speech, by name
    "said_things_that_were": "The senator said things that were plainly false about the bill.",
    "saying_no_to_a_plan": "The mayor kept saying no to the plan for the new stadium.",
    "a_clause_final_verb_with_an_object_of_its_own": "As state officials met, Abrams acknowledged the law.",
    "a_ruling_against_someone": "Prior to last month, Wilson had been losing, after a federal court ruled against him.",
    "charged_with": "Lawson was arrested today and charged with aiding the possession of a firearm.",
    "reporting_on_a_topic": "The reporters kept reporting on the case for a year.",
    "should_be_telling": "The White House should be telling Judge Kelly where he can take his ruling.",
    "should_tell_you": "The fact that they were suspended should tell you that this is a coordinated effort.",
    "according_to_these_rules": "If journalists can't behave according to these rules, there is no option but more.",
    "states_sued": "Eight states sued the government to block the settlement.",
    "states_are": "The eight states are the usual suspects, along with the District of Columbia.",
    "states_led": "California was one of 20 states led by Washington that won the decision.",
    "might_reveal_a_clause": "The files might reveal the clergy listed have abused children.",
    "to_note_a_clause": "It is important to note the vote was close in every county.",
    "asked_that_question": "He asked that question because it would be useful to the court.",
}


@pytest.mark.parametrize(("text", "kind", "expected"), SPEAKERS)
def test_fifth_pass_speakers(text, kind, expected):
    assert speakers(text, kind) == expected


@pytest.mark.parametrize(("text", "kind", "expected"), RANGES)
def test_fifth_pass_ranges(text, kind, expected):
    assert found(text, kind) == expected


@pytest.mark.parametrize("text", list(NO_REPORTED_SPEECH.values()), ids=list(NO_REPORTED_SPEECH))
def test_fifth_pass_no_reported_speech(text):
    assert found(text, "reported") == []
