"""Whose voice a stretch of text is in: quote marks, speakers, reported speech, scare quotes, voice_of."""

from __future__ import annotations

import dataclasses

import pytest

from spinscope.errors import SpanError
from spinscope.quotes import KINDS, VOICES, Quote, find_quotes, voice_of


def found(text: str, kind: str | None = None) -> list[tuple[str, str, str | None]]:
    """(kind, text inside the range, speaker) for each range find_quotes returns, optionally of one kind."""
    return [(q.kind, text[q.start:q.end], q.speaker) for q in find_quotes(text) if kind in (None, q.kind)]


def quoted(text: str) -> list[str]:
    return [t for _, t, _ in found(text, "quoted")]


def assert_well_formed(text: str, quotes: tuple[Quote, ...]) -> None:
    """Offsets inside the text, valid kinds, sorted, and any two ranges disjoint or nested."""
    assert list(quotes) == sorted(quotes, key=lambda q: (q.start, -q.end))
    open_ranges: list[Quote] = []                     # ranges holding the current one, outermost first
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text) and q.kind in KINDS
        while open_ranges and open_ranges[-1].end <= q.start:
            open_ranges.pop()
        assert not open_ranges or q.end <= open_ranges[-1].end, (open_ranges[-1], q)
        open_ranges.append(q)


# --- Quote ---------------------------------------------------------------------------------------
def test_quote_rejects_empty_or_reversed_offsets():
    with pytest.raises(SpanError, match="start < end"):
        Quote(5, 5, "quoted")
    with pytest.raises(SpanError, match="start < end"):
        Quote(-1, 3, "quoted")


def test_quote_rejects_non_integer_offsets():
    with pytest.raises(SpanError, match="integers"):
        Quote(0.5, 3, "quoted")
    with pytest.raises(SpanError, match="integers"):
        Quote(False, True, "quoted")


def test_quote_rejects_unknown_kind_and_bad_speaker():
    with pytest.raises(SpanError, match="kind must be one of quoted, reported, scare"):
        Quote(0, 3, "outlet")
    with pytest.raises(SpanError, match="speaker"):
        Quote(0, 3, "quoted", 42)


def test_quote_to_dict_has_the_annotation_fields():
    assert Quote(1, 9, "quoted", "Vladimir Putin").to_dict() == {
        "start": 1, "end": 9, "speaker": "Vladimir Putin", "kind": "quoted"}


def test_quote_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Quote(0, 3, "scare").start = 1


def test_kinds_and_voices_are_the_published_tuples():
    assert KINDS == ("quoted", "reported", "scare") and VOICES == ("outlet", "quoted", "reported")


# --- marks ---------------------------------------------------------------------------------------
def test_find_quotes_straight_double_quotes_range_is_between_the_marks():
    text = 'He said "we will never surrender to them" on Monday.'
    (q,) = find_quotes(text)
    assert text[q.start - 1] == '"' and text[q.end] == '"' and text[q.start:q.end] == "we will never surrender to them"


@pytest.mark.parametrize("opening, closing", [("“", "”"), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("‚", "‘")])
def test_find_quotes_every_kind_of_mark(opening, closing):
    text = f"The minister said {opening}we will win this war easily{closing} on Monday."
    assert quoted(text) == ["we will win this war easily"]


@pytest.mark.parametrize("text", [
    "Don't tell me it isn't so, said nobody.",
    "Russia’s army and Europe’s leaders met in the ’90s.",
    "Music of the '90s was rock 'n' roll and ‘n’ more.",
    "The students’ union and the workers' party met on ‘17 March.",
    "It is 5'11\" tall and the boys' club is in Mr O'Neill's yard.",
])
def test_find_quotes_skips_apostrophes(text):
    assert find_quotes(text) == ()


def test_find_quotes_plural_possessive_inside_a_single_quote():
    text = "‘The students’ union is closed for good,’ he said."
    assert quoted(text) == ["The students’ union is closed for good,"]


def test_find_quotes_possessive_closes_when_nothing_later_can():
    assert [t for _, t, _ in found("They call it ‘the Jones’ and move on.")] == ["the Jones"]


