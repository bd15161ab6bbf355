"""Placeholder until the quote finder lands: the types the rest of the package uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("quoted", "reported", "scare")
VOICES = ("outlet", "quoted", "reported")


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    kind: str
    speaker: str | None = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "speaker": self.speaker, "kind": self.kind}


def find_quotes(text: str) -> tuple[Quote, ...]:
    return ()


def voice_of(quotes: Sequence[Quote], start: int, end: int) -> tuple[str, str | None]:
    return "outlet", None
