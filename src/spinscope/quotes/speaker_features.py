"""What the learned speaker model reads: the candidates for a quotation's speaker, and their features.

The names are those written outside quotes (``entities``) and the speakers the rules gave. A quotation's
candidates are the names written in its sentence or the one before, on its line just after it, or last before it
(two), the names the rules gave to it and to its neighbours, the article's most quoted name, and "nobody". A
candidate's features say where its mentions stand against the quotation (in its sentence, tight against a speech
verb after or before it, how far back), who spoke just before and after, how the article uses the name (often, as a
place, as a speaker elsewhere, only at a sentence's start), and what the rules said; a feature that is zero is left
out. (Taking every name within 2,000 characters as a candidate, 18 a quotation against 5, was as accurate and cost
three times as much.)
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from spinscope.quotes.entities import _Entities
from spinscope.quotes.layout import _Layout
from spinscope.quotes.patterns import _ATTR_RE
from spinscope.quotes.quote import Quote
from spinscope.quotes.words import ORG_WORDS

NOBODY = ""                   # the candidate key of "no named speaker"
SPEECH = ("quoted", "reported")
_SUBJECT_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")
_PRONOUN_AFTER_RE = re.compile(r"[\s,”’\"'»]*(?:[Hh]e|[Ss]he|they)\s+\w+")          # '…,” he said'
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|from|at|near|across|to|of|outside|inside)[ \t]+(?:the[ \t]+)?$")
_DETERMINER_RE = re.compile(r"[ \t]*(?:The|A|An|This|That|These|Those|Some|Many|Several|Other)[ \t]+[a-z]")
_SPEAKS_RE = re.compile(r"(?:’s|'s)?[ \t]+(?:(?:has|had|also|then|later|further|previously|told|\w+ly)[ \t]+)*(?:said|"
                        r"says|told|tells|wrote|writes|tweeted|added|claimed|claims|stated|explained|argued|insisted|"
                        r"noted|warned|reported|reports|asked|announced|declared|replied)\b")
_DISTANCES = (60, 200, 600, 2000)


def key_of(name: str) -> str:
    """The identity of a name, as the benchmark compares speakers: its last word, case-folded."""
    words = name.split()
    return words[-1].casefold() if words else NOBODY


@dataclass(frozen=True)
class Mention:
    """A name written outside quotes at ``pos``."""

    pos: int
    key: str
    name: str


class Article:
    """What the features read of one article: its layout, its names outside quotes, its found speech."""

    def __init__(self, text: str, quotes: tuple[Quote, ...]) -> None:
        self.text, self.lay = text, _Layout(text)
        self.masked = _masked(text, quotes)
        entities = _Entities(self.masked)
        entities._scan()
        self.mentions = sorted((Mention(m.pos, key_of(m.name), m.name) for m in entities.mentions if m.name.split()),
                               key=lambda m: m.pos)
        self.starts = [m.pos for m in self.mentions]
        self.at: dict[str, list[int]] = {}           # key -> where it is mentioned
        self.names: dict[str, str] = {}              # key -> the fullest name the text or the rules give
        for m in self.mentions:
            self.at.setdefault(m.key, []).append(m.pos)
            if len(m.name) > len(self.names.get(m.key, "")):
                self.names[m.key] = m.name
        self.lead_only = {key_of(m.name) for m in entities.mentions if m.lead} - {
            key_of(m.name) for m in entities.mentions if not m.lead}     # "Remember", "Perhaps": a sentence's capital
        self.speech = sorted((q for q in quotes if q.kind in SPEECH), key=lambda q: q.start)
        self.said: dict[str, int] = {}               # key -> how many quotes the rules gave that name
        for q in self.speech:
            if q.speaker:
                k = key_of(q.speaker)
                self.said[k] = self.said.get(k, 0) + 1
                if len(q.speaker) >= len(self.names.get(k, "")):
                    self.names[k] = q.speaker
        self.most_said = max(self.said, key=lambda k: self.said[k]) if self.said else NOBODY
        self.headline_keys = {m.key for m in self.between(0, self.lay.line(0)[1])}
        self.headline_end = self.lay.line(0)[1]
        self.verbs = [m.start() for m in _ATTR_RE.finditer(self.masked)]
        self.located: dict[str, int] = {}            # key -> its mentions after 'in', 'from', 'at' …: a place's
        for m in self.mentions:
            if _PLACE_BEFORE_RE.search(self.masked, max(0, m.pos - 8), m.pos):
                self.located[m.key] = self.located.get(m.key, 0) + 1
        self.speakers = {m.key for m in self.mentions if _SPEAKS_RE.match(self.masked, m.pos + len(m.name))}

    def between(self, lo: int, hi: int) -> list[Mention]:
        """The mentions starting in [lo, hi)."""
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def verb_between(self, lo: int, hi: int) -> bool:
        """Is a speech verb written outside quotes in [lo, hi)?"""
        i = bisect_left(self.verbs, lo)
        return i < len(self.verbs) and self.verbs[i] < hi

    def subject(self, lo: int, hi: int) -> str | None:
        """The key of a name that opens the sentence starting at ``lo`` (in its first 30 characters, before ``hi``):
        the likeliest one a later 'he said' means."""
        first = self.between(lo, min(hi, lo + 30))
        return first[0].key if first else None


def _masked(text: str, quotes: tuple[Quote, ...]) -> str:
    """``text`` with quoted and scare-quoted words blanked, so that names inside quotations are not candidates."""
    pieces, cur = [], 0
    for q in sorted((q for q in quotes if q.kind != "reported"), key=lambda q: q.start):
        if q.end > cur:
            pieces += [text[cur:max(cur, q.start)], "x" * (q.end - max(cur, q.start))]
            cur = q.end
    return "".join(pieces) + text[cur:]


@dataclass(frozen=True)
class _Around:
    """What one quotation's candidates share: its sentence, its neighbours, its attribution cues."""

    before: dict[str, Mention]       # the last mention of each name in its sentence before it
    after: dict[str, Mention]        # the first mention of each name on its line just after it
    in_sentence: set[str]
    in_prev: set[str]
    in_para: set[str]
    recent: list[str]                # the names last mentioned before it, newest first
    verb_after: bool
    verb_before: bool
    pronoun_near: bool
    pronoun_after: bool
    prev_subject: str | None
    this_subject: str | None
    rule: str
    prev_rule: str
    next_rule: str