def test_find_quotes_nested_quote_reports_only_the_outer_range():
    text = "“He said ‘no’ to them and left the room,” the officer told the court."
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["He said ‘no’ to them and left the room,"]
    assert_well_formed(text, quotes)


def test_find_quotes_nested_same_marks_report_the_outer_range():
    text = 'She wrote "the so-called "experts" were wrong about everything" in her blog.'
    assert quoted(text) == ['the so-called "experts" were wrong about everything']


@pytest.mark.parametrize("sep", ["\n", "\n\n", "\r\n"])
def test_find_quotes_quote_over_several_paragraphs_is_one_range(sep):
    text = (f"Putin said:{sep}“We will respond to every threat.{sep}“We will defend our borders.{sep}"
            f"“Nobody should doubt it.”{sep}The talks ended.")
    (q,) = [q for q in find_quotes(text) if q.kind == "quoted"]
    assert text[q.start:q.end].startswith("We will respond") and text[q.start:q.end].endswith("doubt it.")
    assert q.speaker == "Putin"


def test_find_quotes_quote_over_sentence_lines_of_one_block():
    text = ('Keith Vaz said: "I welcome the ban on these two.\nThis is the right decision.\n'
            'The UK is no stage for hate."\n\nThe march went ahead.')
    assert found(text, "quoted") == [("quoted", "I welcome the ban on these two.\nThis is the right decision.\n"
                                                "The UK is no stage for hate.", "Keith Vaz")]


def test_find_quotes_interrupted_quote_is_two_ranges_with_one_speaker():
    text = "Vladimir Putin said the talks failed. “We will win,” he said, “whatever it takes.”"
    assert found(text, "quoted") == [("quoted", "We will win,", "Vladimir Putin"),
                                     ("quoted", "whatever it takes.", "Vladimir Putin")]


def test_find_quotes_unclosed_quote_stops_at_the_paragraph_end():
    text = "He shouted “we will never give up on this fight\nThe crowd cheered. Later the police came."
    assert quoted(text) == ["we will never give up on this fight"]


def test_find_quotes_stray_opening_mark_does_not_swallow_the_article():
    text = 'The "report was long. ' + "It went on and on about nothing at all. " * 8 + "\nNext paragraph here."
    assert find_quotes(text) == ()


def test_find_quotes_stray_opening_mark_leaves_later_quotes_alone():
    text = "A stray “mark here.\nThen Putin said “we will respond to every single threat” and left."
    assert quoted(text)[-1] == "we will respond to every single threat"


def test_find_quotes_stray_closing_mark_is_ignored():
    assert found("Nothing” was quoted here, and nothing was said.") == []


def test_find_quotes_never_lets_an_unclosed_single_mark_open_a_quote():
    assert found("’Twas the night before Christmas and all through the house") == []


def test_find_quotes_single_marks_do_not_pair_across_lines():
    assert found("He was ‘a very\nbad man’ for all we know about it.") == []


def test_find_quotes_mark_alone_on_its_line_closes_the_open_quote():
    text = "“If it is wrong for them, why is it right for Iran?\n“\nAs for the deal, inspectors cannot visit the sites."
    assert quoted(text) == ["If it is wrong for them, why is it right for Iran?"]


def test_find_quotes_open_quote_ends_when_a_later_line_opens_a_new_one():
    text = ("A headline\n\nHe wrote: “These remarks are shameful.\nThey suggest a cover-up.\n"
            "The authors say Islam is no ally in the “battle against the powers that rule the world” today.")
    assert quoted(text) == ["These remarks are shameful.\nThey suggest a cover-up.",
                            "battle against the powers that rule the world"]


# --- speakers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "“The sanctions will fail,” Putin said.",
    "“The sanctions will fail,” said Putin.",
    "“The sanctions will fail,” Russian President Vladimir Putin said.",
    "“The sanctions will fail,” said Russian President Vladimir Putin.",
    "Putin said: “The sanctions will fail.”",
    "Russian President Vladimir Putin told reporters: “The sanctions will fail.”",
])
def test_find_quotes_speaker_is_the_name_at_the_speech_verb(text):
    ((kind, _, speaker),) = found(text)
    assert kind == "quoted" and speaker in ("Putin", "Vladimir Putin")
    if "Vladimir" in text:
        assert speaker == "Vladimir Putin"


