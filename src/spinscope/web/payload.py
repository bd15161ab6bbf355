"""The answer of POST /api/analyze: the CLI's JSON form of an analysis, plus the text itself.

Spans and document metadata come from ``Analysis.to_dict()`` so that the API and
``spinscope analyze --format json`` agree; the web adds the document text (the page
needs it to place the spans) and lists every technique in the counts, zeros included.
"""

from __future__ import annotations

from spinscope import techniques
from spinscope.document import Analysis
from spinscope.web.schemas import (
    AnalyzeResponse,
    DocumentOut,
    QuoteOut,
    SpanOut,
    SummaryOut,
    TechniqueOut,
)


def summary_of(analysis: Analysis) -> SummaryOut:
    """Counts (catalogue order, zeros included), densities and PTC percentiles of one analysis."""
    data = analysis.summary()
    zeros = dict.fromkeys(techniques.TECHNIQUE_IDS, 0)
    scale = analysis.scale
    return SummaryOut(**(data | {"counts": zeros | data["counts"], "likely_counts": zeros | data["likely_counts"]}),
                      characters=len(analysis.document.text),
                      reference_densities=list(scale.densities) if scale else [],
                      reference_likely_densities=list(scale.likely_densities) if scale else [])


def analysis_response(analysis: Analysis) -> AnalyzeResponse:
    """The full answer of POST /api/analyze."""
    data = analysis.to_dict()
    return AnalyzeResponse(
        detector=analysis.detector,
        language=analysis.document.language,
        run=analysis.run_label(),
        document=DocumentOut(**data["document"], text=analysis.document.text),
        spans=[SpanOut(**span) for span in data["spans"]],
        quotes=[QuoteOut(**quote) for quote in data["quotes"]],
        summary=summary_of(analysis),
    )


def catalogue() -> list[TechniqueOut]:
    """Every technique the detectors can name, in catalogue order."""
    return [TechniqueOut(id=t.id, name=t.name, definition=t.definition, cue=t.cue,
                         colour=t.colour, ptc_label=t.ptc_label) for t in techniques.TECHNIQUES]
