"""The Detector protocol every span detector follows.

``predict`` finds spans (the SI + technique setting); ``classify`` names the technique
of spans that are already given (the SemEval TC setting). Neither changes its inputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from spinscope.document import Analysis, Document
from spinscope.errors import ModelError


@runtime_checkable
class Detector(Protocol):
    """Finds and names propaganda-technique spans."""

    name: str

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        """One analysis per document, in order, with the spans found in it."""
        ...

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        """The same spans, each given the single technique the detector thinks best."""
        ...

    def save(self, folder: Path) -> None:
        """Write JSON settings and weights to ``folder`` (never a pickle)."""
        ...


def stream_analyses(detector: Detector, documents: Sequence[Document]) -> Iterable[Analysis]:
    """The detector's analyses of ``documents`` in order: handed back one by one by a detector
    that streams them (``analyses``: it encodes ahead while the caller works on each one),
    else its ``predict``'s list."""
    stream = getattr(detector, "analyses", None)
    return stream(documents) if stream is not None else detector.predict(documents)


def read_model_json(path: Path, expected_format: str, what: str) -> dict[str, Any]:
    """A detector's JSON file, checked to be of ``expected_format`` (the key is removed)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"{path}: cannot read the {what} ({error})") from None
    found = data.pop("format", None) if isinstance(data, dict) else None
    if found != expected_format:
        raise ModelError(f"{path}: not a spinscope {what} (format {found!r}, expected {expected_format})")
    return data
