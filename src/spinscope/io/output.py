"""Where results go: a file to write is checked before any work starts, and written in one place."""

from __future__ import annotations

import os
from pathlib import Path

from spinscope.errors import OutputError


def check_output(out: str | Path) -> Path:
    """``out`` as a path if a file can be written there (its folder exists and is writable, it is
    not a folder; "-", standard output, always can); else OutputError. Checked before any work."""
    path = Path(out)
    if str(out) == "-":
        return path
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file to write", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: no such folder {str(folder)!r} to write into", path=str(path))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"{path}: cannot write here (permission denied)", path=str(path))
    return path


def write_output(path: Path, text: str) -> None:
    """Write text as UTF-8; a file the system refuses is an OutputError naming it."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror or error})", path=str(path)) from None
