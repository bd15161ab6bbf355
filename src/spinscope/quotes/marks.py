"""Pairing quotation marks: which mark opens, which closes, and which is an apostrophe."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spinscope.quotes.layout import _Layout
from spinscope.quotes.patterns import (
    _CLOSE_AFTER,
    _FAMILY,
    _LINE_RE,
    _MARK_RE,
    _NONSPACE_RE,
    _OPEN_BEFORE,
    _UNCLOSED_MAX,
)

_MARKS = frozenset("\"“”„«»'‘’‚")


def _role(text: str, i: int) -> str | None:
    """What the mark at ``text[i]`` can do, read from its neighbours: 'open', 'close', 'either', 'weak' (a
    plural possessive that may close a single quote), or None (an apostrophe, a lone straight mark)."""
    g, p, n = text[i], text[i - 1] if i else "\n", text[i + 1] if i + 1 < len(text) else "\n"
    if g in "'‘’‚" and (p.isalnum() and n.isalnum() or _elides(text, i)):
        return None                                   # don't, Russia’s, the '90s, rock 'n' roll
    closed = p in _MARKS and i >= 2 and not (text[i - 2].isspace() or text[i - 2] in _OPEN_BEFORE)
    opening, closing = p.isspace() or p in _OPEN_BEFORE and not closed, n.isspace() or n in _CLOSE_AFTER
    if opening and closing:                           # standing alone: a closer when alone on its line
        if p in "\r\n" and n in "\r\n" or _marks_line(text, i):
            return "close"
        return None if g in "\"'" else ("open" if g in "“„«‘‚" else "close")
    if not (opening or closing):                      # squeezed between characters: the glyph decides
        return "either" if g in "\"'" else ("open" if g in "“„«‘‚" else "close")
    if opening:
        return None if g == "»" else "open"
    if g in "„«‚":
        return None
    return "weak" if g in "’'" and p in "sS" and n == " " and text[i + 2:i + 3].isalpha() else "close"


def _marks_line(text: str, i: int) -> bool:
    """Is the mark at ``text[i]`` on a line of nothing but quotation marks (a line ``'"`` closing two quotes)?"""
    lo, hi = i, i + 1
    while lo and text[lo - 1] in _MARKS:
        lo -= 1
    while hi < len(text) and text[hi] in _MARKS:
        hi += 1
    return (not lo or text[lo - 1] in "\r\n") and (hi == len(text) or text[hi] in "\r\n")


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

    positions, starts = [p for p, _ in marks], [ls for ls, _ in lines]

    def toks_of(line: tuple[int, int] | None) -> list[tuple[int, str]]:
        return marks[bisect_left(positions, line[0]):bisect_left(positions, line[1])] if line else []

    found: list[tuple[int, int]] = []
    stack: list[Any] = []
    reopened = False
    for k, (ls, le) in enumerate(lines):
        toks = toks_of((ls, le))
        if not toks and not stack:
            continue                                  # nothing open, nothing to pair (so nothing reopened)
        if reopened:
            toks = toks[1:]                           # the opening mark repeated by a carried quote
        elif stack and next((r for p, r in toks if _FAMILY[text[p]] == stack[0][1]), "") == "open":
            own = lines[bisect_right(starts, stack[0][0]) - 1]
            end_open(lines[k - 1][1] if stack[0][2] or _speech_opens(text, own[0], stack[0][0]) else own[1])
        _match(text, toks, stack, found)
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        reopened = bool(stack) and nxt is not None and _FAMILY.get(text[nxt[0]]) == stack[0][1] \
            and _role(text, nxt[0]) in ("open", "either")
        if reopened:
            stack[:] = [(stack[0][0], stack[0][1], True)]
        elif stack and (nxt is None or blocks[k + 1] != blocks[k]) and not _closed_on(text, toks_of(nxt), stack[0][1]):
            end_open(le)
    return [(a, _before_line_break(text, a, b)) for a, b in found]


def _before_line_break(text: str, start: int, end: int) -> int:
    """``end`` moved back over whitespace that holds a line break (a closing mark alone on the next line)."""
    stop = len(text[start:end].rstrip())
    return start + stop if "\n" in text[start + stop:end] else end


def _closed_on(text: str, toks: list[tuple[int, str]], family: str) -> bool:
    """Does the next line close the open quote of ``family``: is its first mark of that family a closing one
    (a quotation with a line break that the next line closes: '“… further.\\nBob Mueller … USA!” Trump wrote')?"""
    return next((role for pos, role in toks if _FAMILY[text[pos]] == family), "") == "close"


def _speech_opens(text: str, line_start: int, op: int) -> bool:
    """Does the mark at ``op`` open speech that may run on over lines: at its line's start or after a colon or
    comma ('He wrote: “…'), not inside a phrase ('a “lock audit report …', never closed: it ends with its line)?"""
    before = text[line_start:op].rstrip()
    return not before or before[-1] in ":,"


def _pair_marks(text: str, lay: _Layout) -> list[tuple[int, int]]:
    """Quote ranges (the text between the marks), outermost only, in text order. Single marks pair within a
    line and never stay open (stray ones are apostrophes); one that straddles a double-mark quote is dropped."""
    marks = [(m.start(), role) for m in _MARK_RE.finditer(text) if (role := _role(text, m.start()))]
    lines = [(m.end() - len(m.group().lstrip()), m.end()) for m in _LINE_RE.finditer(text) if not m.group().isspace()]
    blocks = [lay.para(s) for s, _ in lines]
    double = _outermost(_pair(text, [m for m in marks if text[m[0]] not in "'‘’‚"], lines, blocks))
    singles = [m for m in marks if text[m[0]] in "'‘’‚"]
    single: list[tuple[int, int]] = []
    carry: list[Any] = []
    for k, (ls, le) in enumerate(lines):              # one opening a line may close on a later line of its block
        first, stop = bisect_left(singles, (ls,)), bisect_left(singles, (le,))
        if first == stop and not carry:
            continue                                  # nothing to pair, nothing carried
        _match(text, singles[first:stop], carry, single)
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
