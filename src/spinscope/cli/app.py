"""The typer application every command module registers with."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="spinscope",
    help="Find and name the propaganda techniques in news articles, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)
