"""Span boundary clean-up: a highlight covers whole words and ends where a phrase can end.

A neural detector reads spans off token scores, so its edges fall wherever a score
crosses a threshold: on "of" or "and", past a full stop, between a letter and its
combining accent. ``tidy`` fixes the edges of every span after decoding:

* cut off sentence parts at its edges that hold no content word ("human life. There is"), and
  pieces of a sentence with few ("rape gangs. Clearly the government's intent ...");
* widen it to whole words (a combining mark stays with its letter);
* trim words that cannot end a highlight (``TRAILING``: articles, prepositions,
  conjunctions, auxiliaries, possessives) or start one (``LEADING``: the function words gold
  spans mostly leave out at their start), and so the punctuation next to them; a span with
  nothing left is dropped;
* each supported language has its own lists and abbreviations (``function_words``), chosen by
  the document's language; English (and a text of unknown language) uses the lists below;
* spans that end up on the same range are one highlight: the strongest technique is the
  span's own, the others its ``alternatives``, strongest first.

Measured on PTC (``benchmarks/bench_shape.py``): gold spans of train start on a function
word 36.5% of the time and end on one 5.2%; the shipped model's dev spans ended on one
16.2% of the time before and 4.5% after, with SI and end-to-end F1 unchanged or higher.
Cutting sentence pieces of up to ``MAX_PIECE`` content words and trimming "in" and "by" took
the spans crossing a sentence end from 5.5% to 2.4% (gold 4.1%) and those ending on a
function word from 5.3% to 4.1%, SI F1 unchanged and end-to-end F1 up (BENCHMARKS.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from spinscope.detector.function_words import BY_LANGUAGE, Words
from spinscope.document import Span

ARTICLES = {"a", "an", "the"}
PREPOSITIONS = {"of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "onto", "over",
                "under", "as", "than", "through", "during", "against", "between", "among", "after", "before",
                "without", "within", "upon", "across", "toward", "towards", "via", "per", "off", "up"}
# "shot it up"; not "in" and "by": gold spans of PTC train that hold them end on them under
# 1 time in 100 (5 of 772, 1 of 196; "on" 6 of 245, "up" 29 of 121)
PARTICLES = {"up", "off", "out", "down", "over", "on", "about", "through"}
CONJUNCTIONS = {"and", "or", "but", "nor", "so", "yet", "if", "because", "while", "although", "though",
                "that", "whether", "since", "unless", "then", "when", "where"}
AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
               "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must"}
POSSESSIVES = {"our", "their", "his", "my", "your", "its"}
DETERMINERS = {"this", "these", "those", "which", "who", "whom", "whose", "what"}
OBJECTS = {"it", "he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me", "there"}
# what the shape figures count as a function word (bench_shape.py), gold and predicted alike
FUNCTION_WORDS = frozenset(ARTICLES | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | POSSESSIVES | DETERMINERS
                           | OBJECTS)
# pronouns that are only ever subjects: 3 of the 7,191 gold spans of PTC train and dev end on one
SUBJECTS = {"i", "we", "they", "he", "she"}
# what a span may not end on: gold spans end on "it", "up", "him", "them" (verb objects and
# particles), never on an article, a preposition, a conjunction or a possessive
TRAILING = frozenset(ARTICLES | (PREPOSITIONS - PARTICLES) | CONJUNCTIONS | AUXILIARIES | POSSESSIVES
                     | DETERMINERS | SUBJECTS)
# "it" and "you" are objects at a gold span's end ("destroy it"), but after a conjunction they open
# the next clause ("bowed to anyone, and it"): no gold span of PTC train or dev ends that way
CLAUSE_SUBJECTS = {"it", "you"}
# what a span may not start on: the function words that gold spans of PTC train leave out more often
# than they take in where a span starts on the word or right after it (at least 5 such spans; "the",
# "a", "this", "if", "we", "but" are taken in). A third of gold spans start on a function word.
LEADING = frozenset({"about", "against", "an", "and", "are", "as", "at", "be", "because", "been", "being", "by",
                     "can", "for", "from", "have", "has", "her", "him", "his", "in", "into", "is", "its", "me",
                     "of", "on", "or", "than", "that", "their", "them", "then", "these", "to", "us", "was",
                     "were", "where", "which", "whose", "with"})
MAX_FRAGMENT = 0  # content words: a sentence part with no more at a span's edge is cut off
MAX_PIECE = 3  # content words: a piece of a sentence with no more at a span's edge is cut off (the default;
# a model card carries its own, ``cut_pieces``)
Strength = Callable[[int, int], float]
"""The model's mean token score over a character range ("is some technique here"), 0 for none."""
APOSTROPHES = "'’"
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
                           "prof", "vs", "etc", "no", "inc", "co", "corp", "u.s", "u.k", "u.n", "e.g", "i.e"})
