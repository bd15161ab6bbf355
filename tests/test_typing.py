"""The public API type-checks: mypy over the modules a Python user imports from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import spinscope

PUBLIC = ("__init__.py", "pipeline.py", "document.py", "quotes", "summary.py")


@pytest.mark.slow
def test_public_api_type_checks_with_mypy():
    pytest.importorskip("mypy")
    package = Path(spinscope.__file__).parent
    command = [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent",
               "--no-error-summary", *(str(package / name) for name in PUBLIC)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (package / "py.typed").is_file()  # and type checkers of users' code may read it
