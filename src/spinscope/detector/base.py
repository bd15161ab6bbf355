"""The Detector protocol every span detector follows.

``predict`` finds spans (the SI + technique setting); ``classify`` names the technique
of spans that are already given (the SemEval TC setting). Neither changes its inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from spinscope.document import Analysis, Document


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
