"""POST /api/analyze with {html} and {url}: extraction, fetching from 127.0.0.1, and 502s."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from spinscope.web import WebSettings

from tests.support.detectors import PhraseDetector
from tests.support.http import create_app, dripping, local_client
from tests.support.ports import free_port

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
PATHOLOGICAL = "<html><body>" + "<span>w</span>" * 140_000 + "</body></html>"
"""About 2 MB that trafilatura takes minutes over: extraction must be stopped, not waited for."""
EMPTY_PAGE = "<!doctype html><html><head><title>Nothing</title></head><body><nav></nav></body></html>"


@pytest.fixture
def article_site(local_site) -> str:
    """The local site serving the article at /article (404 elsewhere): its base URL."""
    local_site.pages["/article"] = (200, "text/html; charset=utf-8", ARTICLE_PAGE.encode())
    return local_site.url


@pytest.fixture
def private_client() -> Iterator:
    """A client of a server started with allow_private_urls (the researcher's intranet setting)."""
    with local_client(create_app(PhraseDetector(), WebSettings(allow_private_urls=True))) as test_client:
        yield test_client


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


def test_analyze_url_fetches_the_article(private_client, article_site):
    url = f"{article_site}/article"
    response = private_client.post("/api/analyze", json={"url": url})
    assert response.status_code == 200
    data = response.json()
    assert data["document"]["url"] == url
    assert data["document"]["title"] == "Rally in the capital"
    assert any(s["technique"] == "name_calling" for s in data["spans"])


def test_analyze_url_answering_404_is_502(private_client, article_site):
    response = private_client.post("/api/analyze", json={"url": f"{article_site}/missing"})
    assert response.status_code == 502
    assert "404" in response.json()["error"]


def test_analyze_unreachable_url_is_502(private_client):
    url = f"http://127.0.0.1:{free_port()}/article"
    response = private_client.post("/api/analyze", json={"url": url})
    assert response.status_code == 502
    assert "cannot reach" in response.json()["error"]


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f.1", "127.1", "0177.0.0.1",
                                  "[::ffff:127.0.0.1]", "[::1]", "localhost", "intranet.test"])
def test_analyze_url_on_a_private_address_is_refused_by_default(client, local_site, host):
    local_site.pages["/article"] = (200, "text/html", ARTICLE_PAGE.encode())
    response = client.post("/api/analyze", json={"url": f"http://{host}:{local_site.server_address[1]}/article"})
    assert response.status_code == 400, response.text
    assert "private addresses are refused" in response.json()["error"]
    assert local_site.hits == []


@pytest.mark.parametrize("url", ["http://bücher.test:{port}/über", "http://127.0.0.1:{port}/straße?q=ü",
                                 "http://☃.test/", "http://xn--/", "http://ａ.test/", "http://例え.テスト/ä"])
def test_analyze_non_ascii_url_is_never_500(client, private_client, local_site, url):
    local_site.pages["/%C3%BCber"] = (200, "text/html", ARTICLE_PAGE.encode())
    body = {"url": url.format(port=local_site.server_address[1])}
    for answer in (client.post("/api/analyze", json=body), private_client.post("/api/analyze", json=body)):
        assert answer.status_code in (200, 400, 422, 502), answer.text
        assert answer.json().get("error") or answer.json()["document"]


def test_analyze_idna_url_reaches_the_page_with_the_opt_in(private_client, local_site):
    local_site.pages["/%C3%BCber"] = (200, "text/html", ARTICLE_PAGE.encode())
    response = private_client.post("/api/analyze", json={"url": f"http://bücher.test:{local_site.server_address[1]}/über"})
    assert response.status_code == 200, response.text
    assert response.json()["document"]["url"].startswith("http://xn--bcher-kva.test:")


def test_analyze_dripping_page_answers_within_its_deadline_and_the_next_request_works(local_site):
    local_site.pages["/drip"] = dripping(interval_s=0.25, count=200)
    local_site.pages["/article"] = (200, "text/html", ARTICLE_PAGE.encode())
    settings = WebSettings(allow_private_urls=True, url_timeout_s=2, workers=1)
    with local_client(create_app(PhraseDetector(), settings)) as client:
        started = time.monotonic()
        slow = client.post("/api/analyze", json={"url": local_site.url + "/drip"})
        elapsed = time.monotonic() - started
        assert slow.status_code == 504 and "longer than 2 s" in slow.json()["error"]
        assert elapsed < 2 + 2, elapsed
        started = time.monotonic()
        assert client.post("/api/analyze", json={"url": local_site.url + "/article"}).status_code == 200
        assert time.monotonic() - started < 2


@pytest.mark.parametrize("kind", ["html", "url"])
def test_analyze_pathological_html_answers_within_its_deadline_and_the_next_request_works(local_site, kind):
    local_site.pages["/slow"] = (200, "text/html", PATHOLOGICAL.encode())
    body = {"html": PATHOLOGICAL} if kind == "html" else {"url": local_site.url + "/slow"}
    settings = WebSettings(allow_private_urls=True, timeout_s=3, workers=1, max_body_bytes=3_000_000)
    with local_client(create_app(PhraseDetector(), settings)) as client:
        client.post("/api/analyze", json={"html": ARTICLE_PAGE})  # starts the extractor, not timed
        started = time.monotonic()
        slow = client.post("/api/analyze", json=body)
        elapsed = time.monotonic() - started
        assert slow.status_code == 504, slow.text
        assert elapsed < 3 + 2, elapsed
        started = time.monotonic()
        assert client.post("/api/analyze", json={"html": ARTICLE_PAGE}).status_code == 200
        assert time.monotonic() - started < 2
