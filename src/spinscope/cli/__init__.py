"""The ``spinscope`` command line: thin commands that parse, call one library function, render.

Every module in this package registers its commands with ``spinscope.cli.app.app`` when
imported; ``main`` imports them all and is the only place where spinscope's errors
become messages and exit codes.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from rich.markup import escape

from spinscope.cli.app import app, errors
from spinscope.cli.messages import describe, one_line
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
        errors.print(f"[bold red]error:[/] {escape(describe(error))}", highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except OSError as error:  # a file the system refused (permissions, a full disk): no traceback
        where = f"{error.filename}: " if error.filename else ""
        errors.print(f"[bold red]error:[/] {escape(one_line(where + (error.strerror or str(error))))}",
                     highlight=False)
        sys.exit(EXIT_USER_ERROR)
    except KeyboardInterrupt:
        errors.print("interrupted")
        sys.exit(130)
