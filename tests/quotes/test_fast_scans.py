"""The scans written for speed give the matches of the plain scans they replace: ``word_starts`` those of a pattern
opened by ``\\b``, ``defined_acronyms`` those of ``_DEFINED_RE`` over the whole text."""

from __future__ import annotations

import re

from spinscope.quotes.patterns import _AS_RE, _DEFINED_RE, _HEAD_VERB_RE, defined_acronyms, word_starts
from spinscope.quotes.reported import _DEMAND_RE

SCANNED = (_AS_RE, _HEAD_VERB_RE, _DEMAND_RE)
PIECES = ["as", "As", "has", "was", " ", "\n", ",", "noted", "Smith", "reported by", "ordered", "reordered",
          "demanded", "undemanding", "that", "Says", "SAYS", "Essays", "Claims", "put it", "é", "_", "1"]


def bounded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(r"\b" + pattern.pattern, pattern.flags)


def spans(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


def test_word_starts_skips_matches_inside_words_and_keeps_the_one_after():
    text = "It has as Smith noted, reordered that, and as Jones noted, they ordered that it"
    assert [m.group() for m in word_starts(_DEMAND_RE, text)] == ["ordered that "]
    assert [m.start() for m in word_starts(_AS_RE, text)] == [text.index("as Smith"), text.index("as Jones")]
    assert [m.group() for m in word_starts(_HEAD_VERB_RE, "Essays: Chief Says No")] == ["Says"]


def test_word_starts_finds_a_match_at_the_start_of_the_text():
    assert [m.start() for m in word_starts(_AS_RE, "As Smith noted, it rained")] == [0]


def test_word_starts_gives_the_matches_of_the_pattern_with_a_word_boundary():
    from hypothesis import given, settings  # here, not when the module is collected
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
    def check(text):
        for pattern in SCANNED:
            assert spans(word_starts(pattern, text)) == spans(bounded(pattern).finditer(text))

    check()


NAME_PIECES = ["National", "Rifle", "Association", "Brady", "of", "the", "and", " ", "  ", "\n", ",", ".", "-", "’s",
               "(NRA)", "(NATO)", "(nra)", "(", ")", "NRA", "Ünion", "x"]


def test_defined_acronyms_reads_the_capitalised_words_before_each_acronym():
    text = "Members of the National Rifle Association (NRA) met. (FBI) Then Brady (BC)."
    assert [m.groups() for m in defined_acronyms(text)] == [("Members of the National Rifle Association ", "NRA"),
                                                           ("Then Brady ", "BC")]


def test_defined_acronyms_gives_the_matches_of_the_whole_text_scan():
    from hypothesis import given, settings  # here, not when the module is collected
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(NAME_PIECES), max_size=30).map("".join))
    def check(text):
        assert spans(defined_acronyms(text)) == spans(_DEFINED_RE.finditer(text))

    check()
