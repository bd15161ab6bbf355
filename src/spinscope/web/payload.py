"""Turning an Analysis into the API's JSON: spans with their catalogue entry, and a summary."""

from __future__ import annotations

from collections.abc import Iterable

from spinscope import techniques
from spinscope.document import Analysis, Span
from spinscope.web.schemas import AnalyzeResponse, DocumentOut, SpanOut, SummaryOut, TechniqueOut


def covered_characters(spans: Iterable[Span]) -> int:
    """How many characters lie inside at least one span (overlaps counted once)."""
    covered, reach = 0, 0
    for span in sorted(spans):
        start = max(span.start, reach)
        if span.end > start:
            covered += span.end - start
        reach = max(reach, span.end)
    return covered


def summary_of(analysis: Analysis) -> SummaryOut:
    """Per-technique counts and the propaganda density of one analysis."""
    counts = dict.fromkeys(techniques.TECHNIQUE_IDS, 0)
    for span in analysis.spans:
        counts[span.technique] += 1
    length = len(analysis.document.text)
    density = covered_characters(analysis.spans) / length if length else 0.0
    return SummaryOut(counts=counts, spans=len(analysis.spans), characters=length,
                      density=round(density, 4))


def span_out(analysis: Analysis, span: Span) -> SpanOut:
    technique = techniques.get(span.technique)
    return SpanOut(start=span.start, end=span.end, text=span.text_in(analysis.document),
                   technique=technique.id, name=technique.name, score=round(span.score, 4),
                   definition=technique.definition, colour=technique.colour)


def analysis_response(analysis: Analysis) -> AnalyzeResponse:
    """The full answer of POST /api/analyze."""
    document = analysis.document
    return AnalyzeResponse(
        detector=analysis.detector,
        document=DocumentOut(id=document.id, title=document.title, url=document.url, text=document.text),
        spans=[span_out(analysis, span) for span in analysis.spans],
        summary=summary_of(analysis),
    )


def catalogue() -> list[TechniqueOut]:
    """Every technique the detectors can name, in catalogue order."""
    return [TechniqueOut(id=t.id, name=t.name, definition=t.definition, cue=t.cue,
                         colour=t.colour, ptc_label=t.ptc_label) for t in techniques.TECHNIQUES]