CLOSERS = "\"'’”)]"
OPENERS = "\"“‘'"
ENGLISH = Words(FUNCTION_WORDS, TRAILING, LEADING, ABBREVIATIONS, OPENERS, CLOSERS)
"""English's lists, as measured on PTC; the other languages' are in ``function_words``."""


def words_for(language: str | None) -> Words:
    """The word lists of a language (ISO 639-1); English for None and any language without lists."""
    return BY_LANGUAGE.get(language or "en", ENGLISH)


def is_word_char(char: str) -> bool:
    """A letter, a digit or a combining mark (which belongs to the letter before it)."""
    return char.isalnum() or unicodedata.combining(char) > 0


def continues_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to the same word as ``text[i - 1]``."""
    if i <= 0 or i >= len(text):
        return False
    char = text[i]
    if unicodedata.combining(char):
        return True
    if char in APOSTROPHES:
        return i + 1 < len(text) and is_word_char(text[i - 1]) and is_word_char(text[i + 1])
    previous = text[i - 1]
    return is_word_char(char) and (is_word_char(previous) or previous in APOSTROPHES and continues_word(text, i - 1))


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that it neither starts nor ends inside a word."""
    while start > 0 and continues_word(text, start):
        start -= 1
    while end < len(text) and continues_word(text, end):
        end += 1
    return start, end


# A word as ``continues_word`` reads one in a text without combining marks: a letter or digit,
# then letters, digits and apostrophes that stand between two of them.
_PLAIN_WORD = re.compile(r"[^\W_](?:[^\W_]|['’](?=[^\W_]))*")


@lru_cache(maxsize=8)
def has_marks(text: str) -> bool:
    """Whether the text holds a combining mark (cached: asked once per span of a document)."""
    return any(unicodedata.combining(c) for c in set(text) if not c.isascii())


def word_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of the words inside ``[start, end)``: by a regular expression where the text
    has no combining mark (the same ranges, without a Python step per character), else character by character."""
    if has_marks(text):
        return word_ranges_by_char(text, start, end)
    found = []
    for match in _PLAIN_WORD.finditer(text, start, min(end + 1, len(text))):  # one more: an apostrophe's right
        if match.start() >= end:
            break
        found.append((match.start(), min(match.end(), end)))
    return found


def word_ranges_by_char(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``word_ranges`` read with ``continues_word``, character by character."""
    found, i = [], start
    while i < end:
        if is_word_char(text[i]) and not unicodedata.combining(text[i]):
            j = i + 1
            while j < end and continues_word(text, j):
                j += 1
            found.append((i, j))
            i = j
        else:
            i += 1
    return found


def normal(word: str) -> str:
    return word.lower().replace("’", "'")


def is_function_word(word: str, words: Words = ENGLISH) -> bool:
    return normal(word) in words.function


def content_words(text: str, start: int, end: int, words: Words = ENGLISH) -> int:
    """How many words of ``text[start:end]`` are not function words."""
    return sum(not is_function_word(text[a:b], words) for a, b in word_ranges(text, start, end))


def trim(text: str, start: int, end: int, words: Words = ENGLISH) -> tuple[int, int] | None:
    """The range without a leading word, a trailing word (``words``: the language's lists; not
    the end of a hyphenated compound) or punctuation at its edges (None when nothing is left)."""
    found = word_ranges(text, start, end)
    while found and normal(text[slice(*found[0])]) in words.leading:
        found.pop(0)
    while found and (normal(text[slice(*found[-1])]) in words.trailing and not ends_compound(text, found)
                     or words is ENGLISH and opens_clause(text, found)):
        found.pop()
    return (found[0][0], found[-1][1]) if found else None


def opens_clause(text: str, found: list[tuple[int, int]]) -> bool:
    """Whether the last of the words ``found`` is "it" or "you" right after a conjunction."""
    return (len(found) > 1 and normal(text[slice(*found[-1])]) in CLAUSE_SUBJECTS
            and normal(text[slice(*found[-2])]) in CONJUNCTIONS)