def test_find_quotes_speaker_drops_a_long_role():
    text = ("Deputy Head of the Novosibirsk regional committee of the KPRF Renat Suleymanov said in comments to "
            "the RBC news agency that he wanted to debunk the myth.")
    assert found(text) == [("reported", "he wanted to debunk the myth", "Renat Suleymanov")]


def test_find_quotes_speaker_pronoun_is_the_last_named_speaker():
    text = ("German Chancellor Angela Merkel said the talks failed.\n"
            "“We tried everything we could,” she said.\n“It was not enough,” she added.")
    assert {s for _, _, s in found(text)} == {"Angela Merkel"}


def test_find_quotes_speaker_surname_is_widened_to_the_full_name():
    text = ("Russian President Vladimir Putin met the press.\n"
            "“Ramping up military hysteria is senseless,” Putin said.")
    assert found(text, "quoted") == [("quoted", "Ramping up military hysteria is senseless,", "Vladimir Putin")]


@pytest.mark.parametrize("attribution", ["a source said", "officials say", "experts said", "the spokesman said",
                                         "a government spokesman said"])
def test_find_quotes_unnamed_source_has_no_speaker(attribution):
    text = f"“The plan will fail within a month,” {attribution}."
    assert found(text) == [("quoted", "The plan will fail within a month,", None)]


def test_find_quotes_speaker_organisation_in_parentheses():
    text = ("“We say a resolute no to these policies,” the press service of the Regional Committee of the "
            "Communist Party of the Russian Federation (KPRF) wrote, in the press release.")
    assert found(text, "quoted")[0][2] == "KPRF"


def test_find_quotes_speaker_role_resolves_to_the_titled_speaker():
    text = ("Foreign Minister Sergei Lavrov said the talks were over.\n"
            "“Nobody wants this war,” the minister said.")
    assert found(text, "quoted")[0][2] == "Sergei Lavrov"


@pytest.mark.parametrize("subject, speaker", [
    ("a Justice Department spokesperson", "Justice Department"),
    ("Secretary of State Mike Pompeo", "Mike Pompeo"),
    ("a Pentagon spokesman", "Pentagon"),
    ("U.S. Ambassador to the United Nations Nikki Haley", "Nikki Haley"),
    ("Archbishop Salvatore Cordileone of San Francisco", "Salvatore Cordileone"),
    ("Sen. Chuck Grassley R-Iowa", "Chuck Grassley"),
    ("Chief U.S. District Judge Patti Saris", "Patti Saris"),
    ("The Guardian, which did not name its sources,", "Guardian"),
    ("North Korean officials", None),
])
def test_find_quotes_speaker_names_bodies_and_people(subject, speaker):
    assert found(f"“The plan will fail within a month,” {subject} said.")[0][2] == speaker


def test_find_quotes_speaker_is_not_the_person_told():
    text = "A former official told the Jezebel website that the senator tried to “force a wet kiss” on her."
    assert ("quoted", "force a wet kiss", None) in found(text) and {s for _, _, s in found(text)} == {None}


def test_find_quotes_speaker_owner_is_not_the_speaker():
    text = "Rombot’s lawyers said he was arrested despite a letter from the agency."
    assert found(text) == [("reported", "he was arrested despite a letter from the agency", None)]


def test_find_quotes_speaker_pronoun_is_the_most_recently_mentioned_person():
    text = ("“We tried everything,” Donald Trump said.\nMike Pompeo spoke of WikiLeaks last year.\n"
            "“It is time to call out WikiLeaks for what it really is,” he said.")
    assert [s for _, _, s in found(text, "quoted")] == ["Donald Trump", "Mike Pompeo"]


