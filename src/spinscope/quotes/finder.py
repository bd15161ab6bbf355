"""``find_quotes`` and ``voice_of``: the quote finder's front, assembling the pieces of this package."""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.quotes.attribution import _classify, _Speech
from spinscope.quotes.dialogue import _dash_lines, _interrupted, _reported_ru
from spinscope.quotes.layout import _Layout
from spinscope.quotes.marks import _pair_marks
from spinscope.quotes.quote import Quote
from spinscope.quotes.reported import _reported
from spinscope.quotes.speakers import _assemble, _Speakers


def find_quotes(text: str) -> tuple[Quote, ...]:
    """All quoted, reported and scare ranges, sorted by (start, -end). Never raises on any str."""
    if not isinstance(text, str) or not text.strip():
        return ()
    lay = _Layout(text)
    dashes = [_Speech(s, e, anchor, attr) for s, e, anchor, attr in _dash_lines(text, lay)]
    ranges, interrupted = _interrupted(text, _outside(_pair_marks(text, lay), dashes))
    dashes += [_Speech(s, e, anchor, attr) for s, e, anchor, attr in interrupted]
    masked = _masked(text, sorted([(d.start, d.end) for d in dashes] + ranges))
    frames = _reported(masked, lay) + [_Speech(s, e, anchor, attr, "reported")
                                       for s, e, anchor, attr in _reported_ru(masked, lay)]
    quotes = _classify(text, lay, ranges, frames) + dashes
    _Speakers(text, masked).resolve_all(quotes + frames, lay)
    return _assemble(text, quotes, frames)


def _outside(ranges: list[tuple[int, int]], dashes: list[_Speech]) -> list[tuple[int, int]]:
    """The mark-delimited ranges not inside a piece of dash-led speech (only the outermost quote is kept)."""
    return [(s, e) for s, e in ranges if not any(d.start <= s and e <= d.end for d in dashes)]


def _masked(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with the quoted ranges blanked out, so that no verbs or names inside them are read."""
    pieces, cur = [], 0
    for s, e in ranges:
        pieces += [text[cur:s], "x" * (e - max(s, cur))] if e > cur else []
        cur = max(cur, e)
    return "".join(pieces) + text[cur:]


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
