"""The JSON form of an analysis, shared by the CLI and anything that serialises results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spinscope import techniques

if TYPE_CHECKING:  # types only: document imports the renderers for to_dict and _repr_html_
    from spinscope.document import Analysis, Span

from spinscope.summary import summary_dict


def span_to_dict(span: Span, text: str) -> dict[str, Any]:
    technique = techniques.get(span.technique)
    return {
        "start": span.start, "end": span.end, "text": text[span.start:span.end],
        "technique": technique.id, "name": technique.name, "score": round(span.score, 4),
        "definition": technique.definition, "colour": technique.colour,
        "techniques": [{"technique": t, "probability": round(p, 4)} for t, p in span.techniques()],
        "voice": span.voice, "speaker": span.speaker,
        "technique_score": None if span.technique_score is None else round(span.technique_score, 4),
        "level": span.level,
    }


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """Document metadata, every span (both levels) with its definition, and the summary."""
    doc = analysis.document
    return {
        "document": {"id": doc.id, "title": doc.title, "url": doc.url, "outlet": doc.outlet,
                     "published": doc.published, "characters": len(doc.text)},
        "detector": analysis.detector,
        "spans": [span_to_dict(s, doc.text) for s in analysis.spans],
        "quotes": [q.to_dict() for q in analysis.quotes],
        "summary": summary_dict(analysis),
    }
