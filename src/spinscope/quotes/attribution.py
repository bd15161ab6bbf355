"""Who says a quotation: the attribution after or before its marks, or on a neighbouring line."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spinscope.quotes.dialogue import _after_guillemets
from spinscope.quotes.layout import _Layout
from spinscope.quotes.words import HEADLINE_VERBS as _HEADLINE_VERBS
from spinscope.quotes.words import ORG_WORDS as _ORG_WORDS
from spinscope.quotes.names import _NOUN_BEFORE_RE, _is_cap, _lead_phrase, _main_subject, _pair, _speaker_of, _subject, _who
from spinscope.quotes.patterns import (
    _ABBREV_RE,
    _ATTR_RE,
    _BY_AGENT_RE,
    _CLAUSE_END_RE,
    _EVALUATE_RE,
    _OBJECT_END_RE,
    _FAMILY,
    _HEADLINE_AFTER_RE,
    _HEADLINE_BEFORE_RE,
    _HEADLINE_NAME_RE,
    _MARK_RE,
    _PASSIVE_RE,
    _SCARE_CUE_RE,
    _TOKEN_RE,
    _WORD_RE,
)


_OWNED_RE = re.compile(r"((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w.-]*)(?:’s|'s)\s+(?:vows?|promises?|pledges?|claims?|words|"
                       r"remarks?|comments?|statements?|warnings?|threats?|calls?|demands?|assertions?|tweets?|"
                       r"posts?|messages?|repl(?:y|ies)|responses?|answers?|insistence|description)(?:\s+(?:to|that|of|"
                       r"about|as))?\s*:?\s*$")      # "Trump's vow to “get involved.”": the owner's words
_RELATIVE_OWNER_RE = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:of\s+)?){0,4}[A-Z][\w’'.-]*),\s+(?:which|who)\s*$")
_NEW_CLAUSE_RE = re.compile(r"\b(?:that\s+(?:he|she|they|it|we|I|you|there)|which|who)\b")   # "… ensure that he was"
_NAME_LINE_RE = re.compile(r"(?:[A-Z][a-z’'-]+\s){1,2}[A-Z][a-z’'-]+\.")      # "Dave Weigel.", a signature
_PAGE_WORDS = {"read", "more", "related", "share", "breaking", "source", "click", "watch", "subscribe", "news",
               "video", "photo", "follow", "sign", "email", "print", "home", "top", "latest", "see", "also"}
_ISSUED_RE = re.compile(r"\b(?:issued|released|put out|posted|published|sent out|shared)\s+(?:a|an|the|this|their|"
                        r"his|her|its)\s+(?:[\w-]+\s+)?(?:statement|letter|message|tweet|release|memo)\b")
_REPORTER_AFTER_RE = re.compile(r",?[ \t]+(?:[Tt]he[ \t]+)?(?:[A-Z][\w’'.-]*[ \t]+){1,4}(?:reported|reports)\b")
_SIGNED_RE = re.compile(r"[ \t]*[—–-]{1,2}[ \t]*((?:[A-Z][\w’'.-]*[ \t]+){0,3}[A-Z][\w’'-]*)[ \t]*(?:[.,(]|$)",
                        re.MULTILINE)     # a name signed after the closing mark on its line
_BYLINE_RE = re.compile(r"\s*by\s+((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)\s*(?:[,.(\n]|$)")


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
    hearer: str | None = None    # the person a question is put to ('asking Clinton if …'), who answers next


_CHARGED_RE = re.compile(r"[ \t]*,?[ \t]*((?:[Hh]e|[Ss]he|(?:[A-Z][\w’'.-]*[ \t]+){0,2}[A-Z][\w’'.-]*))[ \t]+charged[ \t]*[,.]")
# "charged" attributes only in this inverted form: elsewhere it is a charge ("was charged with “…”")
_HEADLINE_VERB_RE = re.compile(rf"((?:[A-Z][\w’'.-]*[ \t]+){{1,4}}?)(?:{_HEADLINE_VERBS})(?:[ \t]+[A-Z][\w’'-]*){{0,3}}[ \t]*:?[ \t]*")
_SOURCE_BEFORE_RE = re.compile(r"\s*(?:(?:But|And|Yet|So|Also)\s+)?[Aa]ccording\s+to\s+([^,;:“”\"«»\n]{1,80}),\s*")


def _after(text: str, lay: _Layout, start: int, end: int, stop: int) -> tuple | None:
    """The attribution just after the closing mark at ``end``: '…,” Putin said', '…,” said Putin', '…': WHO'."""
    line_start, line_end = lay.line(end)
    window = text[end + 1:min(line_end, stop, end + 300)]
    headline = _HEADLINE_AFTER_RE.match(window)
    if headline and line_end - line_start < 200:
        return _who(headline.group(1).split())
    last = text[start:end].rstrip().rstrip("’'”\"»")[-1:]     # "…, ‘We are starving,’” Hogrefe said
    signed = _SIGNED_RE.match(window)
    if signed:                                        # “…” – Einstein. / “…” –Edward Snowden (source)
        who = _who(signed.group(1).split())
        return who if who[0] == "name" else None
    byline = _BYLINE_RE.match(window) if last == "," else None
    if byline:                                        # “Title of the Piece,” by Peter Hasson, Daily Caller
        return _who(byline.group(1).split())
    if not (last in ",!?…—–-." or window.lstrip().startswith(",")):
        return None                                   # the quote runs on into the outlet's sentence
    stop_at = next((m.start() for m in _CLAUSE_END_RE.finditer(window) if m.group() != "."
                    or not _ABBREV_RE.search(window[max(0, m.start() - 6):m.start()])), len(window))
    verb = _ATTR_RE.search(window, 0, stop_at)
    charged = _CHARGED_RE.match(window) if not verb else None
    if charged:                                       # '“The European media,” he charged, “…”'
        return _who(charged.group(1).split())
    if not verb or len(window[:verb.start()].split()) > 25 or last == "." and (
            len(window[verb.end():stop_at].split()) > 3 or len(window[:verb.start()].split()) > 6):
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
    source = _SOURCE_BEFORE_RE.fullmatch(window)
    if source:                                        # "According to CNN, “…”": the source's words
        who = _who(source.group(1).split())
        return who if who[0] in ("name", "body") else None
    verbs = [v for v in _ATTR_RE.finditer(window) if v.group() not in ("read", "reads") and not _NOUN_BEFORE_RE.search(
        window, max(0, v.start() - 12), v.start()) and not window.endswith("of ", 0, v.start()) and not (
        v.group().startswith("recommend") and window.startswith(" for ", v.end()))]     # "the treatment recommended for"
    # "read Trump's tweet:", "blasted the state’s “…”", "while secretary of state, failed to maintain “…”": no verbs
    if not verbs and window.rstrip().endswith(":"):   # "Ellison led the crowd in a chant: “…”": the subject's
        lead = _main_subject(text[sent_start:start])
        return lead if lead[0] in ("name", "pronoun") else None
    if not verbs or len(window) - verbs[-1].end() > 80:
        return None
    return _speaker_of(text, lo, (lo + verbs[-1].start(), lo + verbs[-1].end()), sent_start)


