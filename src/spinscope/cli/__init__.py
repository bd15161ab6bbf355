"""The ``spinscope`` command line: thin commands that parse, call one library function, render.

Every module in this package registers its commands with ``spinscope.cli.app.app`` when
imported; ``main`` imports them all and is the only place where spinscope's errors
become messages and exit codes.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from spinscope.cli.app import app, errors
from spinscope.errors import SpinscopeError

EXIT_USER_ERROR = 2


def register_commands() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def main() -> None:
    """Entry point of the console script."""
    register_commands()
    try:
        app()
    except SpinscopeError as error:
        errors.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except KeyboardInterrupt:
        errors.print("interrupted")
        sys.exit(130)
