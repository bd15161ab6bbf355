"""Whose voice a stretch of an article is in: the outlet's own, a quoted speaker's, or reported speech.

A loaded phrase means one thing when the outlet writes it and another when it quotes a politician, so
the analysis asks of every span whose words these are. ``find_quotes`` implements the definition in
``benchmarks/data/quotes/GUIDELINES.md`` with rules (standard library only, about 1 ms for 5,000 characters):

* **Marks** (``"…"`` ``“…”`` ``‘…’`` ``'…'`` ``«…»`` ``„…“`` ``‚…‘``): whether a mark opens or closes is read
  from its neighbours, so straight marks pair and apostrophes (don't, Russia’s, the '90s, rock 'n' roll) do
  not; a plural possessive (students’ union) closes a single quote only when no later mark could. Single
  quotes pair within a line; double quotes and guillemets line by line with a stack. A quote open at a
  line's end goes on if the next line opens with the same mark (one range over several paragraphs) or is
  in the same paragraph (PTC puts each sentence on its own line); otherwise it ends with the line, and is
  dropped if that swallows over 200 characters after a straight mark or 600 after a curly one (a stray
  mark). Only the outermost quote of a nest is returned.
* **Attribution**: just after the closing mark (``…,” Putin said``, ``said Putin``, ``'…': WHO``), else just
  before the opening one (``Putin said: “…”``, ``told reporters that “…”``), else the reported speech
  around the quote, else for a quote filling its line a ``…said:`` line before or a short ``— Name`` line
  after it, else the previous speaker in the paragraph. A headline in quotes keeps no speaker.
* **Speakers**: the capitalised name nearest the speech verb, titles and roles cut off (``Russian President
  Vladimir Putin`` → ``Vladimir Putin``, ``… of the KPRF Renat Suleymanov`` → ``Renat Suleymanov``, ``… (KPRF)
  wrote`` → ``KPRF``, ``National Rifle Association (NRA)`` → the full name); a lone surname widened to its
  fullest mention; ``he``/``she`` the first person of that gender named in the nearest sentence naming one;
  ``the minister`` the last speaker with that title; ``None`` for ``a source``, ``officials``.
* **Reported speech**: ``X said (that) …``, ``X told Y (that) …``, ``X claimed/stated/added/noted/warned/
  stressed/argued/insisted/tweeted/contends/… that …`` (or a clause without "that": ``insists he doesn't``)
  up to the sentence's end, ``X asked Y if …``, ``According to X, …`` and ``As X noted, …`` (the rest),
  ``…, according to X.`` and ``…, X said.`` (what comes before), minus anything inside quotes, which is quoted.
* **Scare quotes**: 1–3 quoted words (or a Title Cased name, or words after "so-called", "dubbed",
  "titled" …) that nobody is said to speak are kind ``scare`` and count as the **outlet's voice**: the
  outlet chose to put those words there, to sneer, to name a thing or to keep its distance, so loaded
  language inside them is the outlet's own and must not be excused as somebody else's speech.

Not handled: attribution without a comma (``“…” he said``), ``told Y`` without ``that`` unless Y is a name or
"reporters", gender (``she`` may resolve to a man), speakers of nested quotes, Danish ``»…«``, non-English.
"""

from __future__ import annotations

import re
from typing import Any
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spinscope.errors import SpanError
from spinscope.quotes_words import (ASK as _ASK, CONJ as _CONJ, GAP_START as _GAP_START, GENERIC as _GENERIC,
                                    MODIFIERS as _MODIFIERS, NO_THAT as _NO_THAT,
                                    MORE as _MORE, ORG_WORDS as _ORG_WORDS, PARTICLES as _PARTICLES, SAY as _SAY,
                                    SKIP as _SKIP, STOP as _STOP, TITLES as _TITLES)

KINDS = ("quoted", "reported", "scare")
VOICES = ("outlet", "quoted", "reported")


