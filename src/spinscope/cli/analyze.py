"""``spinscope analyze``: find the techniques in an article (file, folder, URL or stdin)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from types import ModuleType

import typer

from spinscope.cli.app import app, console
from spinscope.document import Analysis
from spinscope.io.output import check_output, write_output
from spinscope.io.reader import SourceOptions, read_documents
from spinscope.io.text import MAX_CHARS
from spinscope.pipeline import load


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


RENDERERS = {Format.html: "spinscope.render.html", Format.ptc: "spinscope.io.ptc", Format.table: "spinscope.render.terminal"}
"""The module that writes each format (JSON needs none): imported only when its format is asked for,
which keeps the command's start quick."""


def renderer(output_format: Format) -> ModuleType:
    return importlib.import_module(RENDERERS[output_format])


def formatted(analyses: Sequence[Analysis], output_format: Format, show_possible: bool = False) -> str:
    """The analyses as text in the chosen format (what --out writes). JSON and PTC keep
    every span (JSON with its level); the table and HTML show likely spans unless
    ``show_possible``."""
    if output_format is Format.html:
        return renderer(output_format).page(analyses, show_possible)
    if output_format is Format.ptc:
        return renderer(output_format).format_labels(analyses)
    if output_format is Format.json:
        data = [a.to_dict() for a in analyses]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    render = renderer(output_format).render
    with console.capture() as capture:
        for analysis in analyses:
            console.print(render(analysis, show_possible))
    return capture.get()


def prepare_output(output_format: Format) -> None:
    """Import the chosen format's renderer (and for the table, rich) now: ``analyze`` does it
    while the model's session is being built on its own thread."""
    if output_format in RENDERERS:
        renderer(output_format)
    if output_format is Format.table:
        console.real()


@app.command()
def analyze(
    source: str = typer.Argument(..., help="A text or HTML file, a folder of them, a PTC folder, a JSONL or "
                                 "CSV file, a URL list, an http(s) URL, or - for stdin."),
    output_format: Format = typer.Option(Format.table, "--format", "-f", help="How to show the result."),
    detector: str = typer.Option(None, "--detector", "-d", help=(
        "auto (default): the English model for English, multilingual for the other supported languages; "
        "or a shipped detector name or a model folder, whatever the language.")),
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
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls",
                                            help="Fetch URLs on loopback and private networks (an intranet); "
                                                 "refused by default."),
) -> None:
    """Find and name the propaganda-technique spans in an article."""
    if out is not None:
        check_output(out)
    options = SourceOptions(encoding=encoding, max_chars=max_chars, allow_private_urls=allow_private_urls,
                            strict=True)
    documents = read_documents(source, options)
    pipeline = load(detector, wait=False)  # the model's session is built on its own thread meanwhile
    prepare_output(output_format)
    pipeline.ready()
    analyses = [a.above(min_score).in_voice(voice.value) for a in pipeline.predict(documents)]
    if out is not None:
        write_output(out, formatted(analyses, output_format, show_possible))
        console.print(f"wrote {len(analyses)} analysis(es) to {out}")
    elif output_format is Format.table:
        from spinscope.render.terminal import render
        for analysis in analyses:
            console.print(render(analysis, show_possible))
    else:
        typer.echo(formatted(analyses, output_format, show_possible), nl=False)
