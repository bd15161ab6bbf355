"""Who an article names, and by which nouns: the finder's small mention tracker.

An article introduces a person or a body once in full ("Attorney General William Barr", "the liberal activist
group MoveOn.org", "President Trump") and then refers back by a noun ("the attorney general", "the group", "the
president"). This module reads every capitalised run outside quotes once, with the titles and describing nouns
written just before it or inside it, so that such a noun can be resolved to the last one it was given to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spinscope.quotes.layout import _Layout
from spinscope.quotes.names import _clean_name, _generic, _unowned
from spinscope.quotes.words import ORG_NOUNS as _ORG_NOUNS
from spinscope.quotes.words import ORG_WORDS as _ORG_WORDS
from spinscope.quotes.words import PERSON_TITLES as _PERSON_TITLES
from spinscope.quotes.words import TITLES as _TITLES

_NAMED_RE = re.compile(r"[A-Z][\w’'.&-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.&-]*)*")
_NOUNS = _TITLES | _ORG_NOUNS
_NOT_BODIES = {"CST", "EST", "EDT", "PST", "PDT", "CDT", "GMT", "UTC", "AM", "PM", "US", "UK", "USA", "TV"}
_DOMAIN_RE = re.compile(r"\w\.(?:com|org|net|gov|edu|co)$", re.IGNORECASE)
_NAMING_RE = re.compile(r"\b(?:a|an)\s+(?:[a-z-]+\s+){1,2}(?:called|named|dubbed|nicknamed)\s+$")
_VERBS = {"told", "tells", "says", "met", "thanks", "calls", "slams", "hails", "praises", "blasts", "meets", "called",
          "said", "wrote", "sent", "asks", "urges", "accuses", "warns", "left", "took", "gave", "made", "beat", "won"}


@dataclass(frozen=True)
class _Mention:
    """A name written outside quotes at ``pos``, with the titles and describing nouns given to it there."""

    pos: int
    name: str
    nouns: tuple[str, ...]
    lead: bool = False      # opens its line or sentence ("News", "Jean"): a capital that may only be the grammar's


def _mention(masked: str, m: re.Match) -> _Mention | None:
    """The mention a capitalised run makes, with the titles in it and the lower-case titles or nouns just before
    it ('press secretary Sarah Sanders', 'the activist group MoveOn.org'); None for a word that names nobody
    ('The', 'However') or a Title Case headline."""
    found = m.group()
    if " " not in found and "\t" not in found and _generic(found):
        return None                                   # the common case, cheaply: "The", "But", "However"
    run = _unowned(found.split())                   # "President Trump’s lawyers": Trump
    first = run[0].strip("().,’'")
    if len(run) == 1 and (not first or _generic(first) or first.lower() in _TITLES):
        return None                                   # "President", "Officials’"
    lower: list[str] = []
    if m.start() >= 2 and masked[m.start() - 2].islower():       # "press secretary Sarah Sanders"
        named = _NAMING_RE.search(masked, max(0, m.start() - 40), m.start()) is not None   # "a group called X"
        for word in reversed(masked[max(0, m.start() - 40):m.start()].split()[-3:]):
            if not word.isalpha() or not word.islower() or _verb(word) and not named:
                break                                 # "The president criticised Jim Acosta": no title of Acosta's
            lower.append(word)
    if len(run) == 1 and not set(lower) & _NOUNS:   # "Mueller": no need to clean it
        lead = masked[max(0, m.start() - 2):m.start()].strip() in ("", ".", "!", "?")
        return _Mention(m.start(), first, (), lead)
    name, titles = _clean_name(run)
    if not name or name.count(" ") > 3:
        return None                                   # a headline in Title Case names nobody
    return _Mention(m.start(), name, titles + tuple(w for w in reversed(lower) if w in _NOUNS))


def _verb(word: str) -> bool:
    """Is the lower-case ``word`` a verb that ends a noun phrase before a name ('praised', 'told', 'says'), so that the
    titles before it belong to the verb's subject, not to the name after it?"""
    return word not in _NOUNS and (word.endswith("ed") or word in _VERBS)


