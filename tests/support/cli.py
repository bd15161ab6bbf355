"""The CLI as a user runs it: the console entry point in a subprocess (``run_cli``, ``start_cli``),
in this process (``run_main``), and through typer's runner (``invoke``, ``invoke_ok``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from spinscope.cli import register_commands
from spinscope.cli.app import app

REPO = Path(__file__).resolve().parents[2]
"""The repository root, so that a child process can load ``tests.support.detectors:...`` by spec."""
ENTRY = "from spinscope.cli import main; main()"
"""What the ``spinscope`` console script runs."""

register_commands()
runner = CliRunner()


def cli_env(**extra: str) -> dict[str, str]:
    """This process's environment with the repository root on PYTHONPATH, plus ``extra``."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONPATH=path, **extra)


def cli_command(*args: object, entry: str = ENTRY) -> list[str]:
    """The command line of ``spinscope ARGS`` (``entry``: the Python run instead of the console script)."""
    return [sys.executable, "-c", entry, *map(str, args)]


def run_cli(*args: object, stdin: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """``spinscope ARGS`` in a subprocess, to its end: exit code, stdout and stderr as text."""
    return subprocess.run(cli_command(*args), input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=cli_env() if env is None else env)


def start_cli(*args: object, entry: str = ENTRY, env: dict[str, str] | None = None,
              **options: object) -> subprocess.Popen:
    """``spinscope ARGS`` started in a subprocess and left running (``options`` go to Popen)."""
    return subprocess.Popen(cli_command(*args, entry=entry), env=cli_env() if env is None else env, **options)


def run_main(monkeypatch, capsys, *args: object) -> tuple[int, str, str]:
    """``spinscope ARGS`` in this process, as the console script runs it: (exit code, stdout, stderr)."""
    from spinscope.cli import main

    monkeypatch.setattr(sys, "argv", ["spinscope", *map(str, args)])
    with pytest.raises(SystemExit) as exit:
        main(exit_quickly=False)
    captured = capsys.readouterr()
    return exit.value.code or 0, captured.out, captured.err


def invoke(*args: object, **options: object) -> Result:
    """``spinscope ARGS`` through typer's test runner (``options``: e.g. ``input``, ``terminal_width``)."""
    return runner.invoke(app, [str(a) for a in args], **options)


def invoke_ok(*args: object, **options: object) -> str:
    """The output of ``spinscope ARGS`` through typer's runner, which must exit 0."""
    result = invoke(*args, **options)
    assert result.exit_code == 0, result.output
    return result.output


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit 2 with a single 'error: ...' line on stderr that holds every fragment; no traceback."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    assert all(fragment in lines[0] for fragment in fragments), lines[0]