def test_find_quotes_speaker_pronoun_agrees_with_the_persons_gender():
    text = ("Monica Lewinsky said she was questioning the story of her life.\n"
            "Bill Clinton said he was frustrated with his critics.\n"
            "Lewinsky tweeted about it and Clinton was asked.\n“A lot of the facts have been left out,” he declared.")
    assert found(text, "quoted")[0][2] == "Bill Clinton"


def test_find_quotes_speaker_title_abbreviation_is_not_a_sentence_end():
    text = "“This is not some future nightmare scenario,” said Dr. Tedros.\nAccording to Dr. Tedros, the flu kills."
    assert [s for _, _, s in found(text)] == ["Tedros", "Tedros"]


def test_find_quotes_speaker_party_in_parentheses_does_not_end_the_sentence():
    text = "Sen. John McCain (R-Ariz.) said Americans need answers about her past."
    assert found(text) == [("reported", "Americans need answers about her past", "John McCain")]


def test_find_quotes_headline_quote_after_a_speaker_and_colon():
    text = "Rand Paul: I'll Do \"Whatever It Takes\" To Block Haspel\n\nThe senator spoke on Sunday."
    assert found(text) == [("quoted", "Whatever It Takes", "Rand Paul")]


def test_find_quotes_single_quote_over_sentence_lines_of_one_block():
    text = ("Intro line.\n\n'No,' he told NBC.\n'I do not – I have never talked to her.\n"
            "But I did say publicly that I was sorry.'\nThe interview ended.")
    assert quoted(text) == ["No,", "I do not – I have never talked to her.\nBut I did say publicly that I was sorry."]


def test_find_quotes_speaker_skips_an_appositive_after_a_name():
    text = "Glenn Greenwald, author of the above piece at The Intercept wrote, “Haspel oversaw the site.”"
    assert found(text)[0][2] == "Glenn Greenwald"


def test_find_quotes_speaker_acronym_defined_in_the_text_is_expanded():
    text = ("The National Rifle Association (NRA) held a meeting.\n"
            "“Guns keep us safe from the government,” the NRA said.\n“We won,” the KPRF said.")
    assert [s for _, _, s in found(text, "quoted")] == ["National Rifle Association", "KPRF"]


def test_find_quotes_speaker_is_not_a_place_after_in_or_from():
    assert found("“The plan will fail within a month,” officials in New Mexico said.")[0][2] is None


def test_find_quotes_paragraph_quote_takes_the_previous_paragraph_speaker():
    text = ("“I have been there several times and I know the real situation,” Suleymanov said.\n"
            "“This rally is in support of the country and its people.”")
    assert [s for _, _, s in found(text, "quoted")] == ["Suleymanov", "Suleymanov"]


def test_find_quotes_paragraph_quote_after_a_colon_paragraph():
    text = "Then Angela Merkel said:\n“Europe will stand together against any threat.”"
    assert found(text) == [("quoted", "Europe will stand together against any threat.", "Angela Merkel")]


def test_find_quotes_paragraph_quote_with_a_short_attribution_line_after_it():
    text = "The speech ended with a promise.\n“We will rebuild every town and every village.”\n— Vladimir Putin"
    assert found(text, "quoted")[0][2] == "Vladimir Putin"


# --- reported speech -----------------------------------------------------------------------------
def test_find_quotes_reported_said_that_runs_to_the_sentence_end():
    text = "Putin said that the sanctions would fail. The talks ended."
    assert found(text) == [("reported", "the sanctions would fail", "Putin")]


def test_find_quotes_reported_said_without_that_skips_time_words():
    text = "Tedros said Wednesday the death toll stood at 207. It was over."
    assert found(text) == [("reported", "the death toll stood at 207", "Tedros")]


def test_find_quotes_reported_told_someone_that():
    text = "Earlier this month, Russian President Vladimir Putin told reporters that sanctions could not help."
    assert found(text) == [("reported", "sanctions could not help", "Vladimir Putin")]


@pytest.mark.parametrize("verb", ["claimed", "stated", "added", "noted", "warned", "stressed", "argued", "insisted",
                                  "warned the public"])
def test_find_quotes_reported_other_verbs_with_that(verb):
    text = f"Angela Merkel {verb} that the deal was dead."
    assert found(text) == [("reported", "the deal was dead", "Angela Merkel")]


