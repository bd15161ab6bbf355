"""POST /api/analyze with {html} and {url}: extraction, fetching from 127.0.0.1, and 502s."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .support import free_port

PARAGRAPHS = [
    "The shameful traitors in the capital want to sell out our glorious nation, the "
    "opposition leader told a crowd of several thousand people on Saturday afternoon.",
    "Speaking from a stage in the central square, she said that only the traitors profit "
    "from the new trade agreement, which parliament is due to debate next month.",
    "Officials from the ministry declined to comment on the speech, but a spokesman said "
    "the agreement had been negotiated openly over the past two years.",
]
ARTICLE_PAGE = (
    "<!doctype html><html><head><title>Rally in the capital</title></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
    "<article><h1>Rally in the capital</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright the newspaper</footer></body></html>"
)
EMPTY_PAGE = "<!doctype html><html><head><title>Nothing</title></head><body><nav></nav></body></html>"


class ArticleHandler(BaseHTTPRequestHandler):
    """Serves the article at /article, an empty page at /empty and 404 elsewhere."""

    pages = {"/article": ARTICLE_PAGE, "/empty": EMPTY_PAGE}

    def do_GET(self) -> None:
        page = self.pages.get(self.path)
        body = (page or "not found").encode()
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the tests read the answers, not the log."""


@pytest.fixture
def article_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ArticleHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_analyze_html_extracts_the_article_text(client):
    response = client.post("/api/analyze", json={"html": ARTICLE_PAGE})
    assert response.status_code == 200
    data = response.json()
    assert "sell out our glorious nation" in data["document"]["text"]
    assert "Copyright" not in data["document"]["text"]
    assert {s["text"] for s in data["spans"]} >= {"shameful traitors", "traitors"}


def test_analyze_html_without_article_text_is_422(client):
    response = client.post("/api/analyze", json={"html": EMPTY_PAGE})
    assert response.status_code == 422
    assert "no article text" in response.json()["error"]


def test_analyze_empty_html_is_400(client):
    assert client.post("/api/analyze", json={"html": "  "}).status_code == 400


def test_analyze_url_fetches_the_article(client, article_site):
    url = f"{article_site}/article"
    response = client.post("/api/analyze", json={"url": url})
    assert response.status_code == 200
    data = response.json()
    assert data["document"]["url"] == url
    assert data["document"]["title"] == "Rally in the capital"
    assert any(s["technique"] == "name_calling" for s in data["spans"])


def test_analyze_url_answering_404_is_502(client, article_site):
    response = client.post("/api/analyze", json={"url": f"{article_site}/missing"})
    assert response.status_code == 502
    assert "404" in response.json()["error"]


def test_analyze_unreachable_url_is_502(client):
    url = f"http://127.0.0.1:{free_port()}/article"
    response = client.post("/api/analyze", json={"url": url})
    assert response.status_code == 502
    assert "cannot reach" in response.json()["error"]