@dataclass(frozen=True)
class Quote:
    """``text[start:end]`` is in someone's voice: quoted or reported speech, or the outlet's scare quotes."""

    start: int
    end: int
    kind: str
    speaker: str | None = None

    def __post_init__(self) -> None:
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (self.start, self.end)):
            raise SpanError(f"quote offsets must be integers, got {self.start!r}, {self.end!r}")
        if not 0 <= self.start < self.end:
            raise SpanError(f"quote offsets must satisfy 0 <= start < end, got {self.start}, {self.end}")
        if self.kind not in KINDS:
            raise SpanError(f"quote kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.speaker is not None and not isinstance(self.speaker, str):
            raise SpanError(f"quote speaker must be a string or None, got {self.speaker!r}")

    def to_dict(self) -> dict:
        """The JSON form of the annotation files."""
        return {"start": self.start, "end": self.end, "speaker": self.speaker, "kind": self.kind}


# --- patterns and word lists ------------------------------------------------------------------------------
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


def _trie(words: str) -> str:
    """An alternation grouped by first letter ('s(?:aid|ays)|t(?:old)'): the regex engine then tries a few
    branches at each word instead of all eighty, which makes the verb scan three times faster."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{c}(?:{'|'.join(sorted(rest, key=len, reverse=True))})" for c, rest in groups.items())


_REPORT_RE = re.compile(rf"\b(?:{_trie(_SAY)})\b")                # verbs that frame reported speech
_ATTR_RE = re.compile(rf"\b(?:{_trie(_SAY + '|' + _MORE)})\b")    # verbs that attribute a quote
_THAT_RE = re.compile(r"([^.!?;:,\n]{0,100}?)\b(that|if|whether)\b\s*")
_AUX = (r"(?:is|are|was|were|had|has|have|would|will|could|should|can|may|might|must|did|does|do|"
        r"(?:does|did|is|was|are|were|wo|ca|would|has|had)n[’']t)\b")
_CLAUSE_AHEAD_RE = re.compile(r"\s+(?:he|she|it|they|we|I|you|there|(?:the|a|an|this|his|her|their|its|our|"
                              rf"[A-Z][\w’'.-]*)(?:\s+(?:of\s+)?[\w’'-]+){{0,3}}?)\s+(?:\w+ly\s+)?{_AUX}")
_AUX_RE = re.compile(rf"\b{_AUX}")
_TAIL_BOUNDARY_RE = re.compile(r"(?:,|[”\"’'»],?)\s+$")
_AS_RE = re.compile(r"\b[Aa]s\s+(?:(?:reported|noted|stated|explained|documented|written|first reported)\s+by\s+"
                    r"([^,;:\n]{1,60}?)|([^,;:\n]{1,60}?)\s+(?:has\s+|had\s+)?(?:noted|notes|put it|puts it|documented|"
                    r"reported|reports|wrote|writes|said|says|explained|explains|pointed out|points out|observed|"
                    r"argued|"
                    r"argues|stated|told \w+))\s*,")
_TIME_RE = re.compile(r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                      r"tonight|earlier|later|also|then|recently|last\s+(?:week|month|year|night)|this\s+(?:week|month|"
                      r"year|morning)),?)*\s+")
_ADDRESSEE_RE = re.compile(r"\s+(?:me|us|him|her|them|reporters|journalists|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3})\s+")
_ACCORDING_RE = re.compile(r"[Aa]ccording to\b")
_NOT_A_SOURCE = re.compile(r"\s*(?:the\s+)?(?:plan|schedule|script|tradition|custom|law|rules?|which|whom)\b")
_SCARE_CUE_RE = re.compile(r"(?:so-called|so called|dubbed|nicknamed|titled|entitled|termed|labell?ed|branded|known as|"
                           r"the (?:word|term|phrase|slogan|motto|hashtag)|[Oo]peration|code-?named)\s*$")
_HEADLINE_AFTER_RE = re.compile(r"\s*:\s*((?:[A-Z][\w’'.&-]*\s*){1,4})$")      # 'Stronger': WHO
_HEADLINE_NAME_RE = re.compile(r"\s*((?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*):\s")    # Rand Paul: I'll …
_HEADLINE_BEFORE_RE = re.compile(r"\s*((?:[A-Z][\w’'.&-]*\s*){1,4}):\s*$")     # Putin: “…”
_POSSESSIVE = ("’s", "'s", "s’", "s'")


# --- pairing marks ----------------------------------------------------------------------------------------
def _role(text: str, i: int) -> str | None:
    """What the mark at ``text[i]`` can do, read from its neighbours: 'open', 'close', 'either', 'weak' (a
    plural possessive that may close a single quote), or None (an apostrophe, a lone straight mark)."""
    g, p, n = text[i], text[i - 1] if i else "\n", text[i + 1] if i + 1 < len(text) else "\n"
    if g in "'‘’‚" and (p.isalnum() and n.isalnum() or _elides(text, i)):
        return None                                   # don't, Russia’s, the '90s, rock 'n' roll
    opening, closing = p.isspace() or p in _OPEN_BEFORE, n.isspace() or n in _CLOSE_AFTER
    if opening and closing:                           # standing alone: a closer when alone on its line
        if p in "\r\n" and n in "\r\n":
            return "close"
        return None if g in "\"'" else ("open" if g in "“„«‘‚" else "close")
    if not (opening or closing):                      # squeezed between characters: the glyph decides
        return "either" if g in "\"'" else ("open" if g in "“„«‘‚" else "close")
    if opening:
        return None if g == "»" else "open"
    if g in "„«‚":
        return None
    return "weak" if g in "’'" and p in "sS" and n == " " and text[i + 2:i + 3].isalpha() else "close"


def _elides(text: str, i: int) -> bool:
    """A single mark that elides rather than quotes: '90s, ‘17, Viganò ’s, either mark of rock 'n' roll."""
    def word(j: int) -> bool:
        return 0 <= j < len(text) and text[j].isalnum()
    if text[i + 1:i + 3].isdigit() and not word(i + 3) or text[i + 1:i + 2] in "sS" and not word(i + 2):
        return True
    if text[i + 1:i + 2] == "n" and text[i + 2:i + 3] in ("'", "’") and not word(i - 1) and not word(i + 3):
        return True
    return i >= 2 and text[i - 1] == "n" and text[i - 2] in "'‘’" and not word(i - 3) and not word(i + 1)


def _match(text: str, toks: list[tuple[int, str]], stack: list, found: list) -> None:
    """Pair one line's marks on a stack: a mark closes the nearest open one of its family (inner ones left
    open are dropped); closed quotes are appended to ``found``."""
    later_closer, weak_ok = False, [False] * len(toks)
    for j in range(len(toks) - 1, -1, -1):            # students’ union: may this possessive close a quote?
        weak_ok[j] = not later_closer
        if toks[j][1] != "weak":
            later_closer = toks[j][1] != "open"
    pending = {"d": 0, "g": 0, "s": 0}
    for entry in stack:
        pending[entry[1]] += 1
    for j, (pos, role) in enumerate(toks):
        fam = _FAMILY[text[pos]]
        if role == "weak" and not weak_ok[j]:
            continue
        if role == "open" or (role == "either" and not pending[fam]):
            stack.append((pos, fam, False))
            pending[fam] += 1
        elif pending[fam]:
            while stack[-1][1] != fam:
                pending[stack.pop()[1]] -= 1
            opener = stack.pop()
            pending[fam] -= 1
            if _NONSPACE_RE.search(text, opener[0] + 1, pos):
                found.append((opener[0] + 1, pos))


def _pair(text: str, marks: list[tuple[int, str]], lines: list[tuple[int, int]], blocks: list[int]) -> list:
    """Double-mark and guillemet quotes, line by line. An open quote goes on into the next line when that line
    opens with the same kind of mark (skipped; the quote is then 'carried') or is in the same paragraph and
    opens no new quote of that kind; else it ends with its line, unless a stray mark would swallow too much."""
    def end_open(end: int) -> None:
        op, _, carried = stack[0]
        while end > op + 1 and text[end - 1].isspace():
            end -= 1
        if end > op + 1 and (carried or end - op <= _UNCLOSED_MAX[text[op] == '"']):
            found.append((op + 1, end))
        stack.clear()

    positions = [p for p, _ in marks]
    found: list[tuple[int, int]] = []
    stack: list[Any] = []
    reopened = False
    for k, (ls, le) in enumerate(lines):
        toks = marks[bisect_left(positions, ls):bisect_left(positions, le)]
        if reopened:
            toks = toks[1:]                           # the opening mark repeated by a carried quote
        elif stack and next((r for p, r in toks if _FAMILY[text[p]] == stack[0][1]), "") == "open":
            end_open(lines[k - 1][1])
        _match(text, toks, stack, found)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        reopened = bool(stack) and nxt is not None and _FAMILY.get(text[nxt[0]]) == stack[0][1] \
            and _role(text, nxt[0]) in ("open", "either")
        if reopened:
            stack[:] = [(stack[0][0], stack[0][1], True)]
        elif stack and (nxt is None or blocks[k + 1] != blocks[k]):
            end_open(le)
    return found


def _pair_marks(text: str, lay: _Layout) -> list[tuple[int, int]]:
    """Quote ranges (the text between the marks), outermost only, in text order. Single marks pair within a
    line and never stay open (stray ones are apostrophes); one that straddles a double-mark quote is dropped."""
    marks = [(m.start(), role) for m in _MARK_RE.finditer(text) if (role := _role(text, m.start()))]
    lines = [(m.end() - len(m.group().lstrip()), m.end()) for m in _LINE_RE.finditer(text) if not m.group().isspace()]
    double = _outermost(_pair(text, [m for m in marks if text[m[0]] not in "'‘’‚"], lines,
                              [lay.para(s) for s, _ in lines]))
    single: list[tuple[int, int]] = []
    blocks = [lay.para(s) for s, _ in lines]
    carry: list[Any] = []
    for k, (ls, le) in enumerate(lines):              # one opening a line may close on a later line of its block
        toks = marks[bisect_left(marks, (ls,)):bisect_left(marks, (le,))]
        _match(text, [m for m in toks if text[m[0]] in "'‘’‚"], carry, single)
        keep = carry and k + 1 < len(lines) and blocks[k + 1] == blocks[k] and lines[k + 1][0] - carry[0][0] < 600 \
            and lay.line(carry[0][0])[0] == carry[0][0]
        carry = carry[:1] if keep else []
    starts = [s for s, _ in double]
    return _outermost(double + [r for r in single if not _straddles(double, starts, *r)])


def _outermost(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges not inside another one (of two that straddle, the first), in text order."""
    kept: list[tuple[int, int]] = []
    for r in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if not kept or r[0] >= kept[-1][1]:
            kept.append(r)
    return kept


def _straddles(ranges: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Does one of the sorted ``ranges`` overlap ``[s, e)`` without one holding the other?"""
    for a, b in ranges[max(0, bisect_right(starts, s) - 1):bisect_left(starts, e)]:
        if a < e and s < b and not (a <= s and e <= b) and not (s <= a and b <= e):
            return True
    return False


# --- paragraphs and sentences -----------------------------------------------------------------------------
class _Layout:
    """Where paragraphs and sentences start. A paragraph is a block between blank lines when the text has
    blank lines (PTC puts each sentence on a line of its own), else a line; a line break ends a sentence."""

    def __init__(self, text: str) -> None:
        breaks = _BLANK_LINE_RE if _BLANK_LINE_RE.search(text) else _LINE_BREAK_RE
        self.para_starts = [0] + [m.end() for m in breaks.finditer(text)]
        ends = [m for m in _SENT_END_RE.finditer(text) if "\n" in m.group() or "\r" in m.group()
                or m.end() == len(text) or text[m.end()].isspace()
                and not (m.group()[0] == "." and (_ABBREV_RE.search(text[max(0, m.start() - 6):m.start()])
                                                  or text[m.end() + 1:m.end() + 2].islower()))]
        self.sent_starts = [0] + [m.end() for m in ends]
        self.sent_ends = [m.start() for m in ends] + [len(text)]
        self.breaks = [m.start() for m in re.finditer(r"[\r\n]", text)] + [len(text)]

    def para(self, pos: int) -> int:
        """Index of the paragraph holding ``pos``."""
        return bisect_right(self.para_starts, pos) - 1

    def line(self, pos: int) -> tuple[int, int]:
        """Start and end of the line holding ``pos`` (a line break belongs to the line it ends)."""
        i = bisect_left(self.breaks, pos)
        return (self.breaks[i - 1] + 1 if i else 0), self.breaks[i]

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end (before its final punctuation) of the sentence holding ``pos``."""
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[i], max(self.sent_ends[i], self.sent_starts[i])


# --- names ------------------------------------------------------------------------------------------------
def _is_cap(tok: str) -> bool:
    """Does the token start with a capital (a name, or a sentence's first word)?"""
    return tok[:1].isupper()


def _generic(tok: str) -> bool:
    """A capitalised word that names nobody: 'The', 'Officials', 'Russian', 'Friday', 'Additionally', "I've"."""
    low = tok.rstrip(".").replace("’", "'").split("'", 1)[0].lower()
    return low in _MODIFIERS or low in _SKIP or (low in _GENERIC or low.endswith("ly")) and not (
        tok.isupper() and len(tok) > 1)


def _clean_name(run: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """A capitalised run without titles and roles, and the titles: ['Russian', 'President', 'Vladimir', 'Putin']
    -> ('Vladimir Putin', ('president',)). None for a role, nationality, generic word or owner ("Trump's")."""
    while run and run[-1][:2] in ("R-", "D-", "I-"):             # "Chuck Grassley R-Iowa"
        run = run[:-1]
    if not run or run[-1].endswith(_POSSESSIVE):
        return None, ()
    low = [t.rstrip(".’'").lower() for t in run]
    titled: list[int] = []
    for i, t in enumerate(low):                       # "Secretary of State": a title, "of" and its object
        if t in _TITLES or t[:-1] in _TITLES or any(p in _TITLES for p in t.split("-")[1:]) \
                or (i >= 2 and low[i - 1] == "of" and i - 2 in titled):
            titled.append(i)
    titles = tuple(low[i] for i in titled)
    org = [i for i, t in enumerate(low) if t in _ORG_WORDS]
    cut = max(titled[-1:] + org[-1:] + [i for i, t in enumerate(run) if t.endswith(_POSSESSIVE)], default=-1)
    if cut == len(run) - 1:                           # "Justice Department" names a body, "The Minister" a role
        return (" ".join(run[1:] if low[0] in _STOP else run).strip("().,’'") or None) if org else None, titles
    run = run[cut + 1:]
    if "of" in run[1:]:
        run = run[:run.index("of")]                   # "Salvatore Cordileone of San Francisco"
    while len(run) > 1 and (_generic(run[0]) or (run[0].isupper() and len(run) > 2)):
        run = run[1:]                                 # "KPRF Renat Suleymanov", "German Angela Merkel"
    return (None if _generic(run[-1]) else " ".join(run).strip("().,’'") or None), titles


def _who(toks: list[str]) -> tuple:
    """Whom a noun phrase names: ('name', name, titles), ('pronoun',), ('role', title) or ('unnamed',). The
    name is its last capitalised run, followed by nothing or by plain words ('a Pentagon spokesman')."""
    toks = [t.strip("()") for t in toks if t.strip("()")]
    if toks and toks[-1].lower() in ("he", "she", "him", "her"):
        return ("pronoun", "she" if toks[-1].lower() in ("she", "her") else "he")
    i = len(toks) - 1
    while i >= 0 and not _is_cap(toks[i]) and toks[i].lower() not in _STOP:
        i -= 1
    if i >= 0 and _is_cap(toks[i]) and not toks[i].endswith(_POSSESSIVE):   # "Rombot’s lawyers": not Rombot
        j = i
        while j > 0 and (_is_cap(toks[j - 1]) or toks[j - 1] in _PARTICLES and j > 1 and _is_cap(toks[j - 2])):
            j -= 1
        name, titles = _clean_name(toks[j:i + 1])
        if name and j and toks[j - 1].lower() in ("in", "from", "at", "near"):
            return ("unnamed",)                       # "officials in New Mexico": a place, not a speaker
        if name:
            return ("name", name, titles)
    if toks and toks[-1].lower() in _TITLES and not {"a", "an"} & {t.lower() for t in toks}:
        return ("role", toks[-1].lower())
    return ("unnamed",)


def _appositive(name: list[str], clause: list[str]) -> bool:
    """Does ``clause`` describe the person just named ('Glenn Greenwald, author of …', 'Candace Smith, 33,',
    'Joe Morbitzer, the chief,'), rather than follow an opening phrase ('In May 2013, the Post’s Greg Miller')?"""
    if not (clause[0][:1].islower() or clause[0][:1].isdigit()) or clause[0].lower() in _CONJ:
        return False
    return all(_is_cap(t) or t.lower() in _PARTICLES for t in name) and _who(name)[0] == "name"


def _subject(seg: str) -> tuple | None:
    """Who the clause just before a speech verb names; None when it has no subject of its own and the
    sentence's should be used ('He praised …, but warned', '… criticised it and said')."""
    acronym = _ACRONYM_RE.search(seg)
    if acronym:                                       # "… the Communist Party (KPRF) wrote"
        return ("name", acronym.group(1), ())
    clauses = [c.split() for c in _CLAUSE_RE.split(seg) if c.strip()]
    while len(clauses) > 1 and (clauses[-1][0] in ("a", "an", "who", "which", "whose") or clauses[-1][0] in
                                _TITLES or clauses[-1][0].endswith("ing") or _appositive(clauses[-2], clauses[-1])):
        clauses.pop()                                 # "John Smith, a spokesman for X," / ", speaking at …,"
    toks = _TOKEN_RE.findall(" ".join(clauses[-1])) if clauses else []
    while toks and (toks[-1].lower() in _SKIP or toks[-1].endswith("ly") and toks[-1].islower()):
        toks.pop()                                    # "Trump also falsely claimed"
    while toks and toks[0].lower() in _CONJ:
        toks.pop(0)
    return _who(toks) if toks and toks[-1].lower() not in _CONJ else None


def _lead_phrase(seg: str) -> tuple:
    """Who the noun phrase opening ``seg`` names: a sentence's subject, or the name after an inverted verb."""
    toks = _TOKEN_RE.findall(_FIRST_CLAUSE_RE.split(seg[:200], maxsplit=1)[0])[:12]
    while toks and toks[0].lower() in _CONJ | _SKIP:
        toks.pop(0)
    if toks and toks[0].lower() in ("he", "she"):
        return ("pronoun", toks[0].lower())
    n = 0
    while n < len(toks) and (_is_cap(toks[n]) or toks[n].lower() in _TITLES | {"the", "a", "an"}):
        n += 1
    return _who(toks[:n])


def _speaker_of(text: str, lo: int, verb: tuple[int, int], sent_start: int) -> tuple:
    """Who speaks through the verb at ``text[verb[0]:verb[1]]``, judged from ``text[lo:]``: the clause before
    it, the sentence's subject, the name after it ('…,” said Putin'; 'according to X'), or for a participle
    ('…, adding that') the subject of the verb before it, else the previous speaker ('inherit')."""
    seg, word, after = text[max(lo, verb[0] - 300):verb[0]], text[verb[0]:verb[1]], text[verb[1]:verb[1] + 200]
    if word.lower() == "according to":
        return _who(_TOKEN_RE.findall(_FIRST_CLAUSE_RE.split(after, maxsplit=1)[0]))
    if word.endswith("ing"):
        earlier = list(_ATTR_RE.finditer(seg))
        if earlier:
            return _subject(seg[:earlier[-1].start()]) or ("inherit",)
        return _lead_phrase(seg) if lo <= sent_start and seg.strip(" ,") else ("inherit",)
    if not seg.strip(" ,\t") and word not in ("told", "tells", "tell"):
        return _lead_phrase(after)                    # "…,” said Putin" (but "told Jezebel" names the hearer)
    return _subject(seg) or _lead_phrase(text[sent_start:min(verb[0], sent_start + 200)])


# --- attributing quotes -----------------------------------------------------------------------------------
@dataclass
class _Speech:
    """A quote or a reported clause while it is being attributed."""

    start: int
    end: int
    anchor: int              # where its attribution sits: speakers are resolved in this order
    attr: tuple | None       # what _who returns, ('inherit',), or None (nobody is said to speak)
    kind: str = "quoted"
    speaker: str | None = None
    reach: int = 0           # how many paragraphs back 'inherit' may look (1 for a quote filling its line)


def _after(text: str, lay: _Layout, start: int, end: int, stop: int) -> tuple | None:
    """The attribution just after the closing mark at ``end``: '…,” Putin said', '…,” said Putin', '…': WHO'."""
    line_start, line_end = lay.line(end)
    window = text[end + 1:min(line_end, stop, end + 300)]
    headline = _HEADLINE_AFTER_RE.match(window)
    if headline and line_end - line_start < 200:
        return _who(headline.group(1).split())
    last = text[start:end].rstrip()[-1:]
    if not (last in ",!?…—–-." or window.lstrip().startswith(",")):
        return None                                   # the quote runs on into the outlet's sentence
    stop_at = next((m.start() for m in _CLAUSE_END_RE.finditer(window) if m.group() != "."
                    or not _ABBREV_RE.search(window[max(0, m.start() - 6):m.start()])), len(window))
    verb = _ATTR_RE.search(window, 0, stop_at)
    if not verb or len(window[:verb.start()].split()) > 25 or (
            last == "." and len(window[verb.end():stop_at].split()) > 3):
        return None                                   # “… end.” Putin said the talks …: a new sentence
    if window[:verb.start()].strip(" ,\t") and verb.group() == "according to":
        return None
    return _speaker_of(text, end + 1, (end + 1 + verb.start(), end + 1 + verb.end()), lay.sentence(end + 1)[0])


def _before(text: str, lay: _Layout, start: int, prev_end: int) -> tuple | None:
    """The attribution just before the opening mark: 'Putin said: “…”', '… told reporters that “…”'."""
    sent_start, _ = lay.sentence(start - 1)
    lo = max(sent_start, prev_end, start - 300)
    window = text[lo:start - 1]
    headline = _HEADLINE_BEFORE_RE.fullmatch(window)
    line_start = lay.line(lo)[0]
    if headline and lo - line_start <= 10 and not text[line_start:lo].strip():
        return _who(headline.group(1).split())
    verbs = list(_ATTR_RE.finditer(window))
    if not verbs or len(window) - verbs[-1].end() > 80:
        return None
    return _speaker_of(text, lo, (lo + verbs[-1].start(), lo + verbs[-1].end()), sent_start)


def _headline_name(text: str, lay: _Layout, start: int) -> tuple | None:
    """A quote in a headline that opens with its speaker: 'Rand Paul: I'll Do "Whatever It Takes" To Block …'."""
    line_start, line_end = lay.line(start)
    head = _HEADLINE_NAME_RE.match(text, line_start, start)
    if not head or line_end - line_start > 200 or lay.para_starts[lay.para(line_start)] != line_start:
        return None
    who = _who(head.group(1).split())
    return who if who[0] == "name" else None


def _neighbour_lines(text: str, lay: _Layout, start: int, end: int) -> tuple | None:
    """For a quote filling its line: a line before it ending in 'Putin said:', or a short line after it
    ('— Vladimir Putin', 'Putin said.')."""
    line_start, line_end = lay.line(start)[0], lay.line(end)[1]
    prev = text[max(0, line_start - 400):line_start].rstrip().rsplit("\n", 1)[-1]
    verbs = list(_ATTR_RE.finditer(prev)) if prev.endswith(":") else []
    if verbs:
        return _speaker_of(prev, 0, verbs[-1].span(), 0)
    nxt = text[line_end:line_end + 200].strip().split("\n", 1)[0]
    dash, verb = re.match(r"[—–-]+\s*(.+)", nxt), _ATTR_RE.search(nxt)
    if len(nxt) > 80 or _MARK_RE.search(nxt) or not (dash or verb):
        return None
    if dash:
        return _lead_phrase(dash.group(1))
    return _speaker_of(nxt, 0, verb.span(), 0) if verb else None


def _classify(text: str, lay: _Layout, ranges: list[tuple[int, int]], frames: list[_Speech]) -> list[_Speech]:
    """Each quote with its attribution and kind: quoted when someone is said to speak it, when it fills its
    line, has 4 or more words (not a Title Cased name) or is a sentence; else scare."""
    frames = sorted(frames, key=lambda f: f.start)
    frame_starts, quotes = [f.start for f in frames], []
    for i, (s, e) in enumerate(ranges):
        q = _Speech(s, e, s, _after(text, lay, s, e, ranges[i + 1][0] - 1 if i + 1 < len(ranges) else len(text))
                    if e < len(text) and text[e] in _FAMILY else None)
        q.attr = q.attr or _before(text, lay, s, ranges[i - 1][1] + 1 if i else 0) or _headline_name(text, lay, s)
        content, whole = text[s:e].strip(), _fills_line(text, lay, s, e)
        words = _WORD_RE.findall(content)
        if q.attr is None:                            # inside reported speech, or a paragraph of speech
            j = bisect_right(frame_starts, s + 1)
            around = [f for f in frames[max(0, j - 3):j] if f.start - 1 <= s < f.end]
            q.attr = around[-1].attr if around else _neighbour_lines(text, lay, s, e) if whole else None
        title = len(words) >= 2 and all(_is_cap(w) for w in words if len(w) >= 4) and not content.isupper()
        sentence = len(words) >= 2 and content[:1].isupper() and content[-1:] in ".!?" and not title
        if _SCARE_CUE_RE.search(text[max(0, s - 31):max(0, s - 1)]) and len(words) <= 12 and not whole or not (
                q.attr or whole or len(words) >= 4 and not title or sentence):
            q.kind = "scare"
        elif q.attr is None:                          # a headline in quotes has no speaker
            q.attr, q.reach = ("unnamed",) if whole and content[-1:] not in ".!?,…" else ("inherit",), int(whole)
        quotes.append(q)
    return quotes


def _fills_line(text: str, lay: _Layout, s: int, e: int) -> bool:
    """Does the quote fill its line(s), marks and final punctuation aside (a headline, a paragraph of speech)?"""
    line_start, line_end = lay.line(s - 1)[0], lay.line(e)[1]
    return s - 1 - line_start <= 10 and not text[line_start:s - 1].strip() and \
        line_end - e <= 10 and not text[e + 1:line_end].strip(" \t.,;:!?”’\"'»")


# --- reported speech --------------------------------------------------------------------------------------
def _content_start(text: str, verb: str, verb_end: int, sent_end: int) -> int | None:
    """Where the reported content after a speech verb begins: after 'that' (after at most an addressee or a
    time: 'told reporters that', 'said on Monday that'), after 'if'/'whether' for ask; for say and tell after
    the verb, time words ('said Wednesday') and addressee ('told reporters'); for other verbs when a clause
    follows ('insists he doesn't owe'); None when no clause follows."""
    rest = text[verb_end:min(sent_end, verb_end + 300)]
    that = _THAT_RE.match(rest)
    tell = verb.startswith(("tell", "told", "warn", "ask"))
    gap = that.group(1).split() if that else []
    if that and (that.group(2) != "that") == (verb in _ASK) and not _REPORT_RE.search(that.group(1)) and (
            not gap or tell and len(gap) <= 12 or gap[0].lower() in _GAP_START and len(gap) <= 12):
        return verb_end + that.end()
    if verb in _ASK:
        return None
    if verb not in _NO_THAT:
        return verb_end + len(rest) - len(rest.lstrip()) if _CLAUSE_AHEAD_RE.match(rest) else None
    lead = (_ADDRESSEE_RE if tell else _TIME_RE).match(rest)
    words = rest[lead.end():].split() if lead else []
    if lead is None or len(words) < 3 or not words[0][0].isalpha() or words[0].lower() in (
            "in", "at", "on", "to", "of", "for", "with", "during", "after", "before", "from", "by", "as", "so"):
        return None
    return verb_end + lead.end()


def _tail(text: str, verb: tuple[int, int], sent_start: int, sent_end: int) -> int | None:
    """'…, the Justice Department said.', '…” for his firing, the spokesman added.', '…, said Sanders, a
    spokeswoman.': where the reported content before a clause-final attribution ends (None if there is none)."""
    after, head = text[verb[1]:sent_end].split(), text[max(sent_start, verb[0] - 90):verb[0]]
    if text[verb[1]:verb[1] + 2].lstrip()[:1] in (",", ":") or _MARK_RE.search(text, verb[1], sent_end):
        return None                                   # '… wrote, “…”': the quote is what was said
    cut = max(head.rfind(","), max((head.rfind(c) for c in "”\"’'»"), default=-1))
    if cut < 0 or not _TAIL_BOUNDARY_RE.search(head, 0, cut + 2 if head[cut:cut + 2] != "”," else cut + 3):
        return None
    subject = head[cut + 1:].split()
    if len(subject) > 10 or "that" in subject or subject and (subject[0].lower() in _CONJ or _AUX_RE.search(
            " ".join(subject))) or _ATTR_RE.search(head, cut + 1) or text[verb[0]:verb[1]].endswith(
            "ing") or len(after) > (10 if not subject else 6) or not subject and not after:
        return None
    end = max(sent_start, verb[0] - 90) + cut
    while end > sent_start and text[end - 1] in "”\"’'», \t":
        end -= 1
    return end if len(text[sent_start:end].split()) >= 2 else None


def _reported(text: str, lay: _Layout) -> list[_Speech]:
    """'X said (that) …', 'X told Y that …', '…, adding that …', '…, X said.', 'According to X, …', '…,
    according to X.', 'As X noted, …': the reported content. ``text`` has its quotes masked, so verbs and names inside them
    are not seen."""
    frames, tails = [], {}
    for m in _REPORT_RE.finditer(text):
        vs, before = m.start(), text[max(0, m.start() - 12):m.start()].split()
        sent_start, sent_end = lay.sentence(vs)
        inverted = text[max(sent_start, vs - 3):vs].rstrip().endswith((",", "”", '"', "’", "»"))
        tail = None if m.group() in _ASK or not inverted and _content_start(text, m.group(), m.end(), sent_end) \
            is not None else _tail(text, m.span(), sent_start, sent_end)
        if tail is not None:
            tails[sent_start] = tail
            if _REPORT_RE.search(text, sent_start, tail):
                continue                              # "She told police that …,” the report said": trim only
            frames.append(_Speech(sent_start, tail, vs, _speaker_of(text, tail + 1, m.span(), sent_start), "reported"))
            continue
        if before and (before[-1].lower() in ("the", "a", "an", "his", "her", "their", "its", "our", "these",
                                              "those", "such") or before[-1].endswith(_POSSESSIVE)
                       or before[-1] == "to" and not _THAT_RE.match(text, m.end())) \
                or _AFTER_QUOTE_RE.search(text, max(sent_start, vs - 4), vs):
            continue                                  # "the claims that", "to say", "…,” said Putin"
        start = _content_start(text, m.group(), m.end(), sent_end)
        if start is not None and start < sent_end:
            frames.append(_Speech(start, sent_end, vs, _speaker_of(text, sent_start, m.span(), sent_start), "reported"))
    for f in frames:                                  # "… that when she “…,” the report said": not the tail
        tail = tails.get(lay.sentence(f.start)[0])
        if tail is not None and f.start < tail < f.end:
            f.end = tail
    return frames + _according(text, lay) + _as_noted(text, lay)


def _according(text: str, lay: _Layout) -> list[_Speech]:
    """'According to X, …' (the rest of the sentence) and '…, according to X.' (what comes before)."""
    frames = []
    for m in _ACCORDING_RE.finditer(text):
        if m.start() and text[m.start() - 1].isalnum() or _NOT_A_SOURCE.match(text, m.end()):
            continue
        sent_start, sent_end = lay.sentence(m.start())
        comma, head_end = text.find(",", m.end(), min(sent_end, m.end() + 200)), m.start()
        while head_end > sent_start and text[head_end - 1] in " \t,(—–“\"«„'‘":
            head_end -= 1
        attr = _speaker_of(text, m.start(), m.span(), sent_start)
        if comma >= 0 and head_end == sent_start:
            frames.append(_Speech(comma + 1, sent_end, m.start(), attr, "reported"))
        elif comma < 0 and head_end > sent_start and sent_end - m.end() <= 200:
            frames.append(_Speech(sent_start, head_end, m.start(), attr, "reported"))
    return frames


def _as_noted(text: str, lay: _Layout) -> list[_Speech]:
    """'As Miller put it, …', 'As reported by CNN, …': the rest of the sentence, read like 'according to X'
    (not 'as I noted', 'as we reported': the outlet's own voice)."""
    frames = []
    for m in _AS_RE.finditer(text):
        toks = _TOKEN_RE.findall(m.group(1) or m.group(2))
        attr = _who(toks) if toks and toks[0].lower() not in ("i", "we", "you", "it", "they") else ("unnamed",)
        if attr[0] in ("name", "pronoun", "role"):
            frames.append(_Speech(m.end(), lay.sentence(m.start())[1], m.start(), attr, "reported"))
    return frames


# --- speakers and the result ------------------------------------------------------------------------------
class _Speakers:
    """Who has spoken so far, to turn 'he', 'the minister' and a lone surname into a full name."""

    def __init__(self, text: str, masked: str) -> None:
        self.text, self.masked = text, masked
        self.last_person: str | None = None
        self.roles: dict[str, str] = {}
        self.defined: dict[str, str] | None = None
        self.people: tuple[list[int], list[str], dict[str, str]] | None = None   # people named outside quotes
        self.known: dict[str, None] = {}              # people and bodies of more than one word who spoke
        self.runs: dict[str, list[tuple[int, list[str]]]] | None = None
        self.found: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}

    def resolve_all(self, speeches: list[_Speech], lay: _Layout) -> None:
        """Name every speech's speaker in reading order, so that 'he said' means the last person who spoke."""
        last: tuple[int, str | None] | None = None
        for sp in sorted(speeches, key=lambda s: s.anchor):
            if sp.kind != "scare" and sp.attr is not None:
                para = lay.para(sp.anchor)
                inherit = sp.attr[0] == "inherit"
                sp.speaker = (last[1] if last and last[0] >= para - sp.reach else None) if inherit else \
                    self.resolve(sp.attr, sp.anchor, lay)
                last = (para, sp.speaker)

    def resolve(self, attr: tuple, pos: int, lay: _Layout) -> str | None:
        """The speaker an attribution names at ``pos``; a name is remembered for later 'he' and 'the minister'."""
        if attr[0] in ("pronoun", "role"):
            return self.mentioned(pos, lay, attr[1:]) if attr[0] == "pronoun" else self.roles.get(attr[1])
        if attr[0] != "name":
            return None
        name, titles = self.fullest(attr[1], pos)
        self.roles.update({title: name for title in titles + attr[2]})
        parts = name.split()
        if len(parts) > 1 and not name.isupper() and not any(p.lower() in _ORG_WORDS for p in parts):
            self.last_person = name
        if len(parts) > 1:
            self.known.pop(name, None)
            self.known[name] = None                   # an ordered set: the most recent speaker last
        return name

    def mentioned(self, pos: int, lay: _Layout, pronoun: tuple = ()) -> str | None:
        """Whom 'he' or 'she' at ``pos`` means: the first person of that gender (when the text tells it) named
        outside quotes in the nearest sentence, this one up to ``pos`` or an earlier one, that names such a
        person; else the last person who spoke."""
        if self.people is None:
            self.people = self._people(lay)
        where, names, gender = self.people
        j = bisect_left(where, pos) - 1
        while j >= 0 and pos - where[j] <= 1500:
            first = bisect_left(where, lay.sentence(where[j])[0])
            fits = [n for n in names[first:j + 1] if not pronoun or gender.get(n, pronoun[0]) == pronoun[0]]
            if fits:
                return fits[0]
            j = first - 1
        return self.last_person

    def _people(self, lay: _Layout) -> tuple[list[int], list[str], dict[str, str]]:
        """Every mention of a person outside quotes (a name of two or more words, or the surname of one), and
        each person's gender where the sentences naming only them use 'he'/'his' or 'she'/'her' more."""
        full: dict[str, str] = {}
        for m in _RUN_RE.finditer(self.masked):
            name, _ = _clean_name(m.group().split())
            if name and " " in name and not name.isupper() and not any(p.lower() in _ORG_WORDS for p in name.split()):
                full.setdefault(name.split()[-1], name)
        where, names = [], []
        for m in _CAP_WORD_RE.finditer(self.masked):
            key = m.group()[:-2] if m.group().endswith(("’s", "'s")) else m.group()
            if key in full:
                where.append(m.start())
                names.append(self.fullest(key, m.start())[0])
        tally: dict[str, list[int]] = {}
        for i, (pos, name) in enumerate(zip(where, names)):
            s, e = lay.sentence(pos)
            if len(set(names[bisect_left(where, s):bisect_left(where, e)])) == 1:
                counts = tally.setdefault(name, [0, 0])
                for p in _PRONOUN_RE.findall(self.masked, pos, e):
                    counts[p.lower() in ("she", "her", "hers", "herself")] += 1
        gender = {n: "he" if c[0] > c[1] else "she" for n, c in tally.items() if c[0] != c[1]}
        return where, names, gender

    def acronyms(self) -> dict[str, str]:
        """Acronyms the text defines: 'National Rifle Association (NRA)' -> {'NRA': 'National Rifle Association'}."""
        if self.defined is None:
            self.defined = {}
            for m in _DEFINED_RE.finditer(self.text):
                words = m.group(1).split()
                while words and len(words) > len(m.group(2)):
                    words = words[1:]                 # "the … National Rifle Association": from its first initial
                    while words and not _is_cap(words[0]):
                        words = words[1:]
                initials = "".join(w[0] for w in words if _is_cap(w))
                if initials == m.group(2).replace(".", ""):
                    self.defined[m.group(2)] = " ".join(words)
        return self.defined

    def fullest(self, name: str, pos: int) -> tuple[str, tuple[str, ...]]:
        """A one-word name widened to someone who already spoke ('Tedros' -> 'Tedros Adhanom Ghebreyesus'),
        else to its fullest mention ending in it, the nearest before ``pos`` ('Putin' -> 'Vladimir Putin')."""
        if name.isupper():
            return self.acronyms().get(name, name), ()
        if " " in name:
            return name, ()
        known = next((k for k in reversed(self.known) if name in k.split()), None)
        if known:
            return known, ()
        if name not in self.found:
            self.found[name] = self._mentions(name)
        found = self.found[name]
        candidates = [f for f in found if f[0] <= pos] or found[:1]
        if not candidates:
            return name, ()
        best = candidates[-1]
        return best[1], best[2]

    def _mentions(self, name: str) -> list[tuple[int, str, tuple[str, ...]]]:
        """Where the text names someone in more than one word ending in ``name``, and their titles."""
        if self.runs is None:                         # every capitalised run, by its last word, found once
            self.runs = {}
            for m in _RUN_RE.finditer(self.text):
                run, last = m.group().split(), m.group().split()[-1]
                key = last[:-2] if last.endswith(("’s", "'s")) else last.rstrip("’'")   # Putin's -> Putin
                self.runs.setdefault(key, []).append((m.start(), run))
        found = []
        for start, run in self.runs.get(name, ()):
            full, titles = _clean_name(run)
            if full and " " in full:
                found.append((start, full, titles))
        return found


def _assemble(text: str, quotes: list[_Speech], frames: list[_Speech]) -> tuple[Quote, ...]:
    """The final ranges: reported content minus quotes (trimmed, two words or more), no two speech ranges
    overlapping; a scare quote that straddles one is dropped."""
    quoted = [(q.start, q.end) for q in quotes if q.kind == "quoted"]
    starts, pieces, covered = [s for s, _ in quoted], [], -1
    for f in sorted(frames, key=lambda f: (f.start, -f.end)):
        if f.end <= covered:
            continue                                  # inside an earlier frame, which wins anyway
        cur, covered = f.start, f.end
        for qs, qe in quoted[max(0, bisect_right(starts, f.start) - 1):bisect_left(starts, f.end)] + [(f.end, f.end)]:
            s, e = cur, min(max(cur, qs), f.end)
            while s < e and (text[s].isspace() or text[s] in _FAMILY or text[s] in ",;:—–-"):
                s += 1
            while e > s and (text[e - 1].isspace() or text[e - 1] in _FAMILY or text[e - 1] in ",;:—–-"):
                e -= 1
            if len(_WORD_RE.findall(text[s:e])) >= 2:
                pieces.append((s, e, f.speaker))
            cur = max(cur, qe)
    out = [Quote(q.start, q.end, "quoted", q.speaker) for q in quotes if q.kind == "quoted"]
    for s, e, speaker in sorted(pieces, key=lambda p: (p[0], -p[1])):
        if not out[len(quoted):] or s >= out[-1].end:
            out.append(Quote(s, e, "reported", speaker))
    speech = sorted((q.start, q.end) for q in out)
    speech_starts = [s for s, _ in speech]
    out += [Quote(q.start, q.end, "scare") for q in quotes if q.kind == "scare"
            and not _straddles(speech, speech_starts, q.start, q.end)]
    return tuple(sorted(out, key=lambda q: (q.start, -q.end)))


def find_quotes(text: str) -> tuple[Quote, ...]:
    """All quoted, reported and scare ranges, sorted by (start, -end). Never raises on any str."""
    if not isinstance(text, str) or not text.strip():
        return ()
    lay = _Layout(text)
    ranges = _pair_marks(text, lay)
    pieces, cur = [], 0                               # quotes blanked out: no verbs or names inside them
    for s, e in ranges:
        pieces += [text[cur:s], "x" * (e - s)]
        cur = e
    masked = "".join(pieces) + text[cur:]
    frames = _reported(masked, lay)
    quotes = _classify(text, lay, ranges, frames)
    _Speakers(text, masked).resolve_all(quotes + frames, lay)
    return _assemble(text, quotes, frames)


def voice_of(quotes: Sequence[Quote], start: int, end: int) -> tuple[str, str | None]:
    """(voice, speaker) for ``text[start:end]``: 'quoted' with that quote's speaker when at least half the
    span's characters lie inside quoted ranges (the longest overlap wins, then the innermost), else
    'reported' likewise, else ('outlet', None). Scare quotes are the outlet's voice. An empty span is
    judged by the character at ``start``."""
    end = max(end, start + 1)
    for kind in ("quoted", "reported"):
        hits = [q for q in quotes if q.kind == kind and q.start < end and q.end > start]
        covered, reach = 0, start
        for s, e in sorted((max(q.start, start), min(q.end, end)) for q in hits):
            covered += max(0, e - max(s, reach))
            reach = max(reach, e)
        if hits and 2 * covered >= end - start:
            best = max(hits, key=lambda q: (min(q.end, end) - max(q.start, start), q.start - q.end))
            return kind, best.speaker
    return "outlet", None
