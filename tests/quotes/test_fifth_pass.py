"""Fifth pass (half F released): appositions and joint surnames, pronouns bound away from a name, party nouns,
lawsuits speaking for whoever filed them, 'an attorney for X', 'the court ruled', clauses before a relative
'that', 'saying no …', clause-final attributions with a time or an object, and their failure modes."""

from __future__ import annotations

import pytest

from tests.support.quotes import found, speakers


@pytest.mark.parametrize("subject", [
    "Sen. Mark Warner (D-VA), the top Democrat on the Senate Intelligence Committee,",
    "Mark Warner, Abrams’ campaign chair,"])
def test_fifth_pass_an_apposition_after_a_name_is_not_the_speaker(subject):
    text = f"{subject} said the findings must be provided to Congress."
    assert found(text, "reported") == [("reported", "the findings must be provided to Congress", "Mark Warner")]


def test_fifth_pass_two_surnames_joined_take_the_first_widened():
    text = ("Press secretary Sarah Huckabee Sanders and Bill Shine signed a letter.\n"
            "“We have created these rules with a degree of regret,” Sanders and Shine wrote.")
    assert speakers(text, "quoted") == ["Sarah Huckabee Sanders"]


def test_fifth_pass_a_clause_before_a_relative_that_is_reported():
    text = "However, Abrams said Kemp had relied on “suppression of the vote” that was “deliberate and intentional.”"
    assert found(text) == [("reported", "Kemp had relied on", "Abrams"),
                           ("quoted", "suppression of the vote", "Abrams"),
                           ("reported", "that was", "Abrams"),
                           ("quoted", "deliberate and intentional.", "Abrams")]


def test_fifth_pass_said_things_that_were_is_no_clause():
    assert found("The senator said things that were plainly false about the bill.", "reported") == []


def test_fifth_pass_saying_no_subject_has_been_is_reported():
    text = "CNN released a statement saying no decision has been made on the lawsuit."
    assert found(text, "reported") == [("reported", "no decision has been made on the lawsuit", "CNN")]


def test_fifth_pass_saying_no_to_a_plan_is_no_clause():
    assert found("The mayor kept saying no to the plan for the new stadium.", "reported") == []


def test_fifth_pass_a_clause_final_attribution_with_a_time_of_day():
    text = "Robert Mueller will not recommend any more indictments, the Justice Department announced Friday evening."
    assert found(text, "reported") == [("reported", "Robert Mueller will not recommend any more indictments",
                                        "Justice Department")]


def test_fifth_pass_a_clause_final_verb_with_an_object_of_its_own_is_no_attribution():
    assert found("As state officials met, Abrams acknowledged the law.", "reported") == []


def test_fifth_pass_a_ruling_against_someone_is_no_attribution():
    assert found("Prior to last month, Wilson had been losing, after a federal court ruled against him.",
                 "reported") == []


def test_fifth_pass_not_only_did_opens_an_inverted_clause():
    text = "Not only did Acosta refuse to hand over the microphone, claiming he never touched the young woman."
    assert speakers(text, "reported") == ["Acosta"]


def test_fifth_pass_a_pronoun_before_a_name_in_its_sentence_is_someone_else():
    text = ("Stacey Abrams ended her run for governor on Friday.\nBut she laced her speech with biting criticism of "
            "Brian Kemp, who she accused of leveraging his role.\n“I will not concede,” she added.")
    assert speakers(text, "quoted") == ["Stacey Abrams"]


def test_fifth_pass_a_leading_participle_is_no_first_name():
    text = ("Defeated Georgia gubernatorial candidate Stacey Abrams ended her challenges against Brian Kemp. "
            "However, she also declared she would be filing a federal lawsuit.")
    assert speakers(text, "reported") == ["Stacey Abrams"]


def test_fifth_pass_the_democrat_is_the_person_named_before():
    text = "Stacey Abrams ended her run on Friday, but the Democrat said she would not concede the contest."
    assert speakers(text, "reported") == ["Stacey Abrams"]


def test_fifth_pass_a_lawsuit_speaks_for_whoever_filed_it():
    text = ("Common Cause’s lawsuit was filed on Nov. 5. The suit blasted the state’s “provisional ballot scheme,” "
            "that could hurt voters. The lawsuit says that most of the ballots were rejected.")
    assert found(text) == [("quoted", "provisional ballot scheme,", "Common Cause"),
                           ("reported", "most of the ballots were rejected", "Common Cause")]


@pytest.mark.parametrize("filed", ["CNN has filed a lawsuit against the administration.",
                                   "CNN sued the administration on Tuesday."])
