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

from spinscope.quotes.names import _clean_name
from spinscope.quotes.words import ORG_NOUNS as _ORG_NOUNS
from spinscope.quotes.words import ORG_WORDS as _ORG_WORDS
from spinscope.quotes.words import PERSON_TITLES as _PERSON_TITLES
from spinscope.quotes.words import TITLES as _TITLES

_NAMED_RE = re.compile(r"[A-Z][\w’'.&-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.&-]*)*")
_LOWER_BEFORE_RE = re.compile(r"(?:\b[a-z][a-z-]*[ \t]+){1,3}$")      # "press secretary ", "activist group "
_DOMAIN_RE = re.compile(r"\w\.(?:com|org|net|gov|edu|co)$", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    """A name written outside quotes at ``pos``, with the titles and describing nouns given to it there."""

    pos: int
    name: str
    nouns: tuple[str, ...]


class _Entities:
    """The names of an article with their titles and nouns, read once from the text with quotes masked."""

    def __init__(self, masked: str) -> None:
        self.mentions: list[_Mention] = []
        self.persons: set[str] = set()        # one-word names that hold a person's title somewhere ("Trump")
        for m in _NAMED_RE.finditer(masked):
            run = m.group().split()
            name, titles = _clean_name(run)
            if not name or name.count(" ") > 3:
                continue                              # a headline in Title Case names nobody
            before = _LOWER_BEFORE_RE.search(masked, max(0, m.start() - 40), m.start())
            lower = tuple(w for w in (before.group().split() if before else ()) if w in _TITLES | _ORG_NOUNS)
            nouns = titles + lower
            self.mentions.append(_Mention(m.start(), name, nouns))
            if " " not in name and not name.isupper() and set(nouns) & _PERSON_TITLES:
                self.persons.add(name)
        self.starts = [mention.pos for mention in self.mentions]

    def holder(self, noun: str, pos: int) -> str | None:
        """The last name before ``pos`` given the title or noun ``noun`` ('president' -> 'Trump' after
        'President Trump'), or None."""
        for mention in reversed(self.mentions[:bisect_left(self.starts, pos)]):
            if noun in mention.nouns:
                return mention.name
        return None

    def is_body(self, name: str) -> bool:
        """Does ``name`` name an organisation: an acronym, a web domain, a word such as 'Department' or 'Times'
        in it, or one word that never holds a person's title ('Facebook', but not 'Trump')?"""
        parts = name.split()
        if name.isupper() or _DOMAIN_RE.search(name) or any(p.lower() in _ORG_WORDS for p in parts):
            return True
        return len(parts) == 1 and name not in self.persons
