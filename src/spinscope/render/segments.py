"""Split a text at every span boundary, so that overlapping spans can all be shown."""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.document import Analysis, Span


@dataclass(frozen=True)
class Segment:
    """A stretch of text covered by the same set of spans (possibly none)."""

    start: int
    end: int
    spans: tuple[Span, ...]


def segments(analysis: Analysis) -> list[Segment]:
    """Consecutive segments covering the whole text, each with the spans over it."""
    spans = analysis.spans
    length = len(analysis.document.text)
    cuts = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    return [
        Segment(a, b, tuple(s for s in spans if s.start < b and a < s.end))
        for a, b in zip(cuts, cuts[1:])
    ]