def test_find_quotes_reported_other_verbs_without_that_need_a_clause():
    assert found("Angela Merkel warned the deal was dead.") == [("reported", "the deal was dead", "Angela Merkel")]
    assert found("Bill Clinton insists he doesn't owe her an apology.") == [
        ("reported", "he doesn't owe her an apology", "Bill Clinton")]
    assert found("Angela Merkel warned the public about the risk of a new war.") == []


@pytest.mark.parametrize("tail, speaker", [
    ("the Justice Department said", "Justice Department"), ("police said", None), ("couple say", None),
    ("said Sanders, a spokeswoman", "Sanders"), ("officials at the State Department told the wire service",
                                                  "State Department")])
def test_find_quotes_reported_clause_final_attribution(tail, speaker):
    text = f"Lawson was arrested today and charged with aiding a felon, {tail}."
    assert found(text) == [("reported", "Lawson was arrested today and charged with aiding a felon", speaker)]


def test_find_quotes_reported_clause_final_attribution_after_a_quote_is_not_content():
    text = "Candace Smith told police that when she “threatens to leave, he gets angry,” the report said."
    assert [(k, t) for k, t, _ in found(text)] == [("reported", "when she"),
                                                  ("quoted", "threatens to leave, he gets angry,")]


def test_find_quotes_reported_as_someone_noted():
    text = "As Miller put it, she was centrally involved in the program. As reported by CNN, he left."
    assert found(text) == [("reported", "she was centrally involved in the program", "Miller"),
                           ("reported", "he left", "CNN")]
    assert found("As I noted earlier, the vote was rigged.") == []


def test_find_quotes_reported_asked_if():
    text = "Craig Melvin asked Clinton in an interview aired Monday if he had ever apologized to her."
    assert found(text) == [("reported", "he had ever apologized to her", "Craig Melvin")]


def test_find_quotes_reported_told_with_quoted_titles_before_that():
    text = "Paul told CNN’s “State of the Union” and CBS News’ “Face the Nation” on Sunday that he would fight on."
    assert found(text, "reported") == [("reported", "he would fight on", "Paul")]


def test_find_quotes_reported_new_speech_verbs():
    for verb in ("contends", "tweeted Monday", "complained in the interview", "took to Facebook to state"):
        assert found(f"Rand Paul {verb} that the nominations contradict his promises.")[0][1] == \
            "the nominations contradict his promises"


def test_find_quotes_reported_according_to_opening_a_sentence():
    text = "According to the WHO, the outbreak is under control. Cases fell."
    assert found(text) == [("reported", "the outbreak is under control", "WHO")]


def test_find_quotes_reported_according_to_ending_a_sentence():
    text = "Cases fell. About 300 infections are recorded every year, according to a UN estimate."
    assert found(text) == [("reported", "About 300 infections are recorded every year", "UN")]


def test_find_quotes_reported_leaves_out_quoted_content():
    text = 'A spokesman said individuals whose presence "is not conducive to the public good" could be excluded.'
    assert found(text) == [("reported", "individuals whose presence", None),
                           ("quoted", "is not conducive to the public good", None),
                           ("reported", "could be excluded", None)]


def test_find_quotes_reported_not_for_nouns_or_plans():
    assert found("The claims that the vote was rigged were false.") == []
    assert found("Everything went according to plan, and the army won.") == []
    assert found("It is hard to say the vote was rigged.") == []


def test_find_quotes_reported_participle_takes_the_sentence_subject():
    text = "He praised the response, but warned that the danger was not over."
    text = "Vladimir Putin said the talks failed.\n" + text
    assert found(text)[-1] == ("reported", "the danger was not over", "Vladimir Putin")


def test_find_quotes_reported_ignores_speech_verbs_inside_quotes():
    text = "“They claim that it is a miserable nation, but they are wrong,” he said."
    assert [k for k, _, _ in found(text)] == ["quoted"]


# --- scare quotes, headlines and titles ----------------------------------------------------------
def test_find_quotes_scare_short_unattributed_expression():
    text = "The US entered the “war of words” last week."
    assert found(text) == [("scare", "war of words", None)]


