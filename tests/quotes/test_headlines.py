"""Headlines: a capitalised speech verb in a Title Case or capitals line frames what follows it."""

from __future__ import annotations

from tests.support.quotes import found


def test_headline_says_frames_up_to_a_dash():
    text = "Dallas Chief Says She Can’t Fire Amber Guyger for Killing Botham Jean - Dept Rules Imply Otherwise\n\nText."
    assert [q[1] for q in found(text, "reported")] == ["She Can’t Fire Amber Guyger for Killing Botham Jean"]


def test_headline_in_capitals_up_to_a_colon():
    text = "BOY FROM NEW MEXICO COMPOUND SAYS HE WAS TRAINED FOR JIHAD: FBI\n\nText."
    assert [q[1] for q in found(text, "reported")] == ["HE WAS TRAINED FOR JIHAD"]


def test_headline_verb_with_a_gerund_or_after_who_frames_nothing():
    assert found("Don't Blame The Officer Who Admitted Killing Botham Jean?\n\nText.", "reported") == []
    assert found("Police Officer Admitted Killing Botham Jean, Records Show\n\nText.", "reported") == []


def test_headline_verb_in_a_sentence_of_plain_text_is_no_headline():
    text = "Text.\nWhen the Chief Says so, the officers of the department will stand down at once."
    assert found(text, "reported") == []


def test_reported_frame_stops_at_a_semicolon():
    text = "The lawmaker is the first Republican to say he will block the nominees; but he isn’t the first to doubt them."
    assert [q[1] for q in found(text, "reported")] == ["he will block the nominees"]


def test_quote_after_a_verb_of_calling_and_a_new_clause_is_not_its_object():
    text = "News\n\nEllison's campaign called police to ensure that he was \"protected\" from a woman with a mic."
    assert found(text) == [("scare", "protected", None)]
    text = "News\n\nThe former CIA head called her role in the programs of that era “extensive” in a letter."
    assert found(text) == [("quoted", "extensive", "CIA")]


def test_headline_noun_like_verbs_frame_nothing():
    assert found("Desperate Feinstein Pushes 30-Year-Old Claim About Sexual Misconduct Of Kavanaugh\n\nText.") == []
    assert found("New Claims Against The Senator Surface In Minnesota Again\n\nText.") == []
    assert found("TRUMP TELLS JEFF SESSIONS TO PUT AN END TO RUSSIA PROBE\n\nText.") == []