def _titled(masked: str) -> set[str]:
    """One-word names written after a person's title ('President Trump', 'Sen. Booker', 'press secretary
    Sanders'): people, whatever else the text calls them. A walk over the words, cheaper than a pattern."""
    words = masked.split()
    found = set()
    for i in range(1, len(words)):
        word = words[i]
        if word[:1].isupper() and words[i - 1].rstrip(".").lower() in _PERSON_TITLES and not (
                i + 1 < len(words) and words[i + 1][:1].isupper()):
            name = _unowned([word.rstrip(".,;:!?")])[0]
            if name[:1].isupper() and not name.isupper() and not _generic(name):
                found.add(name)
    return found


class _Entities:
    """The names of an article with their titles and nouns, read once from the text with quotes masked."""

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.titled: set[str] | None = None
        self.mentions: list[_Mention] = []
        self.starts: list[int] = []
        self.surnames: set[str] = set()
        self.given: dict[str, list[tuple[int, str]]] = {}     # each title or noun: where, and to whom, it was given
        self.scanned = False
        self.first_use: dict[str, tuple[int, str | None] | None] = {}

    @property
    def persons(self) -> set[str]:
        """One-word names that hold a person's title somewhere ('Trump'), read when first asked for."""
        if self.titled is None:
            self.titled = _titled(self.masked)
        return self.titled

    def _scan(self) -> None:
        """Read every name once, when a title or a body noun first has to be resolved (most articles need none)."""
        if self.scanned:
            return
        self.scanned = True
        self.mentions = [x for x in (_mention(self.masked, m) for m in _NAMED_RE.finditer(self.masked)) if x]
        self.starts = [mention.pos for mention in self.mentions]
        self.surnames = {m.name.split()[-1] for m in self.mentions if " " in m.name and not self.is_body(m.name)}
        for mention in self.mentions:
            for noun in mention.nouns:
                self.given.setdefault(noun, []).append((mention.pos, mention.name))

    def bound(self, noun: str, pos: int, lay: _Layout) -> str | None:
        """The person a title with no named holder means ('the president' where the text never writes 'President
        X'): the first person named in the sentence of the title's first use, before it, or else in the sentence
        before ('Donald Trump was flying to Lima, Ohio, but the president had …'), when that use comes before
        ``pos``; else None."""
        self._scan()
        if noun not in self.first_use:
            use = re.search(rf"\b[Tt]he\s+(?i:{re.escape(noun)})\b", self.masked)     # "the Democrat"
            self.first_use[noun] = (use.start(), self._subject_before(use.start(), lay)) if use else None
        found = self.first_use[noun]
        return found[1] if found and found[0] < pos else None

    def _subject_before(self, pos: int, lay: _Layout) -> str | None:
        """The first person named in the sentence holding ``pos`` before it, else in the sentence before."""
        start = lay.sentence(pos)[0]
        for lo, hi in ((start, pos), (lay.sentence(max(0, start - 1))[0], start)):
            for mention in self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]:
                if self.is_person(mention.name):
                    return mention.name
        return None

    def is_person(self, name: str) -> bool:
        """Does ``name`` name a person: two words or more and no organisation's word, or a one-word name with a
        person's title somewhere ('Trump')?"""
        return not self.is_body(name) and (" " in name or name in self.persons or name in self.surnames)

    def holder(self, noun: str, pos: int) -> str | None:
        """The last name before ``pos`` given the title or noun ``noun`` ('president' -> 'Trump' after
        'President Trump'), or None."""
        self._scan()
        given = self.given.get(noun, [])
        i = bisect_left(given, (pos,))
        return given[i - 1][1] if i else None

    def last_body_named(self, lo: int, hi: int) -> str | None:
        """The last organisation named in ``[lo, hi)``, or None; a one-word name counts only inside a sentence and
        when it is nobody's surname ('through Breitbart.', not 'Botham Jean … Jean', nor a headline 'News')."""
        self._scan()
        for mention in reversed(self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]):
            one = " " not in mention.name
            if self.is_body(mention.name) and mention.name not in _NOT_BODIES and not (
                    one and (mention.lead or mention.name in self.surnames)):
                return mention.name
        return None

    def is_body(self, name: str) -> bool:
        """Does ``name`` name an organisation: an acronym, a web domain, a word such as 'Department' or 'Times'
        in it, or one word that never holds a person's title ('Facebook', but not 'Trump')?"""
        parts = name.split()
        if name.isupper() or _DOMAIN_RE.search(name) or any(p.lower() in _ORG_WORDS for p in parts):
            return True
        return len(parts) == 1 and name not in self.persons
