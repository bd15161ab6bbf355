"""The one local HTTP server (pages served on 127.0.0.1 by path, with redirecting and dripping
routes), the app built, served live by uvicorn, and its in-process client (the web stack imported
only when used, so that collecting the tests does not import it)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.ports import free_port

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
"""A news page that trafilatura extracts: a title, a site name, three paragraphs, and chrome around them."""

Route = tuple[int, str, bytes] | Callable[[BaseHTTPRequestHandler], None]


class LocalSite(ThreadingHTTPServer):
    """Serves ``pages``: path -> (status, content type, body), or path -> a callable that answers
    the request handler itself (see ``redirect`` and ``dripping``); 404 elsewhere. ``hits`` lists
    the paths requested, to show that a refused URL never reached the server; ``url`` is its base."""

    def __init__(self) -> None:
        self.pages: dict[str, Route] = {}
        self.hits: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: LocalSite

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.server.hits.append(self.path)
        route = self.server.pages.get(self.path, (404, "text/plain", b"not found"))
        if callable(route):
            route(self)
            return
        status, content_type, body = route
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the tests read the answers, not the log."""


@contextmanager
def local_site(pages: dict[str, Route] | None = None) -> Iterator[LocalSite]:
    """A LocalSite serving ``pages`` in a background thread, shut down on exit."""
    server = LocalSite()
    server.pages.update(pages or {})
    thread = threading.Thread(target=server.serve_forever, name="local-site", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def redirect(location: str, status: int = 302) -> Route:
    """A route that redirects to ``location``."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def dripping(interval_s: float = 0.25, count: int = 60) -> Route:
    """A route that sends headers, then one byte every ``interval_s`` (``count`` at most: it stops
    by itself, and at once when the client hangs up)."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
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


# --- the app: in process and served live (the web extra, imported only when used) -------------------------

LOCAL = "http://localhost"
"""The base URL of in-process clients: a Host name the app answers to (TestClient's default is not)."""


def create_app(*args: Any, **kwargs: Any) -> Any:
    """``spinscope.web.create_app``, imported when first called: test modules import this one, so
    that collecting them does not import FastAPI."""
    from spinscope.web import create_app as create

    return create(*args, **kwargs)


def local_client(app: Any, **options: object) -> Any:
    """An in-process client (fastapi's TestClient) that sends ``Host: localhost``, as a browser on
    this machine would."""
    from fastapi.testclient import TestClient

    return TestClient(app, base_url=LOCAL, **options)


@dataclass(frozen=True)
class LiveServer:
    url: str
    server: Any  # uvicorn.Server
    thread: threading.Thread


def start_server(app: Any) -> LiveServer:
    """uvicorn serving ``app`` on a free 127.0.0.1 port, in a background thread."""
    import uvicorn

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
