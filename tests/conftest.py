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
    """A tiny HTTP server on 127.0.0.1 serving ``pages`` (path -> (status, content type, body))."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    pages: dict[str, tuple[int, str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            status, content_type, body = pages.get(self.path, (404, "text/plain", b"not found"))
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
    server.pages = pages
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


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