def _around(art: Article, i: int) -> _Around:
    q, lay = art.speech[i], art.lay
    sent_lo, sent_hi = lay.sentence(q.start)[0], lay.sentence(max(q.start, q.end - 1))[1]
    prev_lo = lay.sentence(sent_lo - 2)[0] if sent_lo > 1 else sent_lo
    after_hi = min(lay.line(max(q.start, q.end - 1))[1], q.end + 120)
    before = {m.key: m for m in art.between(sent_lo, q.start)}
    after: dict[str, Mention] = {}
    for m in art.between(q.end, after_hi):
        after.setdefault(m.key, m)
    recent: list[str] = []
    for j in range(bisect_left(art.starts, q.start) - 1, -1, -1):
        if art.mentions[j].key not in recent:
            recent.append(art.mentions[j].key)
            if len(recent) == 2:
                break
    return _Around(
        before, after,
        {m.key for m in art.between(sent_lo, sent_hi + 1) if not q.start <= m.pos < q.end},
        {m.key for m in art.between(prev_lo, sent_lo)},
        {m.key for m in art.between(lay.para_starts[lay.para(q.start)], q.start)},
        recent,
        art.verb_between(q.end, after_hi),
        art.verb_between(sent_lo, q.start) or art.verb_between(max(0, q.start - 300), q.start),
        bool(_SUBJECT_PRONOUN_RE.search(art.masked, q.end, after_hi) or _SUBJECT_PRONOUN_RE.search(
            art.masked, max(sent_lo, q.start - 80), q.start)),
        bool(_PRONOUN_AFTER_RE.match(art.masked, q.end, after_hi)),
        art.subject(prev_lo, sent_lo) if sent_lo else None,
        art.subject(sent_lo, q.start),
        key_of(q.speaker) if q.speaker else NOBODY,
        key_of(art.speech[i - 1].speaker or "") if i else NOBODY,
        key_of(art.speech[i + 1].speaker or "") if i + 1 < len(art.speech) else NOBODY)


def _nobody(art: Article, q: Quote, a: _Around) -> dict[str, float]:
    """The features of "no named speaker"."""
    text, lay = art.text, art.lay
    line_lo, line_hi = lay.line(q.start)[0], lay.line(max(q.start, q.end - 1))[1]
    fills = not text[line_lo:q.start].strip(" \t“”\"‘’'«»") and not text[q.end:line_hi].strip(" \t“”\"‘’'«».,")
    sent_lo = lay.sentence(q.start)[0]
    f = {"none_bias": 1.0, "none_rule": a.rule == NOBODY, "none_reported": q.kind == "reported",
         "none_noverb": not a.verb_after and not a.verb_before, "none_headline": q.start < art.headline_end,
         "none_fills_line": fills, "none_nobody_in_sentence": not a.in_sentence,
         "none_prev_nobody": a.prev_rule == NOBODY and q is not art.speech[0],
         "none_short": len(text[q.start:q.end].split()) <= 3,
         "none_unnamed_subject": a.this_subject is None and bool(_DETERMINER_RE.match(art.masked, sent_lo))}
    return {n: float(v) for n, v in f.items() if v}


