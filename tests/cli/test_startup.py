"""The command line imports only what the command being run needs, so that it starts quickly."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from spinscope.cli import COMMAND_MODULES, loads_default_model, register_commands
from spinscope.cli.app import app
from spinscope.resources import one_blas_thread
from tests.support.cli import REPO, cli_command, cli_env, run_cli

HEAVY = ("py3langid", "rich", "spinscope.corpus", "spinscope.web", "spinscope.training", "fastapi", "http.client", "torch")
REPORT_MODULES = (
    "import sys\nfrom spinscope.cli import main\ntry:\n    main(exit_quickly=False)\nfinally:\n"
    f"    print('MODULES', sorted(m for m in sys.modules if m.startswith({HEAVY!r})), file=sys.stderr)"
)


def test_every_command_is_mapped_to_the_module_that_registers_it():
    register_commands()
    found = {c.name or c.callback.__name__: c.callback.__module__ for c in app.registered_commands}
    found.update({g.name: g.typer_instance.registered_commands[0].callback.__module__
                  for g in app.registered_groups})
    assert found == {name: f"spinscope.cli.{module}" for name, module in COMMAND_MODULES.items()}


def test_analyze_as_json_imports_no_renderer_corpus_web_fetcher_or_language_identifier():
    article = REPO / "examples" / "rally-speech.txt"  # English: known by its function words
    result = subprocess.run(cli_command("analyze", article, "-f", "json", entry=REPORT_MODULES),
                            capture_output=True, text=True, timeout=120, env=cli_env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["spans"]
    assert "MODULES []" in result.stderr, result.stderr


def test_help_still_lists_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for name in COMMAND_MODULES:
        assert name in result.stdout


def test_analyze_ends_quickly_with_its_exit_status_and_whole_output(tmp_path):
    out = tmp_path / "a.json"
    written = run_cli("analyze", REPO / "examples" / "rally-speech.txt", "-f", "json", "--out", out)
    assert written.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["spans"]
    printed = run_cli("analyze", REPO / "examples" / "rally-speech.txt", "-f", "json")
    assert printed.returncode == 0 and json.loads(printed.stdout)["document"]["title"] == "rally-speech"
    refused = run_cli("analyze", tmp_path / "missing.txt")
    assert refused.returncode == 2 and "no such file" in refused.stderr


@pytest.mark.parametrize(("argv", "expected"), [
    (["analyze", "a.txt"], True),
    (["analyze", "-f", "json", "a.txt"], True),
    (["analyze", "a.txt", "-d", "lexicon"], False),
    (["analyze", "a.txt", "-dlexicon"], False),
    (["analyze", "a.txt", "--detector", "auto"], False),
    (["analyze", "a.txt", "--detector=mpnet-ptc"], False),
    (["analyze", "--help"], False),
    (["corpus", "analyze", "store.db"], False),
    (["--help"], False),
    ([], False),
])
def test_only_analyze_with_the_default_detector_starts_building_its_model_early(argv, expected):
    assert loads_default_model(argv) is expected


def test_the_command_line_keeps_numpy_to_one_blas_thread_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
