"""Where an export or report will be written, checked before any work starts.

A missing or read-only folder should cost the user one line at once, not a traceback
after the whole corpus has been read.
"""

from __future__ import annotations

import os
from pathlib import Path

from spinscope.errors import OutputError


def check_target(out: str | Path) -> Path:
    """``out`` as a path, if a file can be written there ("-", standard output, always can)."""
    path = Path(out)
    if str(out) == "-":
        return path
    if path.is_dir():
        raise OutputError(f"{path}: a folder; give a file name to write to")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist; create it first")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError(f"{path}: cannot write here (permission denied)")
    return path
