"""Reading names: the speaker named next to a speech verb, with titles and roles cut off."""

from __future__ import annotations

import re
from functools import lru_cache

from spinscope.quotes.patterns import (
    _ACRONYM_RE,
    _ATTR_RE,
    _BY_AGENT_RE,
    _CLAUSE_RE,
    _FIRST_CLAUSE_RE,
    _PASSIVE_RE,
    _POSSESSIVE,
    _TOKEN_RE,
)
from spinscope.quotes.words import BODIES as _BODIES
from spinscope.quotes.words import CONJ as _CONJ
from spinscope.quotes.words import GENERIC as _GENERIC
from spinscope.quotes.words import HEADLINE_VERBS as _HEADLINE_VERBS
from spinscope.quotes.words import MODIFIERS as _MODIFIERS
from spinscope.quotes.words import ORG_NOUNS as _ORG_NOUNS
from spinscope.quotes.words import ORG_WORDS as _ORG_WORDS
from spinscope.quotes.words import PARTICLES as _PARTICLES
from spinscope.quotes.words import SKIP as _SKIP
from spinscope.quotes.words import STOP as _STOP
from spinscope.quotes.words import TITLES as _TITLES


_PARTY_RE = re.compile(r"[DRI]-[A-Z][A-Za-z.]*")          # "Rep. Jackie Speier (D-CA)": a party and state, no body
_ROLE_GLUE = {"for", "the", "a", "an"}            # words inside a role before a name
_OWN_VOICE = {"office", "campaign", "spokesman", "spokeswoman", "spokesperson", "press", "service", "team",
              "statement", "representative", "representatives"}      # "X’s office said": X's words
_DOCUMENTS = {"statement", "letter", "release", "suit", "lawsuit", "complaint", "message", "filing", "memo", "tweet",
              "post", "motion", "petition", "ruling", "order", "notice", "website", "site"}
_NOUN_BEFORE_RE = re.compile(r"\b(?:the|a|an|that|this|his|her|their|its|our|such)\s+$")
_NAMES_IN_LY = {"daily", "weekly", "kelly", "emily", "beverly", "kimberly", "holly", "sally", "billy", "molly", "shelly",
                "italy", "riley", "ely"}     # "the Daily Caller", "Megyn Kelly": no adverbs
_CONTRACTED_RE = re.compile(r"(?i:he|she|they|we|i)[’'](?:s|d)")
_WORKS = {"report", "article", "story", "investigation", "analysis", "editorial", "study", "piece", "survey", "poll",
          "review", "column"}     # "a Washington Post report on X": the Post's words
_STATE_RE = re.compile(r"\((?:[A-Z]{2}|[DRI]-[A-Z][A-Za-z.]*)\),?")     # "Nancy Pelosi (CA)", "(R-IA)"
_PAIR_RE = re.compile(r"((?:[A-Z][\w’'.-]*[ \t]+)*[A-Z][\w’'.-]*)(?:[ \t]*\([^)]*\))?,?[ \t]+and[ \t]+"
                      r"((?:[A-Z][\w’'.-]*[ \t]+)*[A-Z][\w’'.-]*)")   # "Nancy Pelosi (D-CA) and Chuck Schumer"
_THAT_WORD_RE = re.compile(r"\b(?:that|if|whether)\b")
_INVERTED = {"not", "only", "never", "nor"}        # words that open an inverted clause before its subject
_RELATIONS = {"son", "daughter", "wife", "husband", "mother", "widow", "widower", "cousin", "uncle", "aunt", "nephew",
              "niece", "grandson", "granddaughter", "grandfather", "grandmother", "girlfriend", "boyfriend", "partner",
              "lawyer", "friend", "fiancée", "fiancee", "fiancé", "stepson", "stepdaughter", "parents", "sibling"}
