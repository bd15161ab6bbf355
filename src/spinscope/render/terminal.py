"""Rich renderables: the article with highlighted spans, and a table of the spans.

Every technique has its own style (``STYLES``): black text on its catalogue colour, and
where two colours are alike they differ in bold or italic, so no two techniques look the
same; black on a light background reads the same on light and dark terminals. After each
span the text carries a small ``[n]`` that matches the ``#`` column of the table, and a
stretch covered by several spans is underlined. Only "likely" spans are shown unless
``show_possible``; a line says how many possible spans are hidden.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from spinscope import techniques
from spinscope.document import Analysis, Span
from spinscope.render.segments import segments
from spinscope.render.voice import voice_label
from spinscope.summary import (
    SCORE_HELP,
    TECHNIQUE_SCORE_HELP,
    likely_help,
    summary_line,
)

# Catalogue colours closer than 60 (RGB distance) never share bold / italic: the
# look-alikes are told apart by weight or slant (a 4-colouring of the look-alike graph).
_ATTRIBUTES = {
    "repetition": "bold", "exaggeration_minimisation": "bold", "bandwagon_reductio_ad_hitlerum": "bold",
    "doubt": "italic", "appeal_to_fear": "italic", "whataboutism_strawman_red_herring": "italic",
    "causal_oversimplification": "bold italic", "slogans": "bold italic", "appeal_to_authority": "bold italic",
}
STYLES: dict[str, str] = {
    t.id: " ".join(filter(None, (_ATTRIBUTES.get(t.id), f"black on {t.colour}"))) for t in techniques.TECHNIQUES
}
INDEX_STYLE = "dim"


def shown(analysis: Analysis, show_possible: bool) -> Analysis:
    """The spans a person sees: likely ones, or every span with ``show_possible``."""
    return analysis if show_possible else analysis.likely()


def highlighted_text(analysis: Analysis) -> Text:
    """The article, each span in its technique's style followed by its table number."""
    out = Text()
    text = analysis.document.text
    number = {id(span): n for n, span in enumerate(analysis.spans, 1)}
    for segment in segments(analysis):
        piece = text[segment.start:segment.end]
        if not segment.spans:
            out.append(piece)
            continue
        top = max(segment.spans, key=lambda s: s.score)
        out.append(piece, style=STYLES[top.technique] + (" underline" if len(segment.spans) > 1 else ""))
        ending = sorted(number[id(s)] for s in segment.spans if s.end == segment.end)
        if ending:
            out.append("".join(f"[{n}]" for n in ending), style=INDEX_STYLE)
    return out


def _technique_score(span: Span) -> str:
    return "–" if span.technique_score is None else f"{span.technique_score:.2f}"


def span_table(analysis: Analysis) -> Table:
    table = Table(title=f"{analysis.document.title or analysis.document.id} — {analysis.run_label()}",
                  caption=f"{SCORE_HELP}.\ntech. = {TECHNIQUE_SCORE_HELP}.")
    for column in ("#", "technique", "score", "tech.", "level", "voice", "text"):
        table.add_column(column, justify="right" if column in ("#", "score", "tech.") else "left")
    for number, span in enumerate(analysis.spans, 1):
        technique = techniques.get(span.technique)
        snippet = " ".join(span.text_in(analysis.document).split())
        table.add_row(str(number), Text(technique.name, style=STYLES[span.technique]),
                      f"{span.score:.2f}", _technique_score(span), span.level, voice_label(span),
                      snippet[:120] + ("…" if len(snippet) > 120 else ""))
    return table


def legend(analysis: Analysis, show_possible: bool = False) -> Text:
    """The summary line, the levels, and each technique shown with its count and definition."""
    out = Text(summary_line(analysis, show_possible) + "\n")
    if not show_possible and analysis.possible_count():
        out.append("Show them with --show-possible.\n", style=INDEX_STYLE)
    out.append(likely_help(analysis) + ".\n", style=INDEX_STYLE)
    counts = shown(analysis, show_possible).technique_counts()
    for technique_id, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        technique = techniques.get(technique_id)
        out.append(f" {technique.name} ×{count} ", style=STYLES[technique_id])
        out.append(f" {technique.definition}\n")
    return out


def render(analysis: Analysis, show_possible: bool = False) -> Group:
    """The highlighted article, the table of spans and the legend (likely spans only,
    unless ``show_possible``)."""
    view = shown(analysis, show_possible)
    return Group(highlighted_text(view), Text(), span_table(view), legend(analysis, show_possible))
