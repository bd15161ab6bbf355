"""The value the quote finder returns: a quoted, reported or scare-quoted range and its speaker."""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.errors import SpanError

KINDS = ("quoted", "reported", "scare")
VOICES = ("outlet", "quoted", "reported")


@dataclass(frozen=True)
class Quote:
    """``text[start:end]`` is in someone's voice: quoted or reported speech, or the outlet's scare quotes."""

    start: int
    end: int
    kind: str
    speaker: str | None = None

    def __post_init__(self) -> None:
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (self.start, self.end)):
            raise SpanError(f"quote offsets must be integers, got {self.start!r}, {self.end!r}")
        if not 0 <= self.start < self.end:
            raise SpanError(f"quote offsets must satisfy 0 <= start < end, got {self.start}, {self.end}")
        if self.kind not in KINDS:
            raise SpanError(f"quote kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.speaker is not None and not isinstance(self.speaker, str):
            raise SpanError(f"quote speaker must be a string or None, got {self.speaker!r}")

    def to_dict(self) -> dict:
        """The JSON form of the annotation files."""
        return {"start": self.start, "end": self.end, "speaker": self.speaker, "kind": self.kind}
