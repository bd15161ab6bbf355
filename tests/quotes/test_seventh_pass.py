"""Seventh pass (half G released, half H held out): sentence adverbs are no names, plural bodies are no people,
a title resolved to its holder is the person 'he' means next, a relative clause's own pronoun subject ('which he
said'), and a quotation right after 'According to X,'; each with its failure mode."""

from __future__ import annotations

import pytest

from tests.support.quotes import speakers

BARR_QUOTE = ("“I may be in a position to advise you as soon as this weekend,” the attorney general wrote in a letter "
              "to leaders on the House and Senate Judiciary Committees.\n")
LATER = "He also said at no time did the Justice Department prevent Mueller from acting."

SPEAKERS = [  # (text, kind, the speaker of each range of that kind)
    pytest.param("Acosta's rights weren't violated.\nFurthermore, the White House did say they were willing to have "
                 "another reporter in.", "reported", ["White House"], id="a_sentence_adverb_is_no_name"),
    pytest.param("Moreover, the Pentagon said the strike was lawful.", "reported", ["Pentagon"],
                 id="moreover_is_no_name"),
    pytest.param(BARR_QUOTE + LATER, "reported", [None], id="a_plural_body_is_no_person_for_he"),
    pytest.param("Attorney General William Barr sent a letter to Robert Mueller.\n" + BARR_QUOTE + LATER, "reported",
                 ["William Barr"], id="he_after_a_title_resolved_to_its_holder_is_that_holder"),
    pytest.param("Mark Lukasiewicz, dean of the school, praised the decision, which he said was not a surprise.",
                 "reported", ["Mark Lukasiewicz"], id="which_he_said_takes_the_pronoun_of_the_relative_clause"),
    pytest.param("Mark Lukasiewicz, dean of the school, praised the decision, which the judge said was not a "
                 "surprise.", "reported", [None], id="which_the_judge_said_is_not_the_main_subject"),
    pytest.param("The case is not over.\nAccording to CNN, “White House officials sent Acosta a letter stating that "
                 "his pass is set to be suspended.”", "quoted", ["CNN"], id="a_quote_after_according_to_is_the_source"),
    pytest.param("According to the Pentagon, “the strike hit only military targets and nobody was hurt.”", "quoted",
                 ["Pentagon"], id="according_to_a_body_before_a_quote"),
    pytest.param("According to sources, “the strike hit only military targets and nobody was hurt.”", "quoted",
                 [None], id="according_to_unnamed_sources_before_a_quote_is_nobody"),
    pytest.param("According to the report, “the strike hit only military targets and nobody was hurt.”", "quoted",
                 [None], id="according_to_a_report_before_a_quote_is_nobody"),
]


@pytest.mark.parametrize(("text", "kind", "expected"), SPEAKERS)
def test_seventh_pass_speakers(text, kind, expected):
    assert speakers(text, kind) == expected
