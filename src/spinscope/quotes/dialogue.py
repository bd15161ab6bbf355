"""Russian speech without quotation marks: dash-led dialogue and reported speech ('заявил, что …').

In Russian text (a line with Cyrillic letters; in English a line opening with a dash is a byline) a paragraph that opens with a dash is direct speech up to the next spaced dash that
introduces the author's words, and the speech may go on after them behind another dash:
``— Мы не отступим, — заявил министр. — Это наша земля.`` is two quoted pieces of the minister's.
A quotation in guillemets is attributed the same way: ``«Цитата», — сказал Путин.``, and one that the
author's words interrupt, ``«Мы не отступим, — заявил министр. — Это наша земля»``, is cut into its
pieces of speech, each the minister's (the author's words between them are the outlet's). Reported speech is
``X заявил, что …`` (after 'что'), ``по словам X, …`` and ``как сообщил X, …`` (after the comma), each to
the end of the sentence. The speaker is the capitalised name next to the verb ('Путин'), else the word
after it or before it ('министр').
"""

from __future__ import annotations

import re

from spinscope.quotes.layout import _Layout
from spinscope.quotes.words import RU_SAY

_Found = tuple[int, int, int, tuple]                    # start, end, anchor, attribution (as names._who gives)

_RU_VERB_RE = re.compile(rf"(?<!\w)(?:{RU_SAY})(?!\w)", re.IGNORECASE)
_CYRILLIC_RE = re.compile("[А-Яа-яЁё]")
_DASH_LINE_RE = re.compile(r"^[ \t]*[—–][ \t]+", re.MULTILINE)
_AUTHOR_DASH_RE = re.compile(r"(?<=[,.!?…])[ \t]+[—–][ \t]+")          # "…, — заявил министр. — …"
_AFTER_GUILLEMET_RE = re.compile(r"[ \t]*[,.!?…]?[ \t]*[—–][ \t]+")     # "», — сказал Путин."
_PHRASE_END_RE = re.compile(r"[,.;:!?…\n—–«»„“”\"]")
_RU_WORD_RE = re.compile(r"\w[\w-]*")
_THAT_RU_RE = re.compile(rf"(?<!\w)(?:{RU_SAY})[ \t]*,[ \t]*(?:что|будто)[ \t]+", re.IGNORECASE)
_WORDS_OF_RE = re.compile(rf"(?<!\w)(?:[Пп]о словам|[Пп]о данным|[Кк]ак (?:{RU_SAY}))[ \t]+([^,.;!?\n]{{1,80}}),[ \t]*")


def _speaker_near(segment: str) -> str | None:
    """Who speaks in the author's words ``segment``: the capitalised run after the speech verb ('заявил министр
    обороны Сергей Шойгу' -> 'Сергей Шойгу'), else the word after it ('министр'), else the capitalised run or
    the last word before it ('Путин сказал'). None when it holds no speech verb."""
    verb = _RU_VERB_RE.search(segment)
    if not verb:
        return None
    after = _RU_WORD_RE.findall(_PHRASE_END_RE.split(segment[verb.end():], maxsplit=1)[0])
    before = _RU_WORD_RE.findall(_PHRASE_END_RE.split(segment[:verb.start()])[-1])
    return _name_in(after) or (after[0] if after else None) or _name_in(before) or (before[-1] if before else None)


def _name_in(words: list[str]) -> str | None:
    """The last run of capitalised words in ``words``, or None."""
    runs: list[list[str]] = []
    for i, w in enumerate(words):
        if w[:1].isupper():
            if runs and i and words[i - 1][:1].isupper():
                runs[-1].append(w)
            else:
                runs.append([w])
    return " ".join(runs[-1]) if runs else None


def _dash_lines(text: str, lay: _Layout) -> list[_Found]:
    """Dash-led direct speech: a line that opens with '— ' is cut at each spaced dash after a punctuation mark
    into speech, the author's words, speech, …; its speech pieces take the speaker the author's words name."""
    speeches = []
    for m in _DASH_LINE_RE.finditer(text):
        line_end = lay.line(m.end())[1]
        if not _CYRILLIC_RE.search(text, m.end(), line_end):
            continue                                  # "— Patrick McGreevy", "— Donald J. Trump (@…)": a byline
        bounds = [m.end()]
        for d in _AUTHOR_DASH_RE.finditer(text, m.end(), line_end):
            bounds += [d.start(), d.end()]
        bounds.append(line_end)
        segments = list(zip(bounds[::2], bounds[1::2], strict=True))
        author = next((text[s:e] for s, e in segments[1::2] if _RU_VERB_RE.search(text[s:e])), "")
        speaker = _speaker_near(author)
        for s, e in segments[::2]:
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                speeches.append((s, e, m.start(), _attr(speaker)))
    return speeches


def _interrupted(text: str, ranges: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[_Found]]:
    """The quotations of Russian text that the author's words interrupt ('«…, — заявил министр. — …»'), cut
    into their pieces of speech with the speaker those words name; the other ranges as they were."""
    kept, pieces = [], []
    for s, e in ranges:
        dashes = list(_AUTHOR_DASH_RE.finditer(text, s, e))
        author = next(((a, b) for a, b in zip(dashes, dashes[1:])
                       if _RU_VERB_RE.search(text, a.end(), b.start())), None)
        if author is None or not _CYRILLIC_RE.search(text, s, e):
            kept.append((s, e))
            continue
        speaker = _attr(_speaker_near(text[author[0].end():author[1].start()]))
        pieces += [(s, author[0].start(), s, speaker), (author[1].end(), e, s, speaker)]
    return kept, pieces


def _after_guillemets(text: str, end: int) -> tuple | None:
    """'«…», — сказал Путин.': the attribution after a closing guillemet or mark at ``end``."""
    dash = _AFTER_GUILLEMET_RE.match(text, end + 1)
    if not dash:
        return None
    segment = _PHRASE_END_RE.split(text[dash.end():dash.end() + 200], maxsplit=1)[0]
    speaker = _speaker_near(segment)
    return _attr(speaker) if speaker else None


def _attr(speaker: str | None) -> tuple:
    """The attribution tuple for a speaker read from Russian text."""
    return ("name", speaker, ()) if speaker else ("unnamed",)


def _reported_ru(text: str, lay: _Layout) -> list[_Found]:
    """'X заявил, что …' (after 'что'), 'по словам X, …' and 'как сообщил X, …' (after the comma), each to the
    end of its sentence; ``text`` has its quotes masked. A text with no Cyrillic letter is not scanned (the
    scan would cost an English article an eighth of the finder's time and find nothing)."""
    frames: list[_Found] = []
    if not _CYRILLIC_RE.search(text):
        return frames
    for m in _THAT_RU_RE.finditer(text):
        sent_start, sent_end = lay.sentence(m.start())
        speaker = _speaker_near(text[sent_start:m.end()])
        if m.end() < sent_end:
            frames.append((m.end(), sent_end, m.start(), _attr(speaker)))
    for m in _WORDS_OF_RE.finditer(text):
        sent_end = lay.sentence(m.start())[1]
        speaker = _name_in(_RU_WORD_RE.findall(m.group(1))) or m.group(1).strip()
        if m.end() < sent_end:
            frames.append((m.end(), sent_end, m.start(), _attr(speaker)))
    return frames