def test_find_quotes_scare_after_so_called_even_near_speech():
    text = 'He said the so-called "experts" were wrong.'
    assert ("scare", "experts", None) in found(text)


def test_find_quotes_short_attributed_quote_is_quoted():
    text = "President Donald Trump promised to “totally destroy” North Korea."
    assert found(text) == [("quoted", "totally destroy", "Donald Trump")]


def test_find_quotes_long_unattributed_quote_is_quoted():
    text = "The rally was “against the imperialist policies of the USA” in the city."
    assert found(text) == [("quoted", "against the imperialist policies of the USA", None)]


def test_find_quotes_scare_title_of_a_work():
    text = "He gave a lecture titled ‘Tsunami: Wrath of God.’ In it he blamed the victims."
    assert found(text) == [("scare", "Tsunami: Wrath of God.", None)]


def test_find_quotes_scare_title_case_name():
    text = 'It ran a pro-Israel "Defeat Jihad" poster campaign and the "Make America Great Again" slogan.'
    assert [k for k, _, _ in found(text)] == ["scare", "scare"]


def test_find_quotes_headline_in_quotes_is_quoted_without_speaker():
    text = "Vladimir Putin spoke.\n\n“Pay dearly”\n\nThe leader promised revenge on Monday."
    assert found(text, "quoted") == [("quoted", "Pay dearly", None)]


def test_find_quotes_headline_with_colon_attribution():
    text = "Next outbreak could be 'stronger': WHO\n\nGeneva - the outbreak is over."
    assert found(text) == [("quoted", "stronger", "WHO")]


def test_find_quotes_headline_with_speaker_before_a_colon():
    text = "Putin: “We will respond to every provocation”\n\nThe Kremlin spoke on Monday."
    assert found(text) == [("quoted", "We will respond to every provocation", "Putin")]


def test_find_quotes_scare_quote_inside_a_headline():
    text = "Trump slams 'fake news' media\n\nThe president spoke on Monday."
    assert found(text) == [("scare", "fake news", None)]


# --- robustness ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", " ", "\n\n", '"', "“", "'", "«»", '""""""', "“”“”", "‘’’‘", "„“‚‘", "”“",
                                  "\"\n\"\n\"", "«««»»»", "'\"'\"'\"", "\ufeff“x”"])
def test_find_quotes_empty_text_or_only_marks(text):
    assert_well_formed(text, find_quotes(text))


def test_find_quotes_non_string_gives_nothing():
    assert find_quotes(None) == ()  # type: ignore[arg-type]


@pytest.mark.timeout(120)  # a guard against a hang, not a speed test (bench_quotes.py measures speed)
def test_find_quotes_huge_text():
    text = ("“We will win,” he said. The ‘so-called’ experts' \"claims\" failed, according to Putin.\n" * 4000
            + "“" * 5000 + "'" * 5000 + "\n" * 1000)
    quotes = find_quotes(text)
    assert quotes and all(0 <= q.start < q.end <= len(text) for q in quotes)


@pytest.mark.parametrize("text", [
    "Putin said that " * 20000,                       # one 300,000-character sentence of speech verbs
    "according to Putin " * 15000,
    "“" * 30000 + "x" + "”" * 30000,                  # quotes nested 30,000 deep
    "He said “we win” and " * 15000,                  # one line, many quotes
    "“a b c\n" * 30000 + "”",                         # a quote carried over 30,000 paragraphs
    "the ‘x’ and 'y' students’ " * 15000,
    "the suit says the court ruled that states " * 16000,   # 670,000 characters, no sentence end: 160 s before the cap
    "Trump Says No To Him And " * 12000,            # one Title Case line of headline verbs: 450 s before the cap
])
@pytest.mark.timeout(120)  # about a second each when linear; quadratic work would hang until the guard
def test_find_quotes_pathological_huge_texts_finish(text):
    assert_well_formed(text, find_quotes(text))


_PIECES = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‚", "\n", "\n\n", " ", ", ", ". ", ": ",
           "said", "told", "that", "according to", "Putin", "he", "so-called", "the", "word", "s",
           "n", "90", "—", "(KPRF)", "\r\n"]