def test_fifth_pass_the_suit_alleges_is_the_filers(filed):
    text = f"{filed} The suit alleges the ban violated the rights of the network."
    assert speakers(text, "reported") == ["CNN"]


def test_fifth_pass_a_suit_nobody_is_said_to_file_has_no_speaker():
    assert speakers("The suit alleges the ban violated the rights of the network.", "reported") == [None]


def test_fifth_pass_an_attorney_for_a_body_speaks_for_it():
    text = "An attorney for CNN and Acosta followed up with a separate statement, saying the law is clear."
    assert speakers(text, "reported") == ["CNN"]


def test_fifth_pass_an_unnamed_attorney_is_nobody():
    assert speakers("An attorney followed up with a statement, saying the law is clear.", "reported") == [None]


def test_fifth_pass_the_court_ruled_is_its_judge():
    text = ("U.S. District Judge Amy Totenberg issued an order. The court ruled that the office must establish a "
            "hotline. Totenberg also ruled that Georgia must not certify the results.")
    assert found(text, "reported") == [("reported", "the office must establish a hotline", "Amy Totenberg"),
                                       ("reported", "Georgia must not certify the results", "Amy Totenberg")]


def test_fifth_pass_charged_that_is_reported_charged_with_is_not():
    assert found("Brian Kemp, who is expected to win, charged that Abrams has led a stunt.", "reported") == [
        ("reported", "Abrams has led a stunt", "Brian Kemp")]
    assert found("Lawson was arrested today and charged with aiding the possession of a firearm.", "reported") == []


def test_fifth_pass_outlets_are_reporting_closes_a_sentence():
    text = "No new indictments will come from the probe after he submitted his report, multiple outlets are reporting."
    assert found(text, "reported") == [("reported", "No new indictments will come from the probe after he submitted "
                                        "his report", None)]


def test_fifth_pass_reporting_frames_a_clause_but_not_a_topic():
    assert found("CNN is reporting that the deal is off.", "reported") == [("reported", "the deal is off", "CNN")]
    assert found("The reporters kept reporting on the case for a year.", "reported") == []


def test_fifth_pass_a_new_sentence_after_a_quote_is_no_attribution():
    text = ("Giuliani later disputed that reporting, saying it’s “up to DOJ.” The White House had earlier issued a "
            "statement saying it was looking “forward” to the next steps.")
    assert speakers(text, "quoted") == ["Giuliani", "White House"]


@pytest.mark.parametrize("text", ["The White House should be telling Judge Kelly where he can take his ruling.",
                                  "The fact that they were suspended should tell you that this is a coordinated effort."])
def test_fifth_pass_advice_to_speak_is_no_speech(text):
    assert found(text, "reported") == []


def test_fifth_pass_according_to_these_rules_is_no_source():
    assert found("If journalists can't behave according to these rules, then there is no option but to write more.",
                 "reported") == []


def test_fifth_pass_a_name_with_a_role_and_a_relative_clause_after_a_quote_is_the_speaker():
    text = "“We are all stronger,” Sara Henderson, executive director for Common Cause, which filed the lawsuit, told AJC."
    assert found(text) == [("quoted", "We are all stronger,", "Sara Henderson")]


def test_fifth_pass_states_frames_a_clause():
    text = "An arrest warrant states that Wahhaj wanted to perform an exorcism on the child."
    assert found(text, "reported") == [("reported", "Wahhaj wanted to perform an exorcism on the child", None)]


@pytest.mark.parametrize("text", ["Eight states sued the government to block the settlement.",
                                  "The eight states are the usual suspects, along with the District of Columbia.",
                                  "California was one of 20 states led by Washington that won the decision."])
def test_fifth_pass_states_as_a_noun_frames_nothing(text):
    assert found(text, "reported") == []


def test_fifth_pass_an_outlets_report_that_noted_is_the_outlets():
    text = ("A 2013 Washington Post report on the new CIA head called her role in the torture programs of that era "
            "“extensive” and noted that at one point she ran a CIA site in Thailand.")
    assert speakers(text) == ["Washington Post", "Washington Post"]


def test_fifth_pass_secretary_of_state_is_no_speech_verb_before_a_quote():
    text = ("Common Cause, a nonpartisan group, claimed in the suit that Kemp, while secretary of state, failed to "
            "maintain “the security of voter information” before the midterm.")
    assert speakers(text, "quoted") == ["Common Cause"]


def test_fifth_pass_characterizes_as_takes_a_quoted_object():
    assert found("Trump characterizes the caravan as “an invasion,” a term to which Acosta objected.") == [
        ("quoted", "an invasion,", "Trump")]


@pytest.mark.parametrize(("text", "content"), [
    ("Some Democratic legal observers note Abrams would be dependent on the statutes.",
     "Abrams would be dependent on the statutes"),
    ("Experts warn the virus could spread in the autumn.", "the virus could spread in the autumn")])
