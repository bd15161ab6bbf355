"""HTML pages and URLs as documents, against a server on 127.0.0.1 (reached with the opt-in)."""

from __future__ import annotations

import pytest

from spinscope.errors import NoArticleTextError, PrivateAddressError, UrlError
from spinscope.io.fetch import FetchPolicy
from spinscope.io.html import html_to_document
from spinscope.io.web import fetch_document
from tests.support.http import ARTICLE_HTML
from tests.support.ports import free_port

LOCAL = FetchPolicy(allow_private=True)


def test_html_to_document_extracts_article_text_and_title():
    document = html_to_document(ARTICLE_HTML, url="http://127.0.0.1/a")
    assert "warmongers in the capital" in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert document.title and "Crisis deepens" in document.title
    assert document.url == "http://127.0.0.1/a"


def test_html_to_document_without_article_text():
    with pytest.raises(NoArticleTextError, match="no article text"):
        html_to_document("<html><body><nav>menu</nav></body></html>")


def test_fetch_document_from_local_server(local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    document = fetch_document(local_site.url + "/story", LOCAL)
    assert "shameful" in document.text
    assert document.url.endswith("/story")


def test_fetch_document_refuses_local_server_by_default(local_site):
    local_site.pages["/story"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    with pytest.raises(PrivateAddressError, match="127.0.0.1 is a loopback address.*--allow-private-urls"):
        fetch_document(local_site.url + "/story")
    assert local_site.hits == []


def test_fetch_document_http_error_names_status(local_site):
    with pytest.raises(UrlError, match="HTTP 404"):
        fetch_document(local_site.url + "/missing", LOCAL)


def test_fetch_document_refuses_non_html(local_site):
    local_site.pages["/image"] = (200, "image/png", b"\x89PNG\r\n")
    with pytest.raises(UrlError, match="image/png, not an HTML page"):
        fetch_document(local_site.url + "/image", LOCAL)


def test_fetch_document_unreachable_port():
    with pytest.raises(UrlError, match="cannot reach"):
        fetch_document(f"http://127.0.0.1:{free_port()}/x", FetchPolicy(allow_private=True, deadline_s=2))


@pytest.mark.parametrize("url, reason", [
    ("ftp://127.0.0.1/x", "not an http\\(s\\) URL"),
    ("file:///etc/passwd", "not an http\\(s\\) URL"),
    ("http://", "not an http\\(s\\) URL"),
    ("http://[bad/", "not a valid URL"),
    ("http://127.0.0.1/a b", "cannot contain spaces"),
])
def test_fetch_document_rejects_malformed_urls(url, reason):
    with pytest.raises(UrlError, match=reason):
        fetch_document(url)
