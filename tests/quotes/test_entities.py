"""The mention tracker: roles, describing nouns and documents resolved to the names the article gave them."""

from __future__ import annotations

import pytest

from spinscope.quotes.entities import _Entities
from tests.support.quotes import found, speakers


def test_entities_role_is_the_holder_named_outside_any_speech():
    text = ("The report was delivered to Attorney General William Barr on Friday.\n"
            "“We look forward to the process,” Sarah Sanders said.\n"
            "The attorney general said he was required to inform Congress.")
    assert speakers(text, "reported") == ["William Barr"]


def test_entities_surname_before_a_full_stop_widens_to_the_full_name():
    text = "The report went to Attorney General William Barr.\nBarr wrote that he may advise Congress soon."
    assert speakers(text, "reported") == ["William Barr"]


def test_entities_the_group_is_the_body_introduced_with_that_noun():
    text = ("The liberal activist group MoveOn.org issued a statement on Friday.\n"
            "“We would take to the streets around the country,” the group’s statement read.")
    assert speakers(text, "quoted") == ["MoveOn.org"]


def test_entities_the_company_is_the_last_body_that_spoke():
    text = ("Facebook told the LA Times that these pages had violated its spam policies.\n"
            "“Today, we are removing 559 Pages and 251 accounts,” the company said in a blog post.")
    assert speakers(text, "quoted") == ["Facebook"]


def test_entities_the_statement_is_its_issuers():
    text = ("On Monday, the Dallas police department announced that the officer was fired.\n"
            "“Chief Hall terminated Officer Guyger during a hearing,” the statement read.")
    assert speakers(text, "quoted") == ["Dallas police department"]


@pytest.mark.parametrize("before, who", [("", "the statement read"), ("", "the company said"), (
    "The Dallas police department announced that the officer was fired.\n" + "Nothing more was said then. " * 20,
    "the statement read")])
def test_entities_a_noun_with_nobody_or_nobody_near_before_is_none(before, who):
    assert speakers(f"{before}\n“Chief Hall terminated Officer Guyger during a hearing,” {who}.", "quoted")[-1] is None


def test_entities_a_title_case_headline_holds_no_title():
    masked = "Grandfather & NY Imam Confirms Remains At New Mexico Compound Were Missing Boy\n\nThe imam said so."
    assert _Entities(masked).holder("imam", len(masked)) is None


def test_entities_one_word_name_with_a_persons_title_is_a_person_for_he():
    text = ("Attorney General William Barr wrote that the report had arrived.\n"
            "President Trump said he wants to see the full report released.\n"
            "“Let it come out,” he said.")
    assert found(text, "quoted") == [("quoted", "Let it come out,", "Trump")]


def test_entities_one_word_body_is_no_person():
    entities = _Entities("Facebook removed pages. President Trump spoke.")
    assert entities.is_body("Facebook") and not entities.is_body("Trump")
