"""A self-contained HTML page of one or more analyses, readable in any browser offline.

Every piece of article text goes through ``html.escape``; a segment covered by several
spans gets one coloured underline per extra span, and its tooltip lists them all. Each
article is there twice, with likely spans and with every span; a checkbox (CSS only, no
script) switches from the first, shown by default, to the second.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from spinscope import techniques
from spinscope.document import Analysis
from spinscope.render.segments import Segment, segments
from spinscope.render.voice import voice_label
from spinscope.summary import (
    SCORE_HELP,
    TECHNIQUE_SCORE_HELP,
    likely_help,
    summary_line,
)

_STYLE = """
body { font: 16px/1.6 Georgia, serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #222; }
article { white-space: pre-wrap; border-top: 1px solid #ccc; padding-top: 1em; margin-bottom: 3em; }
mark { color: inherit; border-radius: 2px; padding: 0 0 2px 0; cursor: help; }
mark.not-outlet { outline: 1px dashed #666; outline-offset: 1px; }
.legend span { display: inline-block; margin: 0 .4em .4em 0; padding: 0 .4em; border-radius: 3px; font: 13px sans-serif; }
.view-all, .show-possible { display: none; }
.show-possible:checked ~ .view-all { display: block; } .show-possible:checked ~ .view-likely { display: none; }
.switch { font: 13px sans-serif; color: #444; } .switch label { text-decoration: underline; cursor: pointer; }
h1 { font: bold 22px sans-serif; } h2 { font: bold 18px sans-serif; } .meta { font: 13px sans-serif; color: #666; }
"""


def _tooltip(segment: Segment) -> str:
    lines = []
    for span in sorted(segment.spans, key=lambda s: -s.score):
        technique = techniques.get(span.technique)
        sure = "" if span.technique_score is None else f", technique {span.technique_score:.2f}"
        lines.append(f"{technique.name} ({span.level}, score {span.score:.2f}{sure}, {voice_label(span)}): "
                     f"{technique.definition}")
    return "\n".join(lines)


def _mark(text: str, segment: Segment) -> str:
    ordered = sorted(segment.spans, key=lambda s: -s.score)
    colours = [techniques.get(s.technique).colour for s in ordered]
    shadows = ", ".join(f"inset 0 -{3 * i}px 0 {c}" for i, c in enumerate(colours[1:], 1))
    style = f"background:{colours[0]};" + (f"box-shadow:{shadows};" if shadows else "")
    ids = " ".join(s.technique for s in ordered)
    voices = " ".join(s.voice for s in ordered)
    css = ' class="not-outlet"' if all(s.voice != "outlet" for s in ordered) else ""
    return (f'<mark{css} style="{style}" data-techniques="{ids}" data-voice="{voices}" '
            f'title="{html.escape(_tooltip(segment))}">{html.escape(text)}</mark>')


def article_html(analysis: Analysis) -> str:
    text = analysis.document.text
    body = "".join(
        _mark(text[s.start:s.end], s) if s.spans else html.escape(text[s.start:s.end])
        for s in segments(analysis)
    )
    return f"<article>{body}</article>"


def legend_html(analysis: Analysis) -> str:
    items = [
        f'<span style="background:{techniques.get(t).colour}" title="{html.escape(techniques.get(t).definition)}">'
        f"{html.escape(techniques.get(t).name)}: {n}</span>"
        for t, n in sorted(analysis.technique_counts().items(), key=lambda kv: -kv[1])
    ]
    return f'<p class="legend">{"".join(items)}</p>'


def view_html(analysis: Analysis, show_possible: bool) -> str:
    """Summary line, legend and highlighted article of one view (likely spans, or all)."""
    view = analysis if show_possible else analysis.likely()
    line = f"{summary_line(analysis, show_possible)} {analysis.run_label()}."
    css = "view-all" if show_possible else "view-likely"
    return (f'<div class="{css}"><p class="meta">{html.escape(line)}</p>'
            f"{legend_html(view)}{article_html(view)}</div>")


def section_html(analysis: Analysis, number: int, show_possible: bool = False) -> str:
    """One analysis: title, the score's meaning, the switch, and both views."""
    doc, box = analysis.document, f"show-possible-{number}"
    checked = " checked" if show_possible else ""
    hidden = analysis.possible_count()
    switch = (f'<p class="switch">{hidden} more possible spans — <label for="{box}">show or hide them</label></p>' if hidden else "")
    explain = f"{SCORE_HELP}. {TECHNIQUE_SCORE_HELP}. {likely_help(analysis)}."
    return (f"<section><h2>{html.escape(doc.title or doc.id)}</h2>"
            f'<p class="meta">{html.escape(explain)}</p>{switch}'
            f'<input type="checkbox" class="show-possible" id="{box}"{checked}>'
            f"{view_html(analysis, False)}{view_html(analysis, True)}</section>")


def page(analyses: Sequence[Analysis], show_possible: bool = False) -> str:
    """One HTML page with a section per analysis: likely spans shown, the rest a click away
    (every span shown at first with ``show_possible``)."""
    sections = [section_html(a, i, show_possible) for i, a in enumerate(analyses)]
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>spinscope</title>"
        f"<style>{_STYLE}</style></head><body><h1>spinscope analysis</h1>{''.join(sections)}</body></html>\n"
    )


def notebook_html(analysis: Analysis) -> str:
    """The highlighted article with its legend: ``Analysis._repr_html_``, what a notebook shows."""
    return legend_html(analysis) + article_html(analysis)
