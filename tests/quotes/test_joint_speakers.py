"""Joint speakers ('they', 'the couple', 'the Democratic leaders'), statements issued before a quote, a name
signed after a quote, and an apposition opening with 'one of'."""

from __future__ import annotations

import pytest

from spinscope.quotes.names import _pair
from tests.support.quotes import found, speakers

PAIR = "House Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer released a joint statement on Friday.\n"


@pytest.mark.parametrize("who", ["they said", "the Democratic leaders said"])
def test_joint_they_is_the_first_of_two_people_named_together(who):
    assert speakers(f"{PAIR}“It is imperative for Mr. Barr to make the full report public,” {who}.", "quoted") == [
        "Nancy Pelosi"]


def test_joint_couple_takes_the_shared_surname():
    text = "Tanya and Jason Badger told police about the boy.\nThe couple said they saw him in January and February."
    assert speakers(text, "reported")[-1] == "Tanya Badger"


@pytest.mark.parametrize("seg, first", [
    ("Sen. Chuck Grassley (R-IA) and Sen. Mark Warner spoke", "Chuck Grassley"),
    ("the Senate and House Judiciary Committees", None),
    ("Republicans and Democrats agreed", None),
    ("Pelosi said no", None),
])
def test_joint_pair_needs_two_people(seg, first):
    assert _pair(seg) == first


def test_joint_they_with_no_pair_before_is_none():
    text = "Officials met on Friday.\n“It is imperative to make the full report public,” they said."
    assert speakers(text, "quoted") == [None]


def test_joint_quote_after_a_statement_issued_is_its_issuers():
    text = ("Trump’s personal lawyers, Rudy Giuliani and Jay Sekulow, issued a statement.\n"
            "“We’re pleased that the Office of Special Counsel has delivered its report.”")
    assert speakers(text, "quoted") == ["Rudy Giuliani"]


def test_joint_quote_after_a_sentence_with_no_statement_is_not_given_to_its_subject():
    text = "Rudy Giuliani and Jay Sekulow visited the court.\n“We’re pleased that the Office of Special Counsel is done.”"
    assert speakers(text, "quoted") == [None]


@pytest.mark.parametrize("after, who", [(" – Einstein.", "Einstein"), (" –Edward Snowden (source)", "Edward Snowden"),
                                        (" – and the crowd cheered.", None)])
def test_joint_name_signed_after_the_closing_mark(after, who):
    text = f"Readers should check.\n“Condemnation without investigation is the height of ignorance.”{after}\nMore."
    assert found(text, "quoted") == [("quoted", "Condemnation without investigation is the height of ignorance.", who)]


def test_joint_apposition_with_one_of_is_no_subject():
    text = ("“We are prepared for anything,” Rudy Giuliani, one of Trump’s personal attorneys, told The Daily Beast "
            "on Friday, adding that he spoke with the president in person.")
    assert set(speakers(text)) == {"Rudy Giuliani"}


@pytest.mark.parametrize("frame", ["Rudy Giuliani and Jay Sekulow said", "Tanya and Jason Badger said"])
def test_joint_two_people_as_subject_take_the_first_named(frame):
    assert speakers(f"{frame} the report was delivered properly.") == [
        "Rudy Giuliani" if frame.startswith("Rudy") else "Tanya Badger"]


def test_joint_a_long_quote_opening_a_relative_clause_is_its_antecedents():
    text = ("The project runs under the Vox-Pol Network of Excellence, which “is designed to comprehensively research "
            "violent extremism.”")
    assert speakers(text, "quoted") == ["Vox-Pol Network of Excellence"]


def test_joint_a_short_quote_opening_a_relative_clause_is_left_alone():
    assert speakers("The new CIA Director Haspel, who “tortured some folks,” was confirmed.") == [None]


@pytest.mark.parametrize("after, who", [("The Associated Press reported", "Kirtan Khalsa"),
                                        ("Judge Kirtan Khalsa said", "Kirtan Khalsa")])
def test_joint_a_quote_inside_speech_an_outlet_reports_is_the_inner_speakers(after, who):
    text = (f"During the hearing, Magistrate Judge Kirtan Khalsa told the defendants there was “clear and convincing "
            f"evidence that you are a danger,” {after}.")
    assert speakers(text, "quoted") == [who]


def test_joint_a_quote_an_outlet_reports_with_no_inner_speaker_is_the_outlets():
    assert speakers("There was “clear and convincing evidence of danger,” The Associated Press reported.", "quoted") == [
        "Associated Press"]