def ends_compound(text: str, found: list[tuple[int, int]]) -> bool:
    """Whether the last of the words ``found`` is hyphenated to the one before ("break-in")."""
    return len(found) > 1 and text[found[-2][1]:found[-1][0]] == "-"


def _ends_sentence(text: str, stop: int, words: Words = ENGLISH) -> bool:
    """Whether the mark at ``text[stop]`` (. ! ?) ends a sentence rather than an abbreviation."""
    if text[stop] != ".":
        return True
    begin = stop
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin:stop].lower().lstrip("(" + words.openers)
    return len(word) > 1 and word not in words.abbreviations


_BREAKS = re.compile(r"[\n.!?]")  # where ``sentence_starts`` looks


def sentence_starts(text: str, start: int, end: int, words: Words = ENGLISH) -> list[int]:
    """Positions inside ``(start, end)`` where a new sentence or line begins: after . ! ? (not an
    abbreviation of the language), closing marks and spaces, on a capital, a digit or an opening mark."""
    starts = []
    for mark in _BREAKS.finditer(text, start, end - 1):
        i, char = mark.start(), mark.group()
        if char == "\n":
            starts.append(i + 1)
        elif char in ".!?" and _ends_sentence(text, i, words):
            j = i + 1
            while j < end and text[j] in words.closers:
                j += 1
            if j < end and text[j] in " \t":
                k = j
                while k < end and text[k].isspace():
                    k += 1
                if k < end and (text[k].isupper() or text[k].isdigit() or text[k] in words.openers):
                    starts.append(k)
    return [s for s in starts if start < s < end]


def starts_sentence(text: str, i: int, words: Words = ENGLISH) -> bool:
    """Whether a sentence or a line begins at ``text[i]`` (see ``sentence_starts``)."""
    j = i
    while j > 0 and (text[j - 1] in " \t" or text[j - 1] in words.closers):
        j -= 1
    return j == 0 or text[j - 1] == "\n" or i in sentence_starts(text, j - 1, i + 1, words)


def ends_sentence(text: str, i: int, words: Words = ENGLISH) -> bool:
    """Whether a sentence or a line ends at ``i``: its mark (. ! ?) is just before or after it,
    or only closing marks and spaces stand before the line break or the end of the text."""
    before = i
    while before > 0 and text[before - 1] in words.closers:
        before -= 1
    if before > 0 and text[before - 1] in ".!?" and _ends_sentence(text, before - 1, words):
        return True
    after = i
    while after < len(text) and (text[after] in " \t" or text[after] in words.closers):
        after += 1
    return after == len(text) or text[after] == "\n" or text[after] in ".!?" and _ends_sentence(text, after, words)


def sentence_parts(text: str, start: int, end: int, words: Words = ENGLISH) -> list[tuple[int, int]]:
    """``[start, end)`` cut at every sentence start inside it."""
    cuts = [start, *sentence_starts(text, start, end, words), end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


def without_fragments(text: str, start: int, end: int, words: Words = ENGLISH,
                      strength: Strength | None = None, max_piece: int = MAX_PIECE) -> tuple[int, int]:
    """The range without sentence parts at its edges that hold at most ``MAX_FRAGMENT``
    content words ("human life. There is" -> "human life."), or that are a piece of their
    sentence with at most ``max_piece`` ("Trump-Putin conspiracy. The Russia Hoax" of "The
    Russia Hoax is a lie" -> "Trump-Putin conspiracy."); its middle stays whole. Where both
    edges are such parts, the one the model is less sure of (``strength``) goes first, the
    end on a tie or without token scores.

    Cutting every span at every sentence end lowered dev SI F1 by 0.005, and cutting every
    part of one content word (``MAX_FRAGMENT`` 1) by 0.001: gold spans cross sentence ends
    too (4.1% of them in PTC train), and the model's short edge parts there often touch gold
    where they are whole sentences ("Unbelievable!", "Free Tommy now."), less often where
    they are pieces: cutting pieces of up to 3 content words (2 and 5 were also tried, on PTC
    dev) left SI F1 as it was and raised end-to-end F1 by 0.001, with the weaker edge cut
    first (the end first always: SI F1 -0.001, a few spans either way)."""
    parts = sentence_parts(text, start, end, words)
    measure = strength or (lambda a, b: 0.0)

    def fragment(edge: int) -> bool:
        part = parts[edge]
        whole = ends_sentence(text, part[1], words) if edge == -1 else starts_sentence(text, part[0], words)
        found = content_words(text, *part, words)
        return found <= MAX_FRAGMENT or not whole and found <= max_piece

    while len(parts) > 1:
        edges = [edge for edge in (-1, 0) if fragment(edge)]
        if not edges:
            break
        parts.pop(min(edges, key=lambda edge: measure(*parts[edge])))
    return parts[0][0], parts[-1][1]


QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("«", "»"), ('"', '"'))


