"""``spinscope techniques``: the catalogue, with our definitions."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from spinscope import techniques as catalogue
from spinscope.cli.app import app, console
from spinscope.render.terminal import STYLES


@app.command()
def techniques() -> None:
    """List the 14 techniques spinscope detects, with definitions and example cues."""
    table = Table(title="Propaganda techniques (PTC / SemEval-2020 Task 11)", show_lines=True)
    for column in ("id", "technique", "definition", "example cue"):
        table.add_column(column)
    for t in catalogue.TECHNIQUES:
        table.add_row(t.id, Text(t.name, style=STYLES[t.id]), t.definition, t.cue)
    console.print(table)
