"""Rich renderables: the article with highlighted spans, and a table of the spans."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from spinscope import techniques
from spinscope.document import Analysis
from spinscope.render.voice import voice_label
from spinscope.render.segments import segments


def highlighted_text(analysis: Analysis) -> Text:
    """The article, each span in its technique's colour; overlaps are underlined."""
    out = Text()
    text = analysis.document.text
    for segment in segments(analysis):
        piece = text[segment.start:segment.end]
        if not segment.spans:
            out.append(piece)
            continue
        top = max(segment.spans, key=lambda s: s.score)
        style = f"black on {techniques.get(top.technique).colour}"
        out.append(piece, style=style + (" underline" if len(segment.spans) > 1 else ""))
    return out


def span_table(analysis: Analysis) -> Table:
    table = Table(title=f"{analysis.document.title or analysis.document.id} — {analysis.detector}")
    for column in ("#", "technique", "score", "voice", "text"):
        table.add_column(column, justify="right" if column in ("#", "score") else "left")
    for number, span in enumerate(analysis.spans, 1):
        technique = techniques.get(span.technique)
        snippet = " ".join(span.text_in(analysis.document).split())
        table.add_row(str(number), Text(technique.name, style=f"black on {technique.colour}"),
                      f"{span.score:.2f}", voice_label(span),
                      snippet[:120] + ("…" if len(snippet) > 120 else ""))
    return table


def legend(analysis: Analysis) -> Text:
    """Span count, density, and each technique found with its count and definition."""
    out = Text(f"{len(analysis.spans)} spans, {analysis.density():.0%} of the text.\n")
    for technique_id, count in sorted(analysis.technique_counts().items(), key=lambda kv: -kv[1]):
        technique = techniques.get(technique_id)
        out.append(f" {technique.name} ×{count} ", style=f"black on {technique.colour}")
        out.append(f" {technique.definition}\n")
    return out


def render(analysis: Analysis) -> Group:
    """The highlighted article, then the table of spans, then the legend."""
    return Group(highlighted_text(analysis), Text(), span_table(analysis), legend(analysis))