def test_find_quotes_property_any_text_gives_well_formed_ranges():
    from hypothesis import given, settings  # here, not when the module is collected
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)))
    def check(text):
        assert_well_formed(text, find_quotes(text))

    check()


# --- real articles -------------------------------------------------------------------------------
def test_find_quotes_rt_example(example_article):
    text = example_article.read_text(encoding="utf-8")
    quotes = find_quotes(text)
    assert_well_formed(text, quotes)
    speakers = {q.speaker for q in quotes if q.kind != "scare"}
    assert {"KPRF", "Renat Suleymanov", "Vladimir Putin", "Donald Trump"} <= speakers
    def at(start: str) -> Quote:
        return next(q for q in quotes if text[q.start:q.end].startswith(start))
    assert at("I have a very positive").speaker == "Renat Suleymanov"
    assert at("war of words").kind == "scare"
    assert at("sanctions and war threats").kind == "reported"


def test_find_quotes_ptc_train_articles_are_well_formed(ptc_train):
    for path in sorted((ptc_train / "articles").glob("*.txt"))[:40]:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        assert_well_formed(text, find_quotes(text))


# --- voice_of ------------------------------------------------------------------------------------
QUOTES = (Quote(10, 20, "quoted", "Putin"), Quote(30, 50, "reported", "Merkel"), Quote(60, 70, "scare"))


def test_voice_of_inside_a_quote():
    assert voice_of(QUOTES, 12, 18) == ("quoted", "Putin")


def test_voice_of_outside_every_range_is_the_outlet():
    assert voice_of(QUOTES, 0, 8) == ("outlet", None)
    assert voice_of((), 0, 8) == ("outlet", None)


def test_voice_of_half_overlap_counts_less_does_not():
    assert voice_of(QUOTES, 15, 25) == ("quoted", "Putin")   # 5 of 10 characters
    assert voice_of(QUOTES, 16, 26) == ("outlet", None)      # 4 of 10


def test_voice_of_reported_speech():
    assert voice_of(QUOTES, 35, 45) == ("reported", "Merkel")


def test_voice_of_scare_quotes_are_the_outlet():
    assert voice_of(QUOTES, 60, 70) == ("outlet", None)


def test_voice_of_scare_inside_reported_speech_is_reported():
    quotes = (Quote(0, 40, "reported", "Merkel"), Quote(10, 20, "scare"))
    assert voice_of(quotes, 10, 20) == ("reported", "Merkel")


def test_voice_of_quoted_wins_over_reported():
    quotes = (Quote(0, 40, "reported", "Merkel"), Quote(10, 20, "quoted", "Putin"))
    assert voice_of(quotes, 10, 20) == ("quoted", "Putin")


def test_voice_of_longest_overlap_then_innermost_wins():
    quotes = (Quote(0, 12, "quoted", "A"), Quote(12, 30, "quoted", "B"))
    assert voice_of(quotes, 8, 20) == ("quoted", "B")
    nested = (Quote(0, 100, "quoted", "Outer"), Quote(10, 20, "quoted", "Inner"))
    assert voice_of(nested, 10, 20) == ("quoted", "Inner")


def test_voice_of_counts_characters_of_several_quotes_together():
    quotes = (Quote(0, 3, "quoted", "A"), Quote(7, 10, "quoted", "B"), Quote(3, 4, "quoted", "C"))
    assert voice_of(quotes, 0, 10)[0] == "quoted"            # 7 of 10 characters in some quote


def test_voice_of_empty_span_is_judged_by_its_character():
    assert voice_of(QUOTES, 15, 15) == ("quoted", "Putin")
    assert voice_of(QUOTES, 25, 25) == ("outlet", None)


def test_voice_of_result_is_a_known_voice_for_found_quotes():
    text = "“We will win,” Putin said. The so-called ‘experts’ disagreed, according to Reuters."
    quotes = find_quotes(text)
    for start in range(0, len(text), 5):
        assert voice_of(quotes, start, start + 5)[0] in VOICES
