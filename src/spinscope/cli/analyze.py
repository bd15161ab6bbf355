"""``spinscope analyze``: find the techniques in an article (file, folder, URL or stdin)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

import typer

from spinscope.cli.app import app, console
from spinscope.document import Analysis
from spinscope.io import ptc
from spinscope.io.sources import read_source
from spinscope.io.text import MAX_CHARS
from spinscope.pipeline import load
from spinscope.render import html as html_render
from spinscope.render.json import analysis_to_dict
from spinscope.render.terminal import render


class Voice(str, Enum):
    all = "all"
    outlet = "outlet"
    quoted = "quoted"
    reported = "reported"


class Format(str, Enum):
    table = "table"
    json = "json"
    ptc = "ptc"
    html = "html"


def formatted(analyses: Sequence[Analysis], output_format: Format, show_possible: bool = False) -> str:
    """The analyses as text in the chosen format (what --out writes). JSON and PTC keep
    every span (JSON with its level); the table and HTML show likely spans unless
    ``show_possible``."""
    if output_format is Format.html:
        return html_render.page(analyses, show_possible)
    if output_format is Format.ptc:
        return ptc.format_labels(analyses)
    if output_format is Format.json:
        data = [analysis_to_dict(a) for a in analyses]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    with console.capture() as capture:
        for analysis in analyses:
            console.print(render(analysis, show_possible))
    return capture.get()


@app.command()
def analyze(
    source: str = typer.Argument(..., help="A text or HTML file, a folder of them, an http(s) URL, or - for stdin."),
    output_format: Format = typer.Option(Format.table, "--format", "-f", help="How to show the result."),
    detector: str = typer.Option(None, "--detector", "-d", help="Shipped detector name or model folder (default: the shipped model)."),
    min_score: float = typer.Option(0.0, "--min-score", min=0.0, max=1.0, help=(
        "Hide spans scored below this. The score is the probability that the span is propaganda "
        "(calibrated on PTC dev: the expected share of its characters inside annotated spans).")),
    show_possible: bool = typer.Option(False, "--show-possible", help=(
        'Also show "possible" spans in the table and HTML (by default they show "likely" ones: '
        "score at or above the model's cut, where dev precision is at least 0.6). "
        "JSON and PTC output always keep every span.")),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of the terminal."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of text files and stdin."),
    max_chars: int = typer.Option(MAX_CHARS, "--max-chars", min=1, help="Refuse documents longer than this."),
    voice: Voice = typer.Option(Voice.all, "--voice", help="Only spans in this voice: the outlet's own words, "
                                "quoted speech or reported speech."),
) -> None:
    """Find and name the propaganda-technique spans in an article."""
    documents = read_source(source, encoding=encoding, max_chars=max_chars)
    analyses = [a.above(min_score).in_voice(voice.value) for a in load(detector).predict(documents)]
    if out is not None:
        out.write_text(formatted(analyses, output_format, show_possible), encoding="utf-8")
        console.print(f"wrote {len(analyses)} analysis(es) to {out}")
    elif output_format is Format.table:
        for analysis in analyses:
            console.print(render(analysis, show_possible))
    else:
        typer.echo(formatted(analyses, output_format, show_possible), nl=False)