def test_fifth_pass_a_plural_subjects_base_verb_takes_a_clause_without_that(text, content):
    assert found(text, "reported") == [("reported", content, None)]


@pytest.mark.parametrize("text", ["The files might reveal the clergy listed have abused children.",
                                  "It is important to note the vote was close in every county."])
def test_fifth_pass_a_base_verb_after_a_modal_or_to_needs_that(text):
    assert found(text, "reported") == []


def test_fifth_pass_today_ending_a_name_is_part_of_it():
    assert speakers("USA Today reports that Guyger was freed on bail on Sunday.", "reported") == ["USA Today"]


def test_fifth_pass_today_opening_a_sentence_is_the_adverb():
    assert speakers("Later Today, President Trump said the talks had failed again.", "reported") == ["Trump"]


def test_fifth_pass_including_a_name_then_who_is_that_person():
    text = ("The hashtag was used among Democrats, including House Speaker Nancy Pelosi (D-CA), who warned Barr "
            "against giving the president a “sneak preview.”")
    assert speakers(text, "quoted") == ["Nancy Pelosi"]


def test_fifth_pass_including_to_say_is_an_aside():
    text = 'Kasich tweeted about the shooting several times, including to say, "The finest among us risk it all."'
    assert speakers(text, "quoted") == ["Kasich"]


def test_fifth_pass_they_keeps_the_pair_that_spoke_last():
    text = ("House Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer released a statement.\n"
            "The report must be released, they said. It was written for the public. Barr has it now. Congress waits.\n"
            "“The American people have a right to the truth,” they said.")
    assert speakers(text) == ["Nancy Pelosi", "Nancy Pelosi"]


def test_fifth_pass_they_with_no_pair_before_is_nobody():
    assert speakers("“The American people have a right to the truth,” they said.") == [None]


def test_fifth_pass_a_full_name_sharing_a_surname_keeps_its_own_gender():
    text = ("Tanya Badger said she saw the boy in January. Tanya Badger said she told the police herself.\n"
            "Abdul-Ghani Wahhaj was missing, and his father took him.\n"
            "They found two guns that police missed, Jason Badger said.\n"
            "“When we first went up there, nothing was overturned,” he said.")
    assert speakers(text, "quoted") == ["Jason Badger"]


def test_fifth_pass_according_to_their_website_is_the_body_that_just_spoke():
    text = ("The research is done by the Vox-Pol Network of Excellence, which “is designed to research and critique "
            "violent online political extremism.”\nThis research group is only interested in violent extremism – "
            "according to their website.")
    assert speakers(text) == ["Vox-Pol Network of Excellence", "Vox-Pol Network of Excellence"]


def test_fifth_pass_a_website_nobody_spoke_before_is_nobody():
    assert speakers("The group is only interested in violent extremism, according to their website.") == [None]


def test_fifth_pass_asked_that_with_a_subjunctive_is_reported():
    text = "The lawsuit also asked that provisional ballots cast in another county be counted as if cast here."
    assert found(text, "reported") == [("reported", "provisional ballots cast in another county be counted as if "
                                        "cast here", None)]


def test_fifth_pass_asked_that_question_is_no_speech():
    assert found("He asked that question because it would be useful to the court.", "reported") == []


def test_fifth_pass_said_at_no_time_opens_an_inverted_clause():
    text = "He also said at no time did the Justice Department prevent Mueller from any actions."
    assert found(text, "reported") == [("reported", "at no time did the Justice Department prevent Mueller from any "
                                        "actions", None)]


def test_fifth_pass_the_person_asked_answers_the_next_he_said():
    text = ("Craig Melvin interviewed Bill Clinton.\n“I apologized to everybody in the world,” Clinton said. Melvin "
            "followed up by asking Clinton if he had ever apologized privately.\n“I have never talked to her,” he said.")
    assert speakers(text, "quoted") == ["Bill Clinton", "Bill Clinton"]


def test_fifth_pass_a_question_to_reporters_names_no_answerer():
    text = ("“We will win,” Bill Clinton said. Melvin asked reporters if they had seen the tape.\n"
            "“I have never talked to her,” he said.")
    assert speakers(text, "quoted") == ["Bill Clinton", "Bill Clinton"]


def test_fifth_pass_an_answer_after_someone_else_is_named_is_not_the_hearers():
    text = ("Craig Melvin asked Bill Clinton if he had apologized. Later, Craig Melvin spoke to Hillary Clinton's aide.\n"
            "“Nobody asked me,” he said.")
    assert speakers(text, "quoted") == ["Craig Melvin"]
