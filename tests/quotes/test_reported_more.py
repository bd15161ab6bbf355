"""Reported speech: 'reminds us that', 'made clear that', 'cautioned … that', a pronoun before a quote, an addressee
before a pronoun's clause, 'As X reported <when>,' and their failure modes."""

from __future__ import annotations

import pytest

from tests.support.quotes import found


@pytest.mark.parametrize("frame", ["Ron Paul reminds us that", "Ron Paul made clear to reporters that",
                                   "Ron Paul cautioned in an interview with Fox News on Friday that"])
def test_reported_more_speech_verbs_with_that(frame):
    assert found(f"{frame} truth is treason in an empire of lies.", "reported") == [
        ("reported", "truth is treason in an empire of lies", "Ron Paul")]


def test_reported_more_the_reader_reminded_is_the_outlets_voice():
    assert found("You should be reminded that the camps have existed for decades.", "reported") == []


def test_reported_more_a_pronoun_before_a_quote_is_reported():
    text = "In a letter to Congress, William Barr wrote he “may be in a position to advise you soon.”"
    assert found(text) == [("reported", "he", "William Barr"), ("quoted", "may be in a position to advise you soon.",
                                                                 "William Barr")]


def test_reported_more_told_an_addressee_then_a_pronoun_clause():
    text = "Siraj Wahhaj told reporters he had learned from family members that the remains were his grandson's."
    assert found(text, "reported") == [("reported", "he had learned from family members that the remains were his "
                                        "grandson's", "Siraj Wahhaj")]


def test_reported_more_as_a_source_reported_at_a_time():
    text = "As The New York Times reported early last year, Trump ordered the firing of the special counsel."
    assert found(text, "reported") == [("reported", "Trump ordered the firing of the special counsel",
                                        "New York Times")]


def test_reported_more_as_a_source_reported_then_according_to_keeps_the_inner_source():
    text = "As the Free Thought Project reported on Wednesday, according to police, Guyger went to the wrong flat."
    assert found(text, "reported") == [("reported", "Guyger went to the wrong flat", None)]  # "police" names nobody


def test_reported_more_a_relative_frame_ends_before_the_main_speech_verb():
    text = ("The president, who has repeatedly claimed that the investigation is illegal and driven by liberals, made "
            "clear to reporters that the report was weighing on him.")
    assert [r[1] for r in found(text, "reported")] == ["the investigation is illegal and driven by liberals",
                                                       "the report was weighing on him"]


def test_reported_more_a_fronted_frame_ends_before_the_main_subject():
    text = ("While New Mexico authorities have said they had yet to identify the remains, Siraj Wahhaj, the boy's "
            "grandfather claims they are those of Wahhaj.")
    assert [r[1] for r in found(text, "reported")] == ["they had yet to identify the remains",
                                                       "they are those of Wahhaj"]


def test_reported_more_but_then_a_speech_verb_ends_the_first_content():
    text = "Giuliani said that the report could come today, but clarified that he was going off media reports."
    assert [r[1] for r in found(text, "reported")] == ["the report could come today", "he was going off media reports"]


@pytest.mark.parametrize("text, content", [
    ("Police said their officer called them and told responding officers that she mistook the flat.",
     "their officer called them and told responding officers that she mistook the flat"),
    ("He said the suspect, who police say fled on foot, was arrested later.",
     "the suspect, who police say fled on foot, was arrested later"),
])
def test_reported_more_a_verb_inside_the_content_cuts_nothing(text, content):
    assert found(text, "reported")[0][1] == content


@pytest.mark.parametrize("intro, who", [("He said:", "John Vibes"), ("He told Sputnik:", "John Vibes")])
def test_reported_more_a_said_colon_line_reports_the_next_line(intro, who):
    text = (f"My friend John Vibes writes for us.\n{intro}\nThis signifies a re-consolidation of the media.\n"
            "Cable news controlled the narrative for decades.")
    assert found(text, "reported") == [("reported", "This signifies a re-consolidation of the media", who)]


@pytest.mark.parametrize("intro", ["Fox News reports:", "He said:\n“This signifies a re-consolidation.”"])
def test_reported_more_an_outlets_block_or_a_quoted_line_is_not_reported(intro):
    assert found(f"{intro}\nThis signifies a re-consolidation of the media.", "reported") == []


@pytest.mark.parametrize("text, content", [
    ("She added the boy suffers from a medical condition.", "the boy suffers from a medical condition"),
    ("The documents claim Siraj Wahhaj and his co-defendants conducted weapons training.",
     "Siraj Wahhaj and his co-defendants conducted weapons training"),
    ("The lawsuit also argues the settlement violates the Tenth Amendment.", "the settlement violates the Tenth Amendment"),
])
def test_reported_more_a_finite_clause_without_that(text, content):
    assert [r[1] for r in found(text, "reported")] == [content]


@pytest.mark.parametrize("text", ["He denied the charges against him in court.",
                                  "She stressed the importance of voting.", "They claimed the lives of three people."])
def test_reported_more_an_object_is_no_clause(text):
    assert found(text, "reported") == []


def test_reported_more_an_aside_attribution_splits_its_sentence():
    text = "The president, these sources said, speculated on when he thought it would finally happen."
    assert [r[1] for r in found(text, "reported")] == ["The president", "speculated on when he thought it would "
                                                                         "finally happen"]


def test_reported_more_no_aside_after_a_quote():
    assert found("“We won,” he said, smiling at the crowd.", "reported") == []


@pytest.mark.parametrize("line, content", [
    ("Reports: No New Indictments Will Come From Robert Mueller’s Probe", "No New Indictments Will Come From Robert "
                                                                          "Mueller’s Probe"),
    ("WASHINGTON (AP) — AP Source: Mueller is not recommending any further indictments.",
     "Mueller is not recommending any further indictments"),
    ("MUELLER NOT RECOMMENDING MORE INDICTMENTS: SOURCE", "MUELLER NOT RECOMMENDING MORE INDICTMENTS"),
])
def test_reported_more_wire_lines_credit_unnamed_sources(line, content):
    assert found(f"{line}\nMore text follows here.", "reported") == [("reported", content, None)]


@pytest.mark.parametrize("line", ["Sources: Ministry of Health, World Bank.", "Reports: “A Quoted Headline Here”"])
def test_reported_more_a_source_list_or_quoted_wire_line_is_not_reported(line):
    assert found(line, "reported") == []


@pytest.mark.parametrize("text", ["It should be stated that TFTP never hid the fact that we worked with others.",
                                  "People cannot just say what they want on the internet anymore.",
                                  "Ron Paul, former senator and the voice of reason, said when Jones was purged:"])
def test_reported_more_the_authors_aside_a_negation_or_a_named_subject_is_not_reported(text):
    assert found(text, "reported") == []


def test_reported_more_according_to_content_ends_at_a_quote_with_its_own_attribution():
    text = ("According to the Daily Caller, the police found 11 children living in the “saddest conditions I have "
            "seen,” Taos County Sheriff Jerry Hogrefe said in a statement.")
    assert found(text) == [
        ("reported", "the police found 11 children living in the", "Daily Caller"),
        ("quoted", "saddest conditions I have seen,", "Jerry Hogrefe")]
