"""Shared fixtures: paths to ../shared (skipped cleanly when absent), hand-built documents, a local
HTTP server and a stubbed resolver. The helpers behind them live in tests/support/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spinscope.document import Analysis, Document, Span
from tests.support.http import LocalSite
from tests.support.http import local_site as serve_pages

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
        ("a3", "Nobody can really trust them. It was a barbaric decision, a shameful one.",
         [(0, 28, "doubt"), (39, 47, "loaded_language"), (60, 68, "loaded_language")]),
    ]
    return [
        Analysis(Document(id=i, text=t), tuple(Span(s, e, k) for s, e, k in spans))
        for i, t, spans in texts
    ]


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """A local HTTP server on 127.0.0.1 (see tests/support/http.py): set ``local_site.pages[path]``
    to serve a page; ``local_site.hits`` lists the paths requested."""
    with serve_pages() as site:
        yield site


TEST_NAMES = {"public.test": "11.0.0.1", "intranet.test": "10.1.2.3", "xn--bcher-kva.test": "127.0.0.1",
              "localhost": "127.0.0.1",
              "loopback.test": "127.0.0.1"}
"""Host names the tests use, and what the stubbed resolver answers for them."""


@pytest.fixture
def offline_dns(monkeypatch):
    """No test resolves a real name: ``socket.getaddrinfo`` answers TEST_NAMES from the table and
    every other host only in numeric form (AI_NUMERICHOST: such forms never touch the network)."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        name = host.decode() if isinstance(host, bytes) else host
        mapped = TEST_NAMES.get((name or "").lower())
        if mapped is not None:
            return real(mapped, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        return real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return TEST_NAMES
