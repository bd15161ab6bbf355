"""``find_quotes`` and ``voice_of``: the quote finder's front, assembling the pieces of this package."""

from __future__ import annotations

from collections.abc import Sequence

from spinscope.quotes.attribution import _classify
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
