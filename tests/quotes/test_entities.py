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


def test_entities_title_never_given_is_bound_to_the_person_named_at_its_first_use():
    text = ("On Wednesday, Donald Trump was flying to Lima, Ohio, but the president had something on his mind.\n"
            "“We are prepared for anything,” Rudy Giuliani told The Daily Beast.\n"
            "The president, who has repeatedly claimed that the probe is illegal, spoke to reporters.")
    assert speakers(text, "reported") == ["Donald Trump"]


def test_entities_title_bound_skips_places_and_takes_the_subject():
    text = ("The boy's grandfather, Siraj Wahhaj, a cleric who leads a New York City mosque, told reporters about it.\n"
            "The imam said he did not know the cause of death.")
    assert speakers(text, "reported")[-1] == "Siraj Wahhaj"


def test_entities_title_used_nowhere_before_binds_nobody():
    text = "The president said he did not know.\nDonald Trump was flying to Lima, Ohio."
    assert speakers(text, "reported") == [None]


def test_entities_a_possessive_name_with_a_title_is_a_person():
    entities = _Entities("The White House and President Trump’s lawyers said so.")
    assert "Trump" in entities.persons


def test_entities_he_is_the_person_named_last_not_the_last_speaker_named_again():
    text = ("“We will see,” Attorney General William Barr wrote.\nThe next decisions are up to Barr.\n"
            "Rep. Adam Schiff (D-CA), chairman of House Intelligence, called for transparency.\n"
            "“By law, that evidence must be shared with our Committee,” he said in a tweet.")
    assert speakers(text, "quoted")[-1] == "Adam Schiff"


def test_entities_a_long_sentence_after_a_quote_line_is_no_attribution():
    text = ("Rep. Adam Schiff called for transparency.\n“And his report must also be made public.\nNow.”\n"
            "Trump has previously said he supports the idea of making the report public.")
    assert speakers(text, "quoted") == [None]


def test_entities_a_quote_ending_in_a_nested_quote_is_attributed_after_its_marks():
    text = "“The message simply said in part, ‘We are starving and need food,’” Hogrefe said."
    assert speakers(text, "quoted") == ["Hogrefe"]


def test_entities_owner_in_a_possessive_run_is_a_person_for_he():
    text = ("Cody Wilson's Texas-based company had made the blueprints available.\n"
            "The Donald Trump administration gave permission.\nWilson complied with the order.\n"
            "He told CBS News that he believes access to firearms is a human right.")
    assert speakers(text, "reported") == ["Cody Wilson"]


@pytest.mark.parametrize("who", ["House Democratic leader Nancy Pelosi (CA), Minority Leader of the US House of "
                                 "Representatives,", "Nancy Pelosi (D-CA)"])
def test_entities_a_role_apposition_or_state_code_is_not_the_speaker(who):
    assert speakers(f"{who} declared that the president sold out the American people.") == ["Nancy Pelosi"]


def test_entities_the_adjective_noun_body_is_the_body_named_just_before():
    text = ("Another Google document found its way into the public domain, this time through Breitbart.\n"
            "The news publication reports that an internal briefing advises tech companies to police tone.")
    assert speakers(text, "reported") == ["Breitbart"]


@pytest.mark.parametrize("before", ["Dallas, TX — Police announced the findings on the home of Botham Jean.\n"
                                    "The search concerned Jean.\n", "News\n\n", "The release went out at 9 CST.\n"])
def test_entities_a_surname_headline_word_or_time_zone_is_no_body(before):
    assert speakers(f"{before}The department then went on to note that nothing was found.", "reported") == [None]


def test_entities_the_place_and_title_is_a_role():
    text = "“I will oppose both nominations,” Sen. Rand Paul said.\nThe Kentucky lawmaker added that he will block them."
    assert speakers(text, "reported") == ["Rand Paul"]


def test_entities_a_body_and_title_is_the_body():
    assert speakers("The Pentagon spokesman added that the strikes would go on.", "reported") == ["Pentagon"]


def test_entities_a_named_outlets_report_is_the_outlets():
    text = "A 2013 Washington Post report on the new CIA head noted that she ran a black site in Thailand."
    assert speakers(text, "reported") == ["Washington Post"]


def test_entities_a_family_name_in_the_plural_is_the_family_named_before():
    text = "Tanya Badger and her husband told police.\nThe Badgers, whose land the compound was on, said they saw a boy."
    assert found(text, "reported") == [("reported", "they saw a boy", "Tanya Badger")]


def test_entities_a_noun_after_a_determiner_is_no_earlier_verb_for_a_participle():
    text = ("The National Rifle Association, the nation's gun rights group, echoed that claim, contending that the "
            "1988 law made the issue moot.")
    assert speakers(text, "reported") == ["National Rifle Association"]


@pytest.mark.parametrize("contracted", ["he’s", "he'd"])
def test_entities_a_contracted_pronoun_is_the_pronoun(contracted):
    text = f"Tommy Robinson spoke on Friday.\nHe is a centrist – {contracted} said he agrees with Labour on some things."
    assert speakers(text, "reported") == ["Tommy Robinson"]


@pytest.mark.timeout(60)  # a guard against work that grows with the square of the text, not a speed test
def test_entities_a_long_text_of_roles_and_bodies_is_read_in_linear_time():
    base = ("Attorney General William Barr met President Trump. The attorney general said that the group was fine. "
            "“We will see,” the company said. They said the Badgers, whose land it was, told reporters he had left. ")
    assert len(speakers(base * 3000, "reported")) >= 3000
