"""What the quote finder finds in a hand-made text, in a form tests can compare."""

from __future__ import annotations

from spinscope.quotes import find_quotes


def found(text: str, kind: str | None = None) -> list[tuple[str, str, str | None]]:
    """(kind, text inside the range, speaker) for each range find_quotes returns, optionally of one kind."""
    return [(q.kind, text[q.start:q.end], q.speaker) for q in find_quotes(text) if kind in (None, q.kind)]


def speakers(text: str, kind: str | None = None) -> list[str | None]:
    """The speaker of each range found, optionally of one kind."""
    return [s for _, _, s in found(text, kind)]
