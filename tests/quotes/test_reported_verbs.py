"""Reported speech: which verbs frame it, and what may follow them (a pronoun's clause, an object, an addressee)."""

from __future__ import annotations

from tests.support.quotes import found


def test_reported_claim_with_a_pronoun_clause_and_no_that():
    text = "They tried to smear him by claiming they found weed in his apartment."
    assert [q[1] for q in found(text, "reported")] == ["they found weed in his apartment"]


def test_reported_claim_with_an_object_is_not_reported():
    assert found("The senator claimed victory in the race on Monday night.", "reported") == []


def test_reported_base_form_after_to_and_that():
    text = "The department then went on to note that Guyger could appeal the firing."
    assert [q[1] for q in found(text, "reported")] == ["Guyger could appeal the firing"]


def test_reported_reiterate_in_its_base_form():
    text = "Monahan went on to reiterate that her story has nothing to do with politics."
    assert [q[1] for q in found(text, "reported")] == ["her story has nothing to do with politics"]


def test_reported_informed_by_someone_that_is_told():
    text = "Laura Loomer was informed by police in Minnesota that he wanted protection from her."
    assert found(text, "reported") == [("reported", "he wanted protection from her", None)]


def test_reported_notified_with_an_addressee_and_a_place():
    text = "The staff notified residents in an email that the tenant has moved out of the complex."
    assert [q[1] for q in found(text, "reported")] == ["the tenant has moved out of the complex"]


def test_reported_belief_is_not_speech():
    text = "In fact, he believes Barack Obama got Russian help too.\nAmericans who believe that the charges are fair are wrong."
    assert found(text, "reported") == []


def test_reported_say_with_an_indefinite_object_frames_nothing():
    text = "At least he said something there, which is more than I can say for his response in September."
    assert found(text, "reported") == []


def test_reported_to_say_with_a_pronoun_clause():
    text = "The Kentucky lawmaker is the first Republican to say he will attempt to block the nominees."
    assert [q[1] for q in found(text, "reported")] == ["he will attempt to block the nominees"]


def test_reported_hard_to_say_with_no_clause_stays_out():
    assert found("It is hard to say the vote will change anything at all.", "reported") == []


def test_reported_no_one_can_say_frames_nothing():
    assert found("No one can say this is not what this is.", "reported") == []
    assert found("Nobody said the vote was rigged at any point.", "reported") == []


def test_reported_evidence_that_suggests_is_no_speech():
    text = "The initial information suggests that the officer arrived home in full uniform after a shift."
    assert found(text, "reported") == []


def test_reported_a_person_who_suggests_is_speech():
    text = "His attorney suggested that the charges were motivated by prejudice against his client."
    assert [q[1] for q in found(text, "reported")] == ["the charges were motivated by prejudice against his client"]


def test_reported_base_form_without_that_frames_nothing():
    text = "Some details and names that might reveal the 300 clergy listed have been redacted from the report."
    assert found(text, "reported") == []


def test_reported_that_of_a_relative_clause_after_an_object_is_no_content():
    assert found("He was removed from the stage after telling jokes that were criticized as racist.", "reported") == []
    assert found("McVay wrote in a letter that was sent on Friday and released on Tuesday.", "reported") == []


def test_reported_that_right_after_the_verb_still_frames():
    text = "The senator said that would be a grave mistake for the country."
    assert [q[1] for q in found(text, "reported")] == ["would be a grave mistake for the country"]


def test_reported_contraction_of_has_is_no_possessive():
    text = "He calls himself a centrist – he’s said he agrees with Labour on some things."
    assert [q[1] for q in found(text, "reported")] == ["he agrees with Labour on some things"]


def test_reported_participle_contending_frames_a_clause():
    text = "The National Rifle Association echoed that claim, contending that the 1988 law made the issue moot."
    assert found(text, "reported") == [("reported", "the 1988 law made the issue moot", "National Rifle Association")]