def _headline_name(text: str, lay: _Layout, start: int) -> tuple | None:
    """A quote in a headline that opens with its speaker: 'Rand Paul: I'll Do "Whatever It Takes" To Block …', or
    with its speaker and a verb of saying or judging in title case: 'Pope Francis Denounces “Murderous …”'."""
    line_start, line_end = lay.line(start)
    if line_end - line_start > 200 or lay.para_starts[lay.para(line_start)] != line_start:
        return None
    head = _HEADLINE_NAME_RE.match(text, line_start, start) or _HEADLINE_VERB_RE.fullmatch(text, line_start, start - 1)
    if not head:
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
    if _ISSUED_RE.search(prev) and not re.search("[“”\"«»]", prev):    # "X and Y issued a statement.\n“…”": X's
        pair = _pair(prev)
        lead = ("name", pair, ()) if pair else _main_subject(prev)
        if lead[0] in ("name", "pronoun"):
            return lead
    nxt = text[line_end:line_end + 200].strip().split("\n", 1)[0]
    if _NAME_LINE_RE.fullmatch(nxt) and text[end:end + 1] in _FAMILY and not _PAGE_WORDS & set(nxt.lower().split()):
        return _who(nxt.rstrip(".").split())          # “…”\nDave Weigel.: a signature under the quote
    dash, verb = re.match(r"[—–-]+\s*(.+)", nxt), _ATTR_RE.search(nxt)
    if len(nxt) > 80 or _MARK_RE.search(nxt) or not (dash or verb) or verb and not dash and len(
            nxt[verb.end():].split()) > 4:
        return None                                   # "Trump has previously said he supports …": a new sentence
    if dash:
        return _lead_phrase(dash.group(1))
    return _speaker_of(nxt, 0, verb.span(), 0) if verb else None


