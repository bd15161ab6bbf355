"""Speakers across an article: pronouns, titles, surnames widened to full names, acronyms expanded."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from spinscope.quotes.attribution import _Speech
from spinscope.quotes.entities import _Entities
from spinscope.quotes.layout import _Layout
from spinscope.quotes.marks import _straddles
from spinscope.quotes.names import _clean_name, _is_cap, _pair, _unowned, _who, presentable
from spinscope.quotes.patterns import (
    _POSSESSIVE,
    _CAP_WORD_RE,
    _FAMILY,
    _PRONOUN_RE,
    _RUN_RE,
    _WORD_RE,
    defined_acronyms,
)
from spinscope.quotes.quote import Quote
from spinscope.quotes.words import BODIES as _BODIES
from spinscope.quotes.words import ORG_WORDS as _ORG_WORDS


_SUITS = {"suit", "lawsuit", "complaint", "filing", "petition"}
_WORDISH_RE = re.compile(r"[\w’'-]")
_WORD_CHAR_END_RE = re.compile(r"(?:\w|[A-Z]\.)$")
_SUER_RE = re.compile(r"((?:[A-Z][\w’'.&-]*[ \t]+){0,4}[A-Z][\w’'.&-]*?)(?:(?:’s|'s)[ \t]+(?:[\w-]+[ \t]+)?(?:law)?suit\b|"
                      r"(?:,[^,\n]{1,60},)?[ \t]+(?:(?:has|had|have|also)[ \t]+)*(?:(?:filed|brought|launched)[ \t]+"
                      r"(?:a|an|the|its|their|his|her)[ \t]+(?:[\w-]+[ \t]+)?(?:law)?suit|sued|sues|is[ \t]+suing|\w+ed[ \t]+in[ \t]+"
                      r"(?:the|its|a|their)[ \t]+(?:law)?suit)\b)")   # "CNN has filed a lawsuit", "X claimed in the suit"
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV", "V"}      # "Edward E. Curtis IV" is Curtis
_GENDER_WEIGHT = {"he": 2, "she": 2}     # a subject pronoun is the surest sign of who is meant


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
        self.last_spoke: tuple[int, str] | None = None     # the end of the last person's speech, and who
        self.last_body: tuple[int, str] | None = None    # where the last organisation spoke, and which
        self.entities: _Entities | None = None
        self.issuer: tuple[int, str] | None = None    # where the last named speaker spoke, and who
        self.all_runs: list[tuple[int, int, str]] | None = None
        self.holding: dict[str, list[tuple[int, int, str]]] = {}
        self.lower_named: dict[str, list[tuple[int, int, str]]] = {}
        self.suers: list[tuple[int, str]] | None = None
        self.last_group: tuple[int, str] | None = None    # where a pair last spoke as 'they', and its first person
        self.asked: tuple[int, str] | None = None     # where the last question put to a named person ended, and whom
        self.common: dict[str, bool] = {}             # one-word names found to be common words, or not

    def resolve_all(self, speeches: list[_Speech], lay: _Layout) -> None:
        """Name every speech's speaker in reading order, so that 'he said' means the last person who spoke."""
        last: tuple[int, str | None] | None = None
        for sp in sorted(speeches, key=lambda s: s.anchor):
            if sp.kind != "scare" and sp.attr is not None:
                para = lay.para(sp.anchor)
                inherit = sp.attr[0] == "inherit"
                sp.speaker = (last[1] if last and last[0] >= para - sp.reach else None) if inherit else \
                    presentable(self.resolve(sp.attr, sp.anchor, lay))
                if sp.attr[0] == "document":          # "the statement read": who issued it just before
                    sp.speaker = self.issuer[1] if self.issuer and sp.anchor - self.issuer[0] <= 400 else None
                    if sp.attr[1] in _SUITS:          # "the suit said": whoever filed it
                        sp.speaker = self.plaintiff(sp.anchor) or sp.speaker
                last = (para, sp.speaker)
                if sp.speaker:
                    self.issuer = (sp.anchor, sp.speaker)
                if sp.speaker and sp.speaker == self.last_person:
                    self.last_spoke = (lay.sentence(max(sp.end, sp.anchor))[1], sp.speaker)
                if sp.hearer:                         # "asking Clinton if …": the next 'he said' is the answer
                    self.asked = (lay.sentence(max(sp.end, sp.anchor))[1], self.fullest(sp.hearer, sp.anchor)[0])

    def resolve(self, attr: tuple, pos: int, lay: _Layout) -> str | None:
        """The speaker an attribution names at ``pos``; a name is remembered for later 'he' and 'the minister'."""
        if attr[0] == "pronoun":
            return self.pronoun(pos, lay, attr[1])
        if attr[0] == "group":
            return self.group(pos, lay)
        if attr[0] == "role":                         # "the lawmaker added": its holder, else the last person
            holder = self.tracker().holder(attr[1], pos) or self.tracker().bound(attr[1], pos, lay)
            if holder:                                # "the attorney general wrote": "he" may mean Barr next
                name = self.fullest(holder, pos)[0]
                self.last_person = self.last_person if self.tracker().is_body(name) else name
                return name
            known = self.roles.get(attr[1]) or self.last_person
            return None if known and self.named_later(known, pos, lay) else known
        if attr[0] == "body":
            judge = self.tracker().holder("judge", pos) if attr[1] == "court" else None
            return self.fullest(judge, pos)[0] if judge else self.body(attr[1], pos, lay)   # "the court ruled"
        if attr[0] != "name":
            return None
        name, titles = self.fullest(attr[1], pos)
        if " " not in name and name.endswith("s") and " " in self.fullest(name[:-1], pos)[0]:
            name, titles = self.fullest(name[:-1], pos)   # "the Badgers": the family named before
        if self.common_word(name):
            return None                               # "Take …" opening a sentence: a common word, no name
        shown = presentable(name)                     # a headline read as a name is cut to its subject, or dropped,
        if shown is None:                             # before it is remembered: "Trump To Sessions …: ‘…’" must not
            return None                               # make a later "Trump wrote" that headline
        name = shown
        self.roles.update({title: name for title in titles + attr[2]})
        parts = name.split()
        if (len(parts) > 1 or name in self.tracker().persons) and not name.isupper() and not any(
                p.lower() in _ORG_WORDS | _BODIES for p in parts):
            self.last_person = name               # "Trump" too, where the text calls him "President Trump"
        elif self.tracker().is_body(name):
            self.last_body = (pos, name)
        if len(parts) > 1:
            self.known.pop(name, None)
            self.known[name] = None                   # an ordered set: the most recent speaker last
        return name

    def common_word(self, name: str) -> bool:
        """Is the one-word ``name`` a common word that only a sentence's start capitalised ('Take', 'Perhaps')? So it
        is when the text also writes it in lower case (not in a link or handle) and capitalises it nowhere inside a
        sentence ('the Navy', 'U.S. Consulate' are names), nor with a title."""
        if " " in name or name != name.capitalize() or name.lower() in _BODIES | _ORG_WORDS:
            return False                              # "Police said": a body, however written
        if name not in self.common:
            masked = self.masked
            lower = any(at == 0 or masked[at - 1] not in "/@#." for at in _standing(masked, name.lower()))
            self.common[name] = lower and not any(_inside_sentence(masked, at) for at in _standing(masked, name)) \
                and name not in self.tracker().persons
        return self.common[name]

    def named_later(self, name: str, pos: int, lay: _Layout) -> bool:
        """Is ``name`` (its last word) written after ``pos`` in that sentence, outside quotes? Then the role before it is
        someone else ('The North Korean leader replied with a promise to make Trump “pay dearly”': not Trump)."""
        end = lay.sentence(pos)[1]
        return re.search(rf"\b{re.escape(name.split()[-1])}\b", self.masked[pos:end]) is not None

    def plaintiff(self, pos: int) -> str | None:
        """Who filed the suit that 'the suit said' at ``pos`` means: the last person or body before it written as its
        owner ("Common Cause’s lawsuit"), as filing or bringing one ('CNN has filed a lawsuit'), as suing, or as
        speaking in it ('Common Cause, a nonpartisan group, claimed in the suit'); else None."""
        if self.suers is None:
            self.suers = [(m.start(), m.group(1)) for m in _SUER_RE.finditer(self.masked)]
        before = [name for start, name in self.suers if start < pos]
        if not before:
            return None
        who = _who(before[-1].split())
        return self.fullest(who[1], pos)[0] if who[0] == "name" else None

    def described(self, word: str, pos: int, lay: _Layout) -> str | None:
        """A body the text calls 'the group' without writing the word in its name: the one last introduced with
        that noun ('the activist group MoveOn.org'), else the last organisation that spoke in the last 1,200
        characters, else the last one named in this sentence or the one before ('… this time through Breitbart.
        The news publication reports that …'), else the last organisation that spoke, else None."""
        holder = self.tracker().holder(word, pos)
        if holder:
            return self.fullest(holder, pos)[0]
        if self.last_body and pos - self.last_body[0] <= 1200:
            return self.last_body[1]
        near = self.tracker().last_body_named(lay.sentence(max(0, lay.sentence(pos)[0] - 1))[0], pos)
        return near or (self.last_body[1] if self.last_body else None)

    def tracker(self) -> _Entities:
        """The article's names with their titles and nouns, read when first needed."""
        if self.entities is None:
            self.entities = _Entities(self.masked)
        return self.entities

    def pronoun(self, pos: int, lay: _Layout, pronoun: str) -> str | None:
        """Whom 'he' or 'she' at ``pos`` means: the person who spoke last, at most 600 characters back, when the
        gender fits and the text between names nobody else or names that person again ('…,” Clinton said.
        Melvin asked Clinton if … “…,” he said'); else the person ``mentioned``."""
        if self.people is None:
            self.people = self._people(lay)
        where, names, gender = self.people
        if self.asked and 0 <= pos - self.asked[0] <= 300 and gender.get(self.asked[1], pronoun) == pronoun and not \
                names[bisect_right(where, self.asked[0]):bisect_left(where, pos)]:
            return self.asked[1]                      # "Melvin asked Clinton if … “…,” he said": Clinton answers
        if self.last_spoke and -100 < pos - self.last_spoke[0] <= 600 and gender.get(self.last_spoke[1], pronoun) == pronoun:
            between = names[bisect_right(where, self.last_spoke[0]):bisect_left(where, pos)]
            if not between or between[-1] == self.last_spoke[1]:
                return self.last_spoke[1]             # nobody else named since, or that person named last
        return self.mentioned(pos, lay, (pronoun,))

    def group(self, pos: int, lay: _Layout) -> str | None:
        """Whom 'they' or 'the couple' at ``pos`` means: the first of two people named together in this sentence
        up to ``pos`` or in one of the three before it ('Nancy Pelosi and Chuck Schumer released a statement. “…,”
        they said'), else the pair that last spoke so, at most 800 characters back, else None."""
        here, start = pos, lay.sentence(pos)[0]
        for _ in range(4):
            first = _pair(self.masked[start:pos])
            if first:
                self.last_group = (here, self.fullest(first, here)[0])
                return self.last_group[1]
            if start == 0:
                break
            pos, start = start, lay.sentence(start - 1)[0]
        if self.last_group and here - self.last_group[0] <= 800:
            return self.last_group[1]                 # "the Democratic leaders said … “…,” they said": the same pair
        return None

    def body(self, word: str, pos: int, lay: _Layout) -> str | None:
        """The body 'the bureau' at ``pos`` means: the last name before it holding that word ('Federal Bureau of
        Investigation'), or its acronym where the text used that later ('FBI'). The names holding each word are
        found once per text, so that a long text full of 'the department said' costs no more than linear time."""
        run = _last_before(self._holding(word), pos)
        if run is None:                               # "the Dallas police department", named in lower case
            found = _last_before(self._named_lower(word), pos)
            words = found[2].split() + [word] if found else []
            return " ".join(words[1:] if words and words[0] in ("The", "This") else words) or self.described(word, pos, lay)
        words = run[2].split()
        name = " ".join(words[1:] if words[0].lower() in ("the", "this", "that") else words)
        initials = "".join(w[0] for w in name.split() if _is_cap(w))
        later = self.masked.rfind(initials, run[1], pos) if len(initials) > 1 else -1
        return initials if later >= 0 and not self.masked[later + len(initials):later + len(initials) + 1].isalpha() \
            else name

    def _holding(self, word: str) -> list[tuple[int, int, str]]:
        """(start, end, text) of every capitalised run holding ``word`` ('Federal Bureau of Investigation')."""
        if self.all_runs is None:
            self.all_runs = [(m.start(), m.end(), m.group()) for m in _RUN_RE.finditer(self.masked)]
        if word not in self.holding:
            self.holding[word] = [r for r in self.all_runs if word in r[2].lower().split()]
        return self.holding[word]

    def _named_lower(self, word: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every 'Dallas police department': capitalised words, one lower-case word or
        none, then ``word``."""
        if word not in self.lower_named:
            self.lower_named[word] = [
                (m.start(), m.end(), m.group(1) + m.group(2))
                for m in re.finditer(rf"\b((?:[A-Z][\w’'.-]*\s+)+)((?:[a-z]+\s+)?){word}\b", self.masked)
                if m.group(1).split()[-1] not in ("The", "This", "That")]
        return self.lower_named[word]

    def mentioned(self, pos: int, lay: _Layout, pronoun: tuple = ()) -> str | None:
        """Whom 'he' or 'she' at ``pos`` means: the first person of that gender (when the text tells it) named
        outside quotes in the nearest sentence, this one up to ``pos`` or an earlier one, that names such a
        person; else the last person who spoke."""
        if self.people is None:
            self.people = self._people(lay)
        where, names, gender = self.people
        j = bisect_left(where, pos) - 1
        while j >= 0 and pos - where[j] <= 1500:
            sent_start = lay.sentence(where[j])[0]
            first = bisect_left(where, sent_start)
            fits = [n for k, n in enumerate(names[first:j + 1], first) if not pronoun or gender.get(
                n, pronoun[0]) == pronoun[0] and not self._said_before(pronoun[0], sent_start, where[k])]
            if fits:
                return fits[0]
            j = first - 1
        return self.last_person

    def _said_before(self, pronoun: str, lo: int, hi: int) -> bool:
        """Does the subject pronoun ``pronoun`` stand in ``masked[lo:hi]``, before a name in its sentence? Then that
        name is someone else: 'But she laced her speech with criticism of Kemp' does not make Kemp 'she'."""
        return pronoun in ("he", "she") and re.search(rf"\b{pronoun}\b", self.masked[lo:hi], re.IGNORECASE) is not None

    def _people(self, lay: _Layout) -> tuple[list[int], list[str], dict[str, str]]:
        """Every mention of a person outside quotes (a name of two or more words, or the surname of one), and
        each person's gender where the sentences naming only them use 'he'/'his' or 'she'/'her' more (a subject
        pronoun counts twice: 'Ellison sent her messages as he dragged her off a bed' is a man)."""
        full: dict[str, str] = {}
        written: set[str] = set()                     # every full name as written ("Tanya Badger", "Jason Badger")
        for m in _RUN_RE.finditer(self.masked):
            run = m.group().split()
            owner = next((i for i, w in enumerate(run[:-1]) if w.endswith(_POSSESSIVE)), None)
            for part in [run] + ([run[:owner + 1]] if owner else []):   # "Cody Wilson's Texas-based company"
                name, _ = _clean_name(_unowned(part))
                if name and " " in name and not name.isupper() and not any(p.lower() in _ORG_WORDS for p in name.split()):
                    full.setdefault([w for w in name.split() if w.rstrip(".") not in _SUFFIXES][-1], name)
                    written.add(name)
        for name in self.tracker().persons:           # "President Trump", never named in full
            full.setdefault(name, name)
        where, names, prev = [], [], (-2, "")
        for m in _CAP_WORD_RE.finditer(self.masked):
            word = m.group()
            key = word[:-2] if word.endswith(("’s", "'s")) else word
            if key in full:
                where.append(m.start())
                own = f"{prev[1]} {key}" if prev[0] == m.start() - 1 else ""
                widest = own if own in written else self.fullest(key, m.start())[0]   # "Jason Badger" is Jason
                names.append(widest if " " in widest else full[key])      # "Wilson" -> "Cody Wilson"
            prev = (m.end(), word)
        return where, names, self._genders(lay, where, names)

    def _genders(self, lay: _Layout, where: list[int], names: list[str]) -> dict[str, str]:
        """Each person's gender from the pronouns after their mentions in sentences naming only them, read one
        sentence at a time (``where`` is sorted, so a sentence's mentions are one run of it)."""
        tally: dict[str, list[int]] = {}
        i = 0
        while i < len(where):
            end = lay.sentence(where[i])[1]
            j = bisect_left(where, end, i)
            if len(set(names[i:j])) == 1:
                counts = tally.setdefault(names[i], [0, 0])
                for pos in where[i:j]:
                    for p in _PRONOUN_RE.findall(self.masked, pos, end):
                        counts[p.lower() in ("she", "her", "hers", "herself")] += _GENDER_WEIGHT.get(p.lower(), 1)
            i = max(j, i + 1)
        return {n: "he" if c[0] > c[1] else "she" for n, c in tally.items() if c[0] != c[1]}

    def acronyms(self) -> dict[str, str]:
        """Acronyms the text defines: 'National Rifle Association (NRA)' -> {'NRA': 'National Rifle Association'}."""
        if self.defined is None:
            self.defined = {}
            for m in defined_acronyms(self.text):
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
                run = m.group().split()
                last = run[-1]
                key = last[:-2] if last.endswith(("’s", "'s")) else last.rstrip(".’'")   # Putin's, Barr. -> …
                self.runs.setdefault(key, []).append((m.start(), run))
        found = []
        for start, run in self.runs.get(name, ()):
            full, titles = _clean_name(run)
            if full and " " in full:
                found.append((start, full, titles))
        return found


def _last_before(spans: list[tuple[int, int, str]], pos: int) -> tuple[int, int, str] | None:
    """The last of the sorted ``spans`` that ends by ``pos``, or None."""
    for j in range(bisect_left(spans, (pos,)) - 1, -1, -1):
        if spans[j][1] <= pos:
            return spans[j]
    return None


def _assemble(text: str, quotes: list[_Speech], frames: list[_Speech]) -> tuple[Quote, ...]:
    """The final ranges: reported content minus quotes (trimmed, two words or more, or one just before a quote),
    no two speech ranges overlapping; a scare quote that straddles one is dropped."""
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
            if len(_WORD_RE.findall(text[s:e])) >= (1 if e < f.end and qs < f.end else 2):
                pieces.append((s, e, f.speaker))      # one word will do before a quote: 'said he “never …”'
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


def _standing(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a whole word (no letter, digit, apostrophe or hyphen touching it)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _WORDISH_RE.match(text, at - 1)) and (end == len(text) or not _WORDISH_RE.match(text, end)):
            yield at
        at = text.find(word, at + 1)


def _inside_sentence(text: str, at: int) -> bool:
    """Does the word at ``at`` follow, after spaces, a word, a comma or an initial ('the Navy', 'U.S. Consulate')?"""
    before = text[max(0, at - 40):at]
    kept = before.rstrip(" \t")
    return len(kept) < len(before) and bool(kept) and (kept[-1] in ",;" or bool(_WORD_CHAR_END_RE.search(kept)))