# "Yonathan Halimi, Sarah Lucy’s son,": a relation after a possessive describes the name before it
_COMPASS = {"New", "North", "South", "East", "West"}     # the first word of a two-word state ("New York")
_PARTY_NOUNS = {"democrat", "republican", "libertarian"}     # "the Democrat": a person, like "the senator"


_TITLE_CASE_GLUE = {"In", "On", "The", "From", "For", "To", "By", "Before", "After", "Under", "Just", "At", "With",
                    "Into", "Over", "About", "Against", "Is", "Was", "Are", "Were", "Will", "Has", "Have"}
# "Seattle Police First In State To Seize Gun …": inside a name, these words come in lower case ("Network of Excellence")
_TITLE_CASE_VERBS = set(_HEADLINE_VERBS.split("|")) | {
    "Defends", "Rips", "Reveals", "Revealed", "Responds", "Explains", "Attacks", "Mocks", "Contradicts", "Cracks",
    "Pardoned", "Killed", "Approved", "Uncovered"}
_DESCRIBING = {"Author", "Coroner", "Columnist", "Writer", "Reporter", "Journalist", "Activist", "Host", "Blogger",
               "Democrats", "Republicans", "Senators", "Leaders"}    # "… Religion Author Gary Wills": a description
MAX_NAME_WORDS = 6


def presentable(speaker: str | None) -> str | None:
    """A speaker as a reader should see it: a headline in Title Case read as a name is cut to its subject before a
    verb ('Keith Ellison Defends Louis Farrakhan' -> 'Keith Ellison') or, holding a capitalised preposition, article
    or auxiliary ('New Audio From The Night Of …') or over six words (a list of names), dropped (None: nobody named);
    a description before a name of two or three words is cut off ('Foolish Religion Author Gary Wills')."""
    if speaker is None:
        return None
    words = speaker.split()
    for k, word in enumerate(words[1:], 1):
        if word in _TITLE_CASE_VERBS:
            subject = " ".join(words[:k])
            return subject if 1 < k <= 3 and all(_is_cap(w) for w in words[:k]) else None
        if word in _TITLE_CASE_GLUE:
            return None
    described = max((k for k, word in enumerate(words[:-1]) if word in _DESCRIBING), default=None)
    if described is not None and 2 <= len(words) - described - 1 <= 3:
        return " ".join(words[described + 1:])       # "Top Congressional Democrats Nancy Pelosi" -> Nancy Pelosi
    return speaker if len(words) <= MAX_NAME_WORDS else None


def _is_cap(tok: str) -> bool:
    """Does the token start with a capital (a name, or a sentence's first word)?"""
    return tok[:1].isupper()


@lru_cache(maxsize=8192)
def _generic(tok: str) -> bool:
    """A capitalised word that names nobody: 'The', 'Officials', 'Russian', 'Friday', 'Additionally', "I've"."""
    low = tok.rstrip(".").replace("’", "'").split("'", 1)[0].lower()
    return low in _MODIFIERS or low in _SKIP or (low in _GENERIC or low.endswith("ly") and low not in _NAMES_IN_LY) \
        and not (tok.isupper() and len(tok) > 1)