def _classify(text: str, lay: _Layout, ranges: list[tuple[int, int]], frames: list[_Speech]) -> list[_Speech]:
    """Each quote with its attribution and kind: quoted when someone is said to speak it, when it fills its
    line, has 4 or more words (not a Title Cased name) or is a sentence; else scare."""
    frames = sorted(frames, key=lambda f: f.start)
    frame_starts, quotes = [f.start for f in frames], []
    for i, (s, e) in enumerate(ranges):
        closed = e < len(text) and text[e] in _FAMILY
        q = _Speech(s, e, s, closed and _after_guillemets(text, e) or _after(
            text, lay, s, e, ranges[i + 1][0] - 1 if i + 1 < len(ranges) else len(text)) if closed else None)
        if q.attr is None:
            q.attr = _before(text, lay, s, ranges[i - 1][1] + 1 if i else 0) or _headline_name(text, lay, s)
            q.anchor = _verb_before(text, lay, s)
        elif _REPORTER_AFTER_RE.match(text, e + 1):   # "X told them there was “…,” The AP reported.": X's
            q.attr = _inner_speaker(text, lay, s) or q.attr
        content, whole = text[s:e].strip(), _fills_line(text, lay, s, e)
        words = _WORD_RE.findall(content)
        if q.attr is None:                            # inside reported speech, or a paragraph of speech
            j = bisect_right(frame_starts, s + 1)
            around = [f for f in frames[max(0, j - 3):j] if f.start - 1 <= s < f.end]
            q.attr, q.anchor = (around[-1].attr, around[-1].anchor) if around else (
                _neighbour_lines(text, lay, s, e) if whole else _evaluation(text, lay, s, e) or _owned(text, s) or _relative_owner(text, s, e), q.anchor)
        long = [w for w in words if len(w) >= 4]
        title = len(words) >= 2 and len(long) >= 2 and all(map(_is_cap, long)) and not content.isupper()
        sentence = len(words) >= 2 and content[:1].isupper() and content[-1:] in ".!?" and not title
        if _SCARE_CUE_RE.search(text[max(0, s - 31):max(0, s - 1)]) and len(words) <= 12 and not whole or not (
                q.attr or whole or len(words) >= 4 and not title or sentence):
            q.kind = "scare"
        elif q.attr is None:                          # a headline in quotes has no speaker
            closed_by = content.rstrip("’'”\"»")[-1:]    # "“I told them, ‘Let them see it.’”" ends a sentence
            q.attr, q.reach = ("unnamed",) if whole and closed_by not in ".!?,…" else ("inherit",), int(whole)
        quotes.append(q)
    return quotes


def _inner_speaker(text: str, lay: _Layout, s: int) -> tuple | None:
    """The person a speech verb before the quote opening at ``s``, in its sentence, names ('Magistrate Judge Kirtan
    Khalsa told the defendants there was “…”'), or None."""
    sent_start = lay.sentence(s - 1)[0]
    verbs = [v for v in _ATTR_RE.finditer(text, sent_start, s - 1) if v.group() != "according to"]
    if not verbs:
        return None
    who = _speaker_of(text, sent_start, verbs[-1].span(), sent_start)
    return who if who[0] in ("name", "pronoun") else None


