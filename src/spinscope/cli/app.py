"""The typer application every command module registers with."""

from __future__ import annotations

from typing import Any

import typer

app = typer.Typer(
    name="spinscope",
    help="Find and name the propaganda techniques in news articles, offline.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class LazyConsole:
    """A rich Console built on first use: importing rich costs about a tenth of the start of a
    command whose output needs none of it (``analyze -f json``)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def real(self) -> Any:
        """The Console itself, for rich objects that take one (a progress bar)."""
        if self._console is None:
            from rich.console import Console
            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


console = LazyConsole()
errors = LazyConsole(stderr=True, soft_wrap=True)


@app.callback()
def spinscope() -> None:
    """Find and name the propaganda techniques in news articles, offline."""
    # A group callback keeps ``spinscope analyze ...`` a subcommand even when ``main``
    # has registered only that one command.
