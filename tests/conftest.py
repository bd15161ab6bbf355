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
        ("a3", "Nobody can really trust them. It was a barbaric decision, a shameful one.",
         [(0, 28, "doubt"), (39, 47, "loaded_language"), (60, 68, "loaded_language")]),
    ]
    return [
        Analysis(Document(id=i, text=t), tuple(Span(s, e, k) for s, e, k in spans))
        for i, t, spans in texts
    ]


@pytest.fixture
def local_site():
    """A tiny HTTP server on 127.0.0.1 serving ``pages``: path -> (status, content type, body), or
    path -> a callable that answers the request handler itself (see ``redirect`` and ``dripping``).
    ``hits`` lists the paths requested, to show that a refused URL never reached the server."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages: dict[str, object] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            hits.append(self.path)
            route = pages.get(self.path, (404, "text/plain", b"not found"))
            if callable(route):
                route(self)
                return
            status, content_type, body = route
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.pages, server.hits = pages, hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def redirect(location: str, status: int = 302):
    """A local_site route that redirects to ``location``."""
    def answer(handler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def dripping(interval_s: float = 0.25, count: int = 60):
    """A local_site route that sends headers, then one byte every ``interval_s`` (``count`` at most:
    it stops by itself, and at once when the client hangs up)."""
    import time

    def answer(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(count))
        handler.end_headers()
        try:
            for _ in range(count):
                handler.wfile.write(b"w")
                handler.wfile.flush()
                time.sleep(interval_s)
        except OSError:
            pass
    return answer


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


def free_port() -> int:
    """A 127.0.0.1 port with nothing listening on it (for 'unreachable' tests)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


ARTICLE_HTML = """<!doctype html><html><head><title>Crisis deepens | Example News</title>
<meta property="og:site_name" content="Example News"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Crisis deepens</h1>
<p>The warmongers in the capital have once again shown their utter contempt for ordinary people,
critics said on Tuesday, as the government pushed ahead with its plan.</p>
<p>Can anyone still believe a single word they say? Observers described the decision as a shameful
betrayal that would be remembered for years to come by every patriot in the country.</p>
<p>Officials declined to comment on the matter when reached by telephone late on Tuesday evening.</p>
</article><footer>Copyright Example News</footer></body></html>"""