def is_opening(inside: str, i: int, opening: str, closing: str) -> bool | None:
    """Whether the mark at ``i`` opens (True) or closes (False) a quotation; None where it is
    neither (a ’ between two letters is an apostrophe). A straight double quote opens before a
    letter or digit that follows it directly."""
    c = inside[i]
    if c not in (opening, closing):
        return None
    if opening == closing:
        return i + 1 < len(inside) and inside[i + 1].isalnum()
    if c == opening:
        return True
    between_letters = 0 < i < len(inside) - 1 and inside[i - 1].isalpha() and inside[i + 1].isalpha()
    return None if between_letters else False


def quotes_closed(text: str, start: int, end: int) -> tuple[int, int]:
    """The range widened by one mark where it opens a quotation whose closing mark stands right
    after it ("a resolute ‘no" -> "a resolute ‘no’"), or closes one opened right before it."""
    inside = text[start:end]
    for opening, closing in QUOTE_PAIRS:
        if opening not in inside and closing not in inside:
            continue
        depth = unopened = 0
        for i in range(len(inside)):
            kind = is_opening(inside, i, opening, closing)
            if kind:
                depth += 1
            elif kind is False:
                depth, unopened = (depth - 1, unopened) if depth else (depth, unopened + 1)
        if depth and text[end:end + 1] == closing:
            end += 1
        if unopened and start > 0 and text[start - 1] == opening:
            start -= 1
    return start, end


def clean(span: Span, text: str, words: Words = ENGLISH, strength: Strength | None = None,
          max_piece: int = MAX_PIECE) -> Span | None:
    """The span on whole words, without fragments of other sentences (see ``without_fragments``),
    without edge words that cannot end or start a highlight, and with the marks of a quotation
    it cuts into (``quotes_closed``); None when nothing is left."""
    kept = without_fragments(text, span.start, span.end, words, strength, max_piece)
    trimmed = trim(text, *whole_words(text, *kept), words)
    if not trimmed:
        return None
    start, end = quotes_closed(text, *trimmed)
    return span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)


def merge_same_range(spans: Iterable[Span]) -> list[Span]:
    """One span per range: the strongest technique first, the others as its ``alternatives``."""
    by_range: dict[tuple[int, int], list[Span]] = {}
    for span in spans:
        by_range.setdefault((span.start, span.end), []).append(span)
    merged = []
    for group in by_range.values():
        best = max(group, key=lambda s: (s.score, s.technique))
        strongest: dict[str, float] = {}
        for span in group:
            for technique, score in span.techniques():
                strongest[technique] = max(score, strongest.get(technique, 0.0))
        del strongest[best.technique]
        ranked = tuple(sorted(strongest.items(), key=lambda a: (-a[1], a[0])))
        merged.append(best if ranked == best.alternatives else replace(best, alternatives=ranked))
    return merged


def tidy(spans: Sequence[Span], text: str, language: str | None = None,
         strength: Strength | None = None, max_piece: int = MAX_PIECE) -> list[Span]:
    """Every span cleaned (see ``clean``) with the word lists of the text's language (ISO 639-1;
    English when None or without lists) and the model's token ``strength`` where given, then
    same-range spans merged."""
    words = words_for(language)
    cleaned = (clean(span, text, words, strength, max_piece) for span in spans)
    return merge_same_range(c for c in cleaned if c is not None)


def expand(spans: Iterable[Span]) -> list[Span]:
    """One span per technique of each range (a merged span's alternatives as spans of their
    own), so that scorers and tuning count every technique a highlight carries."""
    return [replace(s, technique=t, score=p, alternatives=()) for s in spans for t, p in s.techniques()]