def _clean_name(run: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """A capitalised run without titles and roles, and the titles: ['Russian', 'President', 'Vladimir', 'Putin']
    -> ('Vladimir Putin', ('president',)). None for a role, nationality, generic word or owner ("Trump's").
    Remembered per run: an article names the same people many times over."""
    return _clean_run(tuple(run))


@lru_cache(maxsize=4096)
def _clean_run(run: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """``_clean_name`` of a run as a tuple."""
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
    return (None if _generic(run[-1]) and not _named_today(run) else " ".join(run).strip("().,’'") or None), titles


def _named_today(run: list[str] | tuple[str, ...]) -> bool:
    """Does the run end in 'Today' as part of a name ('USA Today', 'Russia Today'), not the adverb?"""
    return len(run) > 1 and run[-1] == "Today" and _is_cap(run[-2]) and not _generic(run[-2])


def _unowned(run: list[str]) -> list[str]:
    """A capitalised run without the possessive ending of its last word ('Trump’s' -> 'Trump', 'Badgers’' ->
    'Badgers')."""
    if run and run[-1].endswith(_POSSESSIVE):
        return run[:-1] + [run[-1][:-2 if run[-1][-1] in "sS" else -1]]
    return run


def _who(toks: list[str]) -> tuple:
    """``_who_of`` the tokens; remembered, as a sentence's phrases are read again for each verb in it."""
    return _who_of(tuple(toks))


@lru_cache(maxsize=4096)
def _who_of(phrase: tuple[str, ...]) -> tuple:
    """Whom a noun phrase names: ('name', name, titles), ('pronoun',), ('role', title), ('body', word) or
    ('unnamed',). The name is its last capitalised run, followed by nothing, by plain words ('a Pentagon
    spokesman') or by a body ('Dallas police'); the titles are those in the run and the lower-case ones just
    before it ('State Department spokesman Steve Goldstein'). 'The bureau' is a body named earlier."""
    toks = _before_of(t.strip("()") for t in phrase if t.strip("()") and not _STATE_RE.fullmatch(t))
    if toks and _CONTRACTED_RE.fullmatch(toks[-1]):
        toks[-1] = toks[-1][:-2]                      # "he’s said", "she'd said": the pronoun
    if toks and toks[-1].lower() in ("he", "she", "him", "her"):
        return ("pronoun", "she" if toks[-1].lower() in ("she", "her") else "he")
    if toks and (toks[-1].lower() in ("they", "couple") or len(toks) >= 2 and toks[0].lower() == "the" and toks[
            -1].lower()[:-1] in _TITLES and toks[-1].endswith("s")):
        return ("group", toks[-1].lower())           # "they said", "the couple", "the Democratic leaders"
    work = next((k for k in range(1, len(toks)) if toks[k].lower() in _WORKS and _is_cap(toks[k - 1])), None)
    if work is not None:
        toks = toks[:work]                            # "A 2013 Washington Post report on the new CIA head"
    if len(toks) >= 3 and toks[0].lower() in ("the", "this") and toks[-1].lower() in _TITLES and all(
            _is_cap(t) and not t.isupper() and t.lower() not in _ORG_WORDS for t in toks[1:-1]):
        return ("role", toks[-1].lower())             # "the Kentucky lawmaker": a person named before
    i = len(toks) - 1
    while i >= 0 and not _is_cap(toks[i]) and toks[i].lower() not in _STOP:
        i -= 1
    if i >= 0 and _is_cap(toks[i]) and toks[i].endswith(_POSSESSIVE) and toks[i + 1:] and all(
            t.lower() in _OWN_VOICE for t in toks[i + 1:]):   # "Merritt’s office said": Merritt's words
        toks = toks[:i] + [toks[i][:-2]]
    if i >= 0 and _is_cap(toks[i]) and not toks[i].endswith(_POSSESSIVE):   # "Rombot’s lawyers": not Rombot
        named = _named(toks, i)
        if named:
            return named
    return _by_noun(toks)


def _by_noun(toks: list[str]) -> tuple:
    """Whom a noun phrase with no name names by its noun: ('role', title) ('the minister'), ('body', noun) ('the
    bureau', 'the massive social media platform', "the group's statement"), ('document', noun) ('the statement
    read': whoever just issued it), else ('unnamed',)."""
    last = toks[-1].lower().rstrip(".") if toks else ""     # "according to their website." at the end
    the = len(toks) >= 2 and toks[0].lower() in ("the", "this")
    if last in _TITLES and not {"a", "an"} & {t.lower() for t in toks}:
        return ("role", last)
    if last in _PARTY_NOUNS and the and len(toks) == 2:
        return ("role", last)                         # "the Democrat said": the person named before
    if last in _BODIES | _ORG_NOUNS and len(toks) == 2 and the:
        return ("body", last)                         # "the bureau said": the bureau named last
    if last in _ORG_NOUNS and 3 <= len(toks) <= 5 and toks[0].lower() == "the" and all(t.islower() for t in toks[1:]):
        return ("body", last)                         # "the massive social media platform explained"
    if last in _DOCUMENTS and len(toks) == 2 and toks[0].lower() in ("the", "this", "that", "its", "their"):
        return ("document", last)
    if len(toks) >= 3 and toks[0].lower() == "the" and toks[1].lower().endswith(_POSSESSIVE) and all(
            t.lower() in _OWN_VOICE for t in toks[2:]) and toks[1][:-2].lower() in _BODIES | _ORG_NOUNS:
        return ("body", toks[1][:-2].lower())         # "the group’s statement read": the group's words
    return ("unnamed",)


def _pair(seg: str) -> str | None:
    """The first of two people named together in ``seg`` ('House Speaker Nancy Pelosi and Senate Democratic
    Leader Chuck Schumer' -> 'Nancy Pelosi'; 'Tanya and Jason Badger' -> 'Tanya Badger'), or None. Joint speakers
    take the first named; a body on either side ('the Senate and House') makes no pair."""
    for m in _PAIR_RE.finditer(seg):
        first, second = _clean_name(m.group(1).split())[0], _clean_name(m.group(2).split())[0]
        if not first or not second or any(w.lower() in _ORG_WORDS | _BODIES for w in f"{first} {second}".split()):
            continue
        if " " not in first and len(second.split()) == 2:
            first = f"{first} {second.split()[-1]}"   # one surname for both
        if " " in first and not first.isupper():
            return first
    return None


def _before_of(tokens) -> list[str]:
    """The tokens up to a person's name followed by 'of' ('Tom Goldstein of the law firm of Goldstein & Russell'
    -> 'Tom Goldstein'): what follows names where the person works, not who speaks. A title or body before 'of'
    ('Secretary of State', 'Bank of England') is kept whole."""
    toks = list(tokens)
    for k in range(2, len(toks) - 1):
        if toks[k] == "of" and all(_is_cap(t) and t.lower().rstrip(".") not in _TITLES | _ORG_WORDS | _BODIES
                                   and not _generic(t) for t in toks[k - 2:k]):
            return toks[:k]
    return toks


def _named(toks: list[str], i: int) -> tuple | None:
    """The name whose capitalised run ends at ``toks[i]``, or None. A run followed by a place ('officials in
    New Mexico') names nobody, unless a body stands before the place ('The U.S. Attorney's Office in
    Albuquerque')."""
    j = i
    while j > 0 and (_is_cap(toks[j - 1]) or toks[j - 1] in _PARTICLES and j > 1 and _is_cap(toks[j - 2])):
        j -= 1
    if j and toks[j - 1].lower() == "of" and i - j >= 2:
        j += 1                                        # "attorney general of Minnesota Matt Pelikan"
    name, titles = _clean_name(toks[j:i + 1])
    if name and j and toks[j - 1].lower() in ("in", "from", "at", "near"):
        body = _who(toks[:j - 1]) if j > 1 else ("unnamed",)
        return body if body[0] == "name" and any(w.lower() in _ORG_WORDS for w in body[1].split()) else ("unnamed",)
    if not name:
        return None
    bodies = 0
    while i + 1 + bodies < len(toks) and toks[i + 1 + bodies].lower() in _BODIES and not name.isupper():
        bodies += 1                                   # "Dallas police said", "the Dallas police department"
    if bodies:
        return ("name", " ".join([name] + [t.lower() for t in toks[i + 1:i + 1 + bodies]]), titles)
    before = tuple(t.lower() for t in toks[max(0, j - 3):j] if t.lower() in _TITLES)
    return ("name", name, titles + before)


def _appositive(name: list[str], clause: list[str]) -> bool:
    """Does ``clause`` describe the person just named ('Glenn Greenwald, author of …', 'Candace Smith, 33,',
    'Joe Morbitzer, the chief,'), rather than follow an opening phrase ('In May 2013, the Post’s Greg Miller')?"""
    name = [t for t in name if not _STATE_RE.fullmatch(t)]      # "Sen. Mark Warner (D-VA), the top Democrat on …,"
    owner = next((k for k, t in enumerate(clause[:-1]) if t.endswith(_POSSESSIVE)), None)
    if name and owner is not None and (owner == 0 or all(_is_cap(t) for t in clause[:owner + 1])) and \
            clause[-1].lower().strip(",.") in _TITLES | _RELATIONS:     # "Sarah Lucy’s son"
        return _who(name)[0] == "name"                # "Allegra Lawrence-Hardy, Abrams’ campaign chair,"
    role = any(t.lower().strip(",.") in _TITLES for t in clause[:3]) and "of" in clause[:4] or _lower_role(clause)
    if role and clause[0][:1].isupper():             # a role: "Nancy Pelosi (CA), Minority Leader of the House,"
        who = _who(name)
        return who[0] == "name" and not any(w.lower() in _ORG_WORDS for w in who[1].split())
    if not (clause[0][:1].islower() or clause[0][:1].isdigit()) or clause[0].lower() in _CONJ:
        return False
    return all(_is_cap(t) or t.lower() in _PARTICLES for t in name) and _who(name)[0] == "name"


def _lower_role(clause: list[str]) -> bool:
    """Is ``clause`` a role written in lower case after capitalised words and followed by no name ('U.S. Embassy
    spokesperson in Beijing'), unlike 'Kremlin spokesman Dmitry Peskov', which names its holder (a capitalised word
    after the role starts a name unless a preposition comes before it)?"""
    k = next((k for k in range(1, min(4, len(clause))) if clause[k] in _TITLES), None)
    return k is not None and _is_cap(clause[0]) and not any(
        _is_cap(clause[i]) and not _is_cap(clause[i - 1]) and clause[i - 1].lower() not in ("in", "of", "for", "at")
        for i in range(k + 1, len(clause)))       # "Texas mayor and former HUD Secretary Julian Castro": a name


def _place_after(before: list[str], clause: list[str]) -> bool:
    """Is ``clause`` the state or country of the place that ends the clause before it ('Bishop of Worcester,
    Massachusetts,', 'the mayor of Dallas, Texas,'): one capitalised word ('New York': two) after 'of', 'in' or
    'from' and a capitalised place after a title, so that it is no speaker? 'Protests in Berlin, Merkel said' has no
    title, and 'The President of AMANA, Sofian Zakkout,' is a name of two words."""
    return (len(clause) == 1 or len(clause) == 2 and clause[0] in _COMPASS) and all(
        _is_cap(t) and t.lower() not in _TITLES for t in clause) and len(before) >= 2 \
        and before[-2].lower() in ("of", "in", "from") and _is_cap(before[-1]) and any(
            t.lower() in _TITLES for t in before[:-2])


@lru_cache(maxsize=4096)
def _subject(seg: str) -> tuple | None:
    """Who the clause just before a speech verb names; None when it has no subject of its own and the
    sentence's should be used ('He praised …, but warned', '… criticised it and said')."""
    acronym = _ACRONYM_RE.search(seg)
    if acronym and not _PARTY_RE.fullmatch(acronym.group(1)):    # "… the Communist Party (KPRF) wrote" (not "(D-CA)")
        return ("name", acronym.group(1), ())
    clauses = [c.split() for c in _CLAUSE_RE.split(seg) if c.strip()]
    inner = _relative_pronoun(clauses[-1]) if clauses else None
    while len(clauses) > 1 and (clauses[-1][0] in ("who", "which", "whose") or clauses[-1][0] in ("a", "an", "one")
                                and _who(clauses[-2])[0] != "unnamed" or clauses[-1][0] in _TITLES
                                or clauses[-1][0].endswith("ing") and not _includes_name(clauses[-1])
                                or _appositive(clauses[-2], clauses[-1]) or _place_after(clauses[-2], clauses[-1])):
        clauses.pop()                                 # "John Smith, a spokesman for X," / ", speaking at …,"
    toks = _TOKEN_RE.findall(" ".join(clauses[-1])) if clauses else []
    while toks and (toks[-1].lower() in _SKIP and not _named_today(toks) or toks[-1].endswith("ly") and toks[-1].islower()):
        toks.pop()                                    # "Trump also falsely claimed" (but "USA Today reports")
    while toks and toks[0].lower() in _CONJ:
        toks.pop(0)
    if not toks or toks[-1].lower() in _CONJ:
        return None
    pair = _pair(" ".join(toks)) if "and" in toks else None
    if pair:                                          # "Rudy Giuliani and Jay Sekulow said": the first named
        return ("name", pair, ())
    if len(toks) == 3 and toks[1] == "and" and all(_is_cap(t) and not _generic(t) and t.lower() not in _ORG_WORDS
                                                   for t in toks[::2]):
        return ("name", toks[0], ())                  # "Sanders and Shine wrote": the first, widened later
    who = _who(toks)
    if who[0] == "unnamed" and clauses:               # "The department then went on to note": its opening phrase
        lead = _lead_phrase(" ".join(clauses[-1]))
        return lead if lead[0] in ("body", "pronoun", "name") else inner or who
    return who


def _includes_name(clause: list[str]) -> bool:
    """Does the clause name someone after 'including' ('…, including Nancy Pelosi, who warned'), rather than open an
    aside ('…, including to say,', '…, speaking at …,')?"""
    return clause[0].lower() == "including" and any(_is_cap(t) for t in clause[1:])


@lru_cache(maxsize=4096)
def _lead_phrase(seg: str) -> tuple:
    """Who the noun phrase opening ``seg`` names: a sentence's subject, or the name after an inverted verb."""
    toks = _TOKEN_RE.findall(_FIRST_CLAUSE_RE.split(seg[:200], maxsplit=1)[0])[:12]
    while toks and toks[0].lower() in _CONJ | _SKIP | _INVERTED:     # "Not only did Acosta refuse …"
        toks.pop(0)
    if toks and toks[0].lower() in ("he", "she"):
        return ("pronoun", toks[0].lower())
    if len(toks) > 1 and toks[0].lower() in ("the", "this") and toks[1].lower() in _BODIES | _ORG_NOUNS:
        return ("body", toks[1].lower())              # "The department then went on to note that …"
    n = 0
    while n < len(toks) and (_is_cap(toks[n]) or toks[n].lower() in _TITLES | {"the", "a", "an"}):
        n += 1
    lead = _who(toks[:n])
    wide = n
    while wide < len(toks) and (_is_cap(toks[wide]) or toks[wide].lower() in _TITLES | _PARTICLES | _ROLE_GLUE):
        wide += 1                                     # "DFL-endorsed candidate for attorney general … Matt Pelikan"
    held = _who(toks[:wide]) if wide > n and lead[0] == "name" and " " not in lead[1] else lead
    if held[0] == "name" and " " in held[1] and not held[1].isupper():
        return held
    if lead[0] == "unnamed" and n >= 2 and toks[0].lower() in ("a", "an") and toks[n:n + 1] in (["for"], ["of"]):
        employer = _who(toks[:wide])
        if employer[0] == "name":                     # "An attorney for CNN and Acosta followed up": CNN's words
            return employer
    if lead[0] == "name" and not lead[1].isupper() or lead[0] == "role" and n < len(toks) and not (
            _is_cap(toks[n]) or toks[n].lower() in _PARTICLES | _ROLE_GLUE):
        return lead                                   # "The president described Acosta as …": not Acosta
    work = next((k for k in range(1, len(toks)) if toks[k].lower() in _WORKS and _is_cap(toks[k - 1])), None)
    owner = _who(toks[:work]) if work is not None and lead[0] == "unnamed" else None
    if owner and owner[0] == "name":                  # "A 2013 Washington Post report on … called … and noted"
        return owner
    person = _who(toks)                               # "said WHO specialist in diseases Dr. Sylvie Brand"
    return person if person[0] == "name" and len(person[1].split()) > 1 and not person[1].isupper() else lead


def _speaker_of(text: str, lo: int, verb: tuple[int, int], sent_start: int) -> tuple:
    """Who speaks through the verb at ``text[verb[0]:verb[1]]``, judged from ``text[lo:]``: the clause before
    it, the sentence's subject, the name after it ('…,” said Putin'; 'according to X'), or for a participle
    ('…, adding that') the subject of the verb before it, else the previous speaker ('inherit')."""
    seg, word, after = text[max(lo, verb[0] - 300):verb[0]], text[verb[0]:verb[1]], text[verb[1]:verb[1] + 200]
    if word.lower() == "according to":
        return _who(_TOKEN_RE.findall(_FIRST_CLAUSE_RE.split(after, maxsplit=1)[0]))
    if _PASSIVE_RE.search(seg) and not word.endswith("ing"):
        return _agent(text, verb[1])                  # "was informed by police that": the agent, not the hearer
    if word.endswith("ing"):
        earlier = [v for v in _ATTR_RE.finditer(seg) if not _NOUN_BEFORE_RE.search(seg, max(0, v.start() - 12),
                                                                                   v.start())]   # "echoed that claim"
        if earlier:
            return _subject(seg[:earlier[-1].start()]) or ("inherit",)
        return _main_subject(seg) if lo <= sent_start and seg.strip(" ,") else ("inherit",)
    if not seg.strip(" ,\t") and word not in ("told", "tells", "tell"):
        return _lead_phrase(after)                    # "…,” said Putin" (but "told Jezebel" names the hearer)
    return _subject(seg) or _main_subject(text[sent_start:min(verb[0], sent_start + 200)])


def _agent(text: str, verb_end: int) -> tuple:
    """Who speaks through a passive speech verb ending at ``verb_end``: the agent after 'by' ('was informed by
    the FBI that'), else nobody named ('was told that': the subject only heard it)."""
    agent = _BY_AGENT_RE.match(text, verb_end)
    if not agent:
        return ("unnamed",)
    return _who(_TOKEN_RE.findall(_THAT_WORD_RE.split(agent.group(1), maxsplit=1)[0]))


def _relative_pronoun(clause: list[str]) -> tuple | None:
    """The pronoun subject of a relative clause that ends just before its speech verb ('…, which he said was not a
    surprise', 'who she says attacked her'): the relative word is the verb's object, the pronoun its subject; else
    None. Read only where the main clause names nobody ('X, dean of …, praised the decision, which he said')."""
    words = [w.lower() for w in clause if w.lower() not in _SKIP]
    if len(words) == 2 and words[0] in ("which", "who", "whom", "that") and words[1] in ("he", "she"):
        return ("pronoun", words[1])
    return None


def _main_subject(seg: str) -> tuple:
    """Who the sentence before a participle ('…, claiming that', '… by saying') names: the first of its clauses
    whose opening phrase names someone, past opening phrases that name nobody ('In response, Cruz lashed out
    at O’Rourke, claiming …'); else the opening phrase of the whole."""
    for clause in _CLAUSE_RE.split(seg):
        if clause.strip():
            lead = _lead_phrase(clause)
            if lead[0] in ("name", "pronoun", "role"):
                return lead
    return _lead_phrase(seg)
