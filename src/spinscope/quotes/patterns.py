"""The regular expressions the quote finder reads text with, built once from the word lists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spinscope.quotes.words import EVALUATE as _EVALUATE
from spinscope.quotes.words import FOREIGN_SAY as _FOREIGN_SAY
from spinscope.quotes.words import MORE as _MORE
from spinscope.quotes.words import RU_SAY as _RU_SAY
from spinscope.quotes.words import SAY as _SAY
from spinscope.quotes.words import THAT_ONLY as _THAT_ONLY

_FAMILY = {'"': "d", "“": "d", "”": "d", "„": "d", "«": "g", "»": "g", "'": "s", "‘": "s", "’": "s", "‚": "s"}
_MARK_RE = re.compile("[\"“”„«»'‘’‚]")
_OPEN_BEFORE = set("([{<—–-/\"'“„«‘‚")            # a mark after one of these (or a space) opens
_CLOSE_AFTER = set(".,;:!?)]}>—–-/…\"'”»’")         # a mark before one of these (or a space) closes
_UNCLOSED_MAX = {True: 200, False: 600}             # most an unclosed quote may take after a straight / curly mark
_BLANK_LINE_RE = re.compile(r"\n(?:[ \t\r]*\n)+")
_LINE_BREAK_RE = re.compile(r"[\r\n]+")
_LINE_RE = re.compile(r"[^\r\n]+")
_SENT_END_RE = re.compile(r"[.!?…\r\n][\"”’'»)\].!?…\r\n]*")
_ABBREV_RE = re.compile(r"(?:^|[\s(.])(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Jr|Sr|No|vs|Inc|"
                        r"Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|Mt)$")
_TOKEN_RE = re.compile(r"\(?\w[\w’'.&-]*\)?")
_RUN_RE = re.compile(r"[A-Z][\w’'.-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.-]*)+")
_DEFINED_RE = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|and|for|on)\s+)*){2,8})\(([A-Z]{2,8})\)")
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_CAP_WORD_RE = re.compile(r"\b[A-Z][\w’'-]+")
_WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")
_NONSPACE_RE = re.compile(r"\S")
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&.-]{1,9})\)\s*$")         # "… the Communist Party (KPRF)"
_CLAUSE_END_RE = re.compile(r"[;!?\n]|\.(?=\s|$)")
_AFTER_QUOTE_RE = re.compile(r"[”\"’'»],?\s*$")
_CLAUSE_RE = re.compile(r"[,;:—–]|\s-\s")
_FIRST_CLAUSE_RE = re.compile(r"[,;:!?\n]|(?<![A-Z])(?<!Dr|Mr|Ms|St|Jr|Sr)(?<!Mrs|Sen|Rep|Gov|Gen)\.\s|\s-\s")


_WORD_CHAR_RE = re.compile(r"\w")
_ACRONYM_PAREN_RE = re.compile(r"\(([A-Z]{2,8})\)")
_NOT_IN_NAME_RE = re.compile(r"[^\w’'\s-]")      # a character no name before an acronym holds


def word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` with a ``\\b`` before the pattern, for a pattern written without it whose first
    character is a word character: the same matches, found faster, as the regex engine can skip to the pattern's
    first letters only when nothing stands before them (a scan for 'As X noted' three times faster)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if m.start() and _WORD_CHAR_RE.match(text, m.start() - 1):
            pos = m.start() + 1                       # inside a word: try again one character on
            continue
        yield m
        pos = max(m.end(), m.start() + 1)


def defined_acronyms(text: str) -> Iterator[re.Match[str]]:
    """``_DEFINED_RE.finditer(text)``, found from the acronyms in brackets: each match ends at one, and starts after the
    last character before it that a name cannot hold, so only that stretch is searched (a scan of the whole text
    tries the pattern's repeated words at every capital, about sixteen times slower over PTC)."""
    for paren in _ACRONYM_PAREN_RE.finditer(text):
        start = paren.start()
        while start > 0 and not _NOT_IN_NAME_RE.match(text, start - 1):
            start -= 1
        found = _DEFINED_RE.search(text, start, paren.end())
        if found:
            yield found


def _trie(words: str) -> str:
    """An alternation grouped by first letter ('s(?:aid|ays)|t(?:old)'): the regex engine then tries a few
    branches at each word instead of all eighty, which makes the verb scan three times faster."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{c}(?:{'|'.join(sorted(rest, key=len, reverse=True))})" for c, rest in groups.items())


_REPORT_RE = re.compile(rf"\b(?:{_trie(_SAY)})\b")                # verbs that frame reported speech
_HEAD_SAY = ("says|said|warns|warned|admits|admitted|insists|insisted|claims|claimed|argues|argued|denies|denied|"
             "confirms|confirmed|reveals|revealed|suggests|suggested|declares|declared|announces|announced|writes|"
             "wrote|tweets|tweeted|alleges|alleged|asserts|asserted|stresses|stressed|concedes|conceded").split("|")
_HEAD_VERB_RE = re.compile(rf"(?:{_trie('|'.join([w[0].upper() + w[1:] for w in _HEAD_SAY] + [w.upper() for w in _HEAD_SAY]))})\b")
_HEAD_NOT_CLAUSE = {"about", "of", "in", "on", "for", "against", "to", "from", "with", "by", "over", "and", "or",
                    "at", "as"}     # "… Claims About Misconduct": a noun, no clause follows
_HEAD_END_RE = re.compile(r"\s[-–—|]\s|:|$", re.MULTILINE)     # where a headline's reported clause ends
_SAY_ATTR = "|".join(w for w in _SAY.split("|") if w not in _THAT_ONLY)    # "will reveal secret “methods”": no speaker
_ATTR_RE = re.compile(rf"\b(?:{_trie(f'{_SAY_ATTR}|{_MORE}|{_RU_SAY}|{_FOREIGN_SAY}')})\b")    # verbs that attribute a quote
_EVALUATE_RE = re.compile(rf"\b(?:{_trie(_EVALUATE)})\b")              # verbs that take a quoted word as object
_OBJECT_END_RE = re.compile(r"[ \t]*(?:$|[^\w\s]|\n|(?:and|or|but|by|in|on|at|for|from|to|as|with|while|because|after|"
                            r"before|during|over|against|since|when|if)\b)")      # what may follow a quoted object
_PASSIVE_RE = re.compile(r"\b(?:was|were|been|is|are|being)\s+$")
_BY_AGENT_RE = re.compile(r"[\s,.”’\"'»]*by\s+([^,.;:!?\n]{1,80})")
_THAT_RE = re.compile(r"([^.!?;:,\n]{0,100}?)\b(that|if|whether)\b\s*")
_THAT_NEXT_RE = re.compile(r"\s+that\b")
_AUX = (r"(?:is|are|was|were|had|has|have|would|will|could|should|can|may|might|must|did|does|do|"
        r"(?:does|did|is|was|are|were|wo|ca|would|has|had)n[’']t)\b")
_CLAUSE_AHEAD_RE = re.compile(r"\s+(?:he|she|it|they|we|I|you|there|(?:the|a|an|this|his|her|their|its|our|"
                              rf"[A-Z][\w’'.-]*)(?:\s+(?:of\s+)?[\w’'-]+){{0,3}}?)\s+(?:\w+ly\s+)?{_AUX}")
_AUX_RE = re.compile(rf"\b{_AUX}")
_TAIL_BOUNDARY_RE = re.compile(r"(?:,|[”\"’'»],?)\s+$")
_AS_RE = re.compile(r"[Aa]s\s+(?:(?:reported|noted|stated|explained|documented|written|first reported)\s+by\s+"
                    r"([^,;:\n]{1,60}?)|([^,;:\n]{1,60}?)\s+(?:has\s+|had\s+)?(?:noted|notes|put it|puts it|documented|"
                    r"reported|reports|wrote|writes|said|says|explained|explains|pointed out|points out|observed|"
                    r"argued|"
                    r"argues|stated|told \w+))(?:\s+(?:early|late|earlier|last|this|in|on)\b[^,;:\n]{0,30})?\s*,")
# "As The New York Times reported early last year, …" 
_TIME_RE = re.compile(r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                      r"tonight|earlier|later|also|then|recently|last\s+(?:week|month|year|night)|this\s+(?:week|month|"
                      r"year|morning)|(?:(?:a\s+few|several|two|three|four|five|six|some)\s+)?(?:days|weeks|months|years)"
                      r"\s+ago),?)*\s+")
_ADDRESSEE_RE = re.compile(r"\s+(?:me|us|him|her|them|reporters|journalists|police|authorities|investigators|officials|"
                           r"officers|agents|doctors|lawmakers|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3})\s+")
_ACCORDING_RE = re.compile(r"[Aa]ccording to\b")
_SOURCE_END_RE = re.compile(r"[,;:]|\s[—–-]\s|—|–")             # where "according to X" ends
_NOT_A_SOURCE = re.compile(r"\s*(?:(?:the|these|those|its|their|his|her|our|this)\s+)?(?:plan|schedule|script|tradition|"
                           r"custom|law|rules?|which|whom)\b")     # "according to these rules": no source
_SCARE_CUE_RE = re.compile(r"(?:so-called|so called|dubbed|nicknamed|titled|entitled|termed|labell?ed|branded|known as|"
                           r"the (?:word|term|phrase|slogan|motto|hashtag)|[Oo]peration|code-?named)\s*$")
_HEADLINE_AFTER_RE = re.compile(r"\s*:\s*((?:[A-Z][\w’'.&-]*\s*){1,4})$")      # 'Stronger': WHO
_HEADLINE_NAME_RE = re.compile(r"\s*((?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*):\s")    # Rand Paul: I'll …
_HEADLINE_BEFORE_RE = re.compile(r"\s*((?:[A-Z][\w’'.&-]*\s*){1,4}):\s*$")     # Putin: “…”
_POSSESSIVE = ("’s", "'s", "s’", "s'")