def _verb_before(text: str, lay: _Layout, s: int) -> int:
    """Where the attribution of a quote opening at ``s`` sits when it comes before it: its sentence's last speech
    or judging verb, so that 'He accused Craig Melvin of “…”' reads 'He' before Melvin is named; else ``s``."""
    lo = max(lay.sentence(s - 1)[0], s - 300)
    verbs = list(_ATTR_RE.finditer(text, lo, s)) + list(_EVALUATE_RE.finditer(text, lo, s))
    return max((v.start() for v in verbs), default=s)


def _relative_owner(text: str, s: int, e: int) -> tuple | None:
    """A quotation of four words or more opening a relative clause after a name ('the Vox-Pol Network of
    Excellence, which “is designed to comprehensively research …”'): that body's or person's words. A short one
    ('Haspel, who “tortured some folks,”') is left to the other rules."""
    owner = _RELATIVE_OWNER_RE.search(text, max(0, s - 1 - 120), max(0, s - 1))
    if owner is None or len(_WORD_RE.findall(text[s:e])) < 4:
        return None
    run = owner.group(1).split()
    if any(w.lower() in _ORG_WORDS for w in run):
        return ("name", " ".join(w for w in run if w not in ("The", "the")), ())   # the body's whole name
    who = _who(run)
    return who if who[0] == "name" else None


def _owned(text: str, s: int) -> tuple | None:
    """A quotation after a named person's speech noun: 'President Donald Trump's vow to “get involved.”', 'Putin’s
    words that “…”': that person's words. None otherwise."""
    owner = _OWNED_RE.search(text, max(0, s - 1 - 120), max(0, s - 1))
    if owner is None:
        return None
    who = _who(owner.group(1).split())
    return who if who[0] == "name" else None


def _evaluation(text: str, lay: _Layout, s: int, e: int) -> tuple | None:
    """A quotation that is the object of a verb of calling or judging, in the same sentence: its subject's words
    ('Tillerson thanked diplomats for their “honesty”', 'He called them “heroes”'), or the agent's of a passive
    ('was condemned as “obstruction” by Lee Hamilton'). None when the subject names nobody ('a group called')."""
    sent_start = lay.sentence(s - 1)[0]
    lo = max(sent_start, s - 1 - 150)
    verbs = list(_EVALUATE_RE.finditer(text, lo, s - 1))
    if not verbs or _CLAUSE_END_RE.search(text, verbs[-1].end(), s - 1) or _NEW_CLAUSE_RE.search(
            text, verbs[-1].end(), s - 1) or not (
            text[s:e].rstrip()[-1:] in ".!?," or _OBJECT_END_RE.match(text, e + 1)):
        return None                                   # not the object: "slams 'fake news' media"
    verb = verbs[-1]
    if _PASSIVE_RE.search(text, lo, verb.start()):
        agent = _BY_AGENT_RE.match(text, e + 1)
        attr = _who(_TOKEN_RE.findall(agent.group(1))) if agent else None
    elif verb.group().endswith("ing"):                # "Pelikan reacted to the story, calling it “troubling.”"
        attr = _main_subject(text[sent_start:verb.start()])
    else:
        attr = _subject(text[lo:verb.start()])
    return attr if attr and attr[0] in ("name", "pronoun", "role", "document") else None


def _fills_line(text: str, lay: _Layout, s: int, e: int) -> bool:
    """Does the quote fill its line(s), marks and final punctuation aside (a headline, a paragraph of speech)?"""
    line_start, line_end = lay.line(s - 1)[0], lay.line(e)[1]
    return s - 1 - line_start <= 10 and not text[line_start:s - 1].strip() and \
        line_end - e <= 10 and not text[e + 1:line_end].strip(" \t.,;:!?”’\"'»")
