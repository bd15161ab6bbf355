"""The values spinscope passes around: documents, technique spans and analyses.

Offsets are half-open Python character offsets into ``Document.text`` exactly as it
was read, a leading byte-order mark included.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from spinscope import techniques
from spinscope.errors import SpanError
from spinscope.language import run_label
from spinscope.quotes import VOICES, Quote

LIKELY, POSSIBLE = "likely", "possible"
LEVELS = (LIKELY, POSSIBLE)


def content_id(text: str) -> str:
    """A short, stable id derived from the text itself (re-adding it gives the same id)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """An article: its text and what is known about where it came from.

    ``language`` is the ISO 639-1 code of the text's language: None until detected (the
    Pipeline detects it once per document, see ``spinscope.language``), or given by the caller."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None

    @classmethod
    def from_text(cls, text: str, **metadata: str | None) -> Document:
        """A document whose id is the hash of its text."""
        return cls(id=content_id(text), text=text, **metadata)


@dataclass(frozen=True)
class Span:
    """A technique found at ``text[start:end]``, with the detector's confidence.

    ``score`` is the probability that the span is propaganda (for the shipped models:
    calibrated on PTC dev, the expected share of its characters inside gold spans of any
    technique); ``technique_score`` the probability that, where it is propaganda, the
    technique named is the right one (None where the detector does not say). ``level`` is
    "likely" (score at or above the detector's documented cut) or "possible".

    ``voice`` says whose words the span is in: the outlet's own, a quoted speaker's or
    reported speech; ``speaker`` names the speaker where the text does (else None).
    ``alternatives`` are the other techniques the detector gave the same range, strongest
    first, as (technique id, probability) pairs.
    """

    start: int
    end: int
    technique: str
    score: float = 1.0
    voice: str = "outlet"
    speaker: str | None = None
    alternatives: tuple[tuple[str, float], ...] = ()
    technique_score: float | None = None
    level: str = LIKELY

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise SpanError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if not 0 <= self.start < self.end:
            raise SpanError(f"span offsets must satisfy 0 <= start < end, got {self.start}, {self.end}")
        if not 0.0 <= self.score <= 1.0:
            raise SpanError(f"span score must be within [0, 1], got {self.score}")
        if self.technique_score is not None and not 0.0 <= self.technique_score <= 1.0:
            raise SpanError(f"span technique_score must be within [0, 1], got {self.technique_score}")
        if self.level not in LEVELS:
            raise SpanError(f"span level must be one of {', '.join(LEVELS)}, got {self.level!r}")
        techniques.get(self.technique)
        if self.voice not in VOICES:
            raise SpanError(f"span voice must be one of {', '.join(VOICES)}, got {self.voice!r}")
        for technique, _ in self.alternatives:
            techniques.get(technique)

    @property
    def sort_key(self) -> tuple[int, int, str, float]:
        return (self.start, self.end, self.technique, self.score)

    def __lt__(self, other: Span) -> bool:  # spans sort by position, then technique and score
        return self.sort_key < other.sort_key

    def techniques(self) -> list[tuple[str, float]]:
        """Every technique of the range, strongest first: the span's own, then the alternatives."""
        return [(self.technique, self.score), *self.alternatives]

    def text_in(self, document: Document) -> str:
        """The characters of the document this span covers."""
        return document.text[self.start:self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self, text: str) -> dict[str, Any]:
        """The span's JSON form (``text``: its document's text), with its technique's catalogue entry."""
        technique = techniques.get(self.technique)
        return {
            "start": self.start, "end": self.end, "text": text[self.start:self.end],
            "technique": technique.id, "name": technique.name, "score": round(self.score, 4),
            "definition": technique.definition, "colour": technique.colour,
            "techniques": [{"technique": t, "probability": round(p, 4)} for t, p in self.techniques()],
            "voice": self.voice, "speaker": self.speaker,
            "technique_score": None if self.technique_score is None else round(self.technique_score, 4),
            "level": self.level,
        }


@dataclass(frozen=True)
class Scale:
    """How a detector's results read: the score at which a span is "likely", and the
    densities of the PTC train+dev articles as the detector analyses them (101 quantiles,
    of all spans and of likely spans), against which an article's density is placed."""

    likely_cut: float
    densities: tuple[float, ...] = ()
    likely_densities: tuple[float, ...] = ()

    def level(self, score: float) -> str:
        return LIKELY if score >= self.likely_cut else POSSIBLE


def percentile(density: float, quantiles: tuple[float, ...]) -> float | None:
    """Where ``density`` stands among the articles the quantiles describe (0-100; ties
    count half, so an article as dense as the median is at 50); None without quantiles or
    when they are all equal (e.g. no PTC article had a likely span: nothing to compare)."""
    if not quantiles or quantiles[0] == quantiles[-1]:
        return None
    below = sum(q < density for q in quantiles)
    equal = sum(q == density for q in quantiles)
    return round(100 * (below + equal / 2) / len(quantiles), 1)


@dataclass(frozen=True)
class Analysis:
    """A document and the technique spans found in it (by a detector or by annotators)."""

    document: Document
    spans: tuple[Span, ...] = field(default_factory=tuple)
    detector: str = "gold"
    quotes: tuple[Quote, ...] = ()
    scale: Scale | None = None  # the detector's likely cut and PTC densities, where known

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", tuple(sorted(self.spans, key=lambda s: s.sort_key)))
        length = len(self.document.text)
        for span in self.spans:
            if span.end > length:
                raise SpanError(
                    f"span {span.start}-{span.end} ({span.technique}) runs past the end of "
                    f"document {self.document.id!r}, which has {length} characters"
                )

    def above(self, min_score: float) -> Analysis:
        """The same analysis with only the spans scored at least ``min_score``."""
        kept = tuple(s for s in self.spans if s.score >= min_score)
        return replace(self, spans=kept)

    def in_voice(self, voice: str | None) -> Analysis:
        """The same analysis with only the spans in ``voice`` (None or "all": every span)."""
        if voice in (None, "all"):
            return self
        return replace(self, spans=tuple(s for s in self.spans if s.voice == voice))

    def summary(self) -> dict[str, Any]:
        """Counts and density of every span and of likely spans, with their PTC percentiles:
        where the article stands among the PTC train+dev articles as the same detector
        analysed them (the quantiles of its ``scale``)."""
        likely = self.likely()
        scale = self.scale
        density, likely_density = self.density(), likely.density()
        return {
            "counts": self.technique_counts(), "likely_counts": likely.technique_counts(),
            "spans": len(self.spans), "likely": len(likely.spans), "possible": self.possible_count(),
            "density": round(density, 4), "likely_density": round(likely_density, 4),
            "percentile": percentile(density, scale.densities) if scale else None,
            "likely_percentile": percentile(likely_density, scale.likely_densities) if scale else None,
            "likely_cut": scale.likely_cut if scale else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form that ``spinscope analyze --format json`` writes: document metadata,
        the detector that ran and the text's language (ISO 639-1), every span (both levels) with its definition, the quotes, and the summary."""
        doc = self.document
        return {
            "document": {"id": doc.id, "title": doc.title, "url": doc.url, "outlet": doc.outlet,
                         "published": doc.published, "characters": len(doc.text)},
            "detector": self.detector,
            "language": doc.language,
            "spans": [s.to_dict(doc.text) for s in self.spans],
            "quotes": [q.to_dict() for q in self.quotes],
            "summary": self.summary(),
        }

    def run_label(self) -> str:
        """The text's language and the detector that ran, as the views show them."""
        return run_label(self.document.language, self.detector)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def likely(self) -> Analysis:
        """The same analysis with only the "likely" spans (what the views for people show)."""
        return replace(self, spans=tuple(s for s in self.spans if s.level == LIKELY))

    def possible_count(self) -> int:
        """How many spans are only "possible" (hidden by default in the views for people)."""
        return sum(s.level == POSSIBLE for s in self.spans)

    def span_texts(self) -> list[str]:
        return [s.text_in(self.document) for s in self.spans]

    def technique_counts(self) -> dict[str, int]:
        """Number of spans per technique id, for the techniques that occur."""
        counts: dict[str, int] = {}
        for span in self.spans:
            counts[span.technique] = counts.get(span.technique, 0) + 1
        return counts

    def density(self) -> float:
        """Share of the text's characters that lie inside at least one span."""
        covered, reach = 0, 0
        for span in self.spans:  # sorted by start
            if span.end > reach:
                covered += span.end - max(span.start, reach)
                reach = span.end
        return covered / len(self.document.text) if self.document.text else 0.0