def _distance(prefix: str, distance: int | None) -> str:
    """A distance in characters as the name of one indicator feature."""
    if distance is None:
        return f"{prefix}_none"
    return next((f"{prefix}_lt{bound}" for bound in _DISTANCES if distance < bound), f"{prefix}_far")


def _named(art: Article, q: Quote, a: _Around, k: str) -> dict[str, float]:
    """The features of the name ``k``."""
    at, name = art.at.get(k, []), art.names[k]
    j = bisect_left(at, q.start)
    dist_before = q.start - at[j - 1] if j else None
    j = bisect_left(at, q.end)
    dist_after = at[j] - q.end if j < len(at) else None
    first_after, last_before = a.after.get(k), a.before.get(k)
    rule, recent1 = a.rule == k, bool(a.recent) and a.recent[0] == k
    tight_after, tight_before = _tight(art, q, a, k)
    body = any(w.lower() in ORG_WORDS for w in name.split()) or name.isupper()
    f = {"rule": rule, "rule_other": a.rule not in (NOBODY, k), "prev_rule": a.prev_rule == k,
         "next_rule": a.next_rule == k, "said_share": art.said.get(k, 0) / max(1, len(art.speech)),
         "most_said": art.most_said == k, "after_name": first_after is not None,
         "after_verb": first_after is not None and a.verb_after, "before_name": last_before is not None,
         "before_verb": last_before is not None and art.verb_between(last_before.pos, q.start),
         "in_sentence": k in a.in_sentence, "in_prev_sentence": k in a.in_prev, "in_para_before": k in a.in_para,
         "recent1": recent1, "recent2": len(a.recent) > 1 and a.recent[1] == k,
         "recent1_pronoun": recent1 and a.pronoun_near, "pronoun_after_recent": recent1 and a.pronoun_after,
         "in_headline": k in art.headline_keys, "headline_quote_named": k in art.headline_keys and
         q.start < art.headline_end, "count": math.log1p(len(at)) / math.log(20), "multiword": " " in name,
         "body": body, _distance("before", dist_before): True, _distance("after", dist_after): True,
         "tight_after": tight_after, "tight_before": tight_before,
         "frame_before": last_before is not None and q.start - last_before.pos - len(last_before.name) < 25,
         "according_after": first_after is not None and "according to" in art.text[q.end:first_after.pos],
         "inherit": a.prev_rule == k and not a.verb_after and not a.verb_before,
         "rule_verb": rule and (a.verb_after or a.verb_before), "rule_tight": rule and (tight_after or tight_before),
         "person_pronoun": recent1 and a.pronoun_near and " " in name and not body,
         "rule_unseen": rule and not at, "located": art.located.get(k, 0) / len(at) if at else 0.0,
         "speaks": k in art.speakers, "lead_only": k in art.lead_only, "prev_subject": a.prev_subject == k,
         "prev_subject_pronoun": a.prev_subject == k and (a.pronoun_after or a.pronoun_near),
         "this_subject": a.this_subject == k, "other_subject": a.this_subject not in (None, k)}
    return {n: float(v) for n, v in f.items() if v}


def _tight(art: Article, q: Quote, a: _Around, k: str) -> tuple[bool, bool]:
    """Is a mention of ``k`` tight against a speech verb just after the quotation ('…,” Putin said', 'said Putin'),
    and just before it ('Putin said (that) “…”')?"""
    first_after, last_before = a.after.get(k), a.before.get(k)
    return (first_after is not None and first_after.pos - q.end < 40 and art.verb_between(
        q.end, first_after.pos + len(first_after.name) + 25),
        last_before is not None and q.start - last_before.pos < 120 and art.verb_between(last_before.pos, q.start))


def settled(art: Article, i: int) -> bool:
    """Did the rules give ``art.speech[i]`` a name written tight against a speech verb next to it? Such a choice
    stands: the model neither scores nor learns from it."""
    q = art.speech[i]
    if not q.speaker:
        return False
    k = key_of(q.speaker)
    return any(_tight(art, q, _around(art, i), k))


def quote_features(art: Article, i: int) -> dict[str, dict[str, float]]:
    """The features of every candidate speaker of ``art.speech[i]``, keyed by candidate (NOBODY included)."""
    q = art.speech[i]
    a = _around(art, i)
    keys = a.in_sentence | a.in_prev | set(a.before) | set(a.after) | set(a.recent) | {
        a.rule, a.prev_rule, a.next_rule, art.most_said}
    out = {k: _named(art, q, a, k) for k in keys if k != NOBODY and k in art.names}
    out[NOBODY] = _nobody(art, q, a)
    return out
