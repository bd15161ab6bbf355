"""Shared fixtures: paths to ../shared (skipped cleanly when absent) and hand-built documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinscope.document import Analysis, Document, Span

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PTC = SHARED / "data" / "ptc"
EXAMPLES = SHARED / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a clean skip when a fresh clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (a fresh clone has no ../shared)")
    return path


@pytest.fixture
def ptc_dev() -> Path:
    return shared_path("data", "ptc", "dev")


@pytest.fixture
def ptc_train() -> Path:
    return shared_path("data", "ptc", "train")


@pytest.fixture
def example_article() -> Path:
    return shared_path("examples", "rt-2017-novosibirsk-rally.txt")


@pytest.fixture
def small_gold() -> list[Analysis]:
    """Three hand-written articles with gold spans, enough to fit a lexicon on."""
    texts = [
        ("a1", "These traitors will destroy our great nation. The traitors lie.",
         [(6, 14, "name_calling"), (32, 44, "flag_waving"), (50, 58, "name_calling")]),
        ("a2", "A shameful and barbaric attack by the traitors shocked everyone.",
         [(2, 10, "loaded_language"), (15, 23, "loaded_language"), (38, 46, "name_calling")]),
        ("a3", "Nobody can trust them. It was a barbaric decision, a shameful one.",
         [(0, 21, "doubt"), (32, 40, "loaded_language"), (53, 61, "loaded_language")]),
    ]
    return [
        Analysis(Document(id=i, text=t), tuple(Span(s, e, k) for s, e, k in spans))
        for i, t, spans in texts
    ]
