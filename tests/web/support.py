"""Helpers for the web tests: hand-made detectors and a uvicorn server on a free local port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from spinscope.document import Analysis, Document, Scale, Span

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

# Phrase → (technique id, score). "shameful traitors" and "traitors" overlap on purpose;
# the <img> payload is marked so that the XSS test also covers text inside a highlight.
PHRASES = {
    "shameful traitors": ("loaded_language", 0.6),
    "traitors": ("name_calling", 0.9),
    "our glorious nation": ("flag_waving", 0.3),
    '<img src=x onerror="window.__xss=1">': ("doubt", 0.5),
}
ARTICLE = ("The shameful traitors in the capital want to sell out our glorious nation.\n"
           "Only the traitors profit from it.")


class PhraseDetector:
    """A tiny detector for tests: marks every occurrence of a few fixed phrases."""

    name = "phrases"

    def __init__(self, phrases: dict[str, tuple[str, float]] | None = None) -> None:
        self.phrases = PHRASES if phrases is None else phrases

    def _spans(self, text: str) -> list[Span]:
        spans = []
        for phrase, (technique, score) in self.phrases.items():
            start = text.find(phrase)
            while start != -1:
                spans.append(Span(start, start + len(phrase), technique, score))
                start = text.find(phrase, start + 1)
        return spans

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        return [Analysis(d, tuple(self._spans(d.text)), self.name) for d in documents]

    def classify(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        return list(analyses)

    def save(self, folder: Path) -> None:
        raise NotImplementedError("a test detector is not saved")


class LeveledPhraseDetector(PhraseDetector):
    """The phrase detector with levels: spans scored below 0.5 are "possible" (here only
    "our glorious nation"), and PTC densities spread evenly from 0 to 0.5."""

    name = "leveled-phrases"
    scale = Scale(0.5, tuple(i / 200 for i in range(101)), tuple(i / 200 for i in range(101)))

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        return [Analysis(d, tuple(replace(s, level=self.scale.level(s.score), technique_score=0.5)
                                  for s in self._spans(d.text)), self.name, scale=self.scale)
                for d in documents]


class BlockingDetector(PhraseDetector):
    """Holds every prediction until the test releases it, to fill the queue or hit the timeout."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def predict(self, documents: Sequence[Document]) -> list[Analysis]:
        self.started.set()
        self.release.wait(timeout=60)
        return super().predict(documents)


LOCAL = "http://localhost"
"""The base URL of in-process clients: a Host name the app answers to (TestClient's default is not)."""


def local_client(app: FastAPI, **options: object) -> TestClient:
    """An in-process client that sends ``Host: localhost``, as a browser on this machine would."""
    return TestClient(app, base_url=LOCAL, **options)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


def start_server(app: FastAPI) -> LiveServer:
    """uvicorn serving ``app`` on a free 127.0.0.1 port, in a background thread."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on port {port}")
        thread.join(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", server, thread)


def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True
    live.thread.join(timeout=30)
