"""Where ``corpus add`` takes each article's outlet from: JSONL/CSV rows, a web page's site name or
domain (URL lists, HTML files), and ``--outlet`` for sources that name none."""

from __future__ import annotations

import json

import pytest

from spinscope.io.corpus_sources import SourceOptions, read_source
from spinscope.io.outlets import domain_of, outlet_of
from spinscope.io.records import Columns, Record

from tests.support.http import ARTICLE_HTML

NO_SITE_HTML = (ARTICLE_HTML.replace('<meta property="og:site_name" content="Example News">', "")
                .replace(" | Example News", "").replace("Copyright Example News", "Copyright"))
CANONICAL_HTML = NO_SITE_HTML.replace("<head>", '<head><link rel="canonical" '
                                                'href="https://www.daily-planet.example/world/crisis">')


def outlets(items) -> list[str | None]:
    items = list(items)
    assert all(isinstance(item, Record) for item in items), items
    return [item.document.outlet for item in items]


@pytest.mark.parametrize("site_name, url, outlet", [
    ("Example News", "http://127.0.0.1:8000/a", "Example News"),
    ("  Example \n News ", None, "Example News"),
    (None, "https://www.Herald.example:8443/world/a", "herald.example"),
    ("herald.example:8080", "http://www.herald.example:8080/a", "herald.example"),
    ("www.herald.example", None, "herald.example"),
    ("127.0.0.1:8000", "http://127.0.0.1:8000/story", "127.0.0.1"),
    (None, None, None),
    ("", "not a url", None),
])
def test_outlet_of_prefers_the_site_name_then_the_domain_without_www(site_name, url, outlet):
    assert outlet_of(site_name, url) == outlet


def test_domain_of_keeps_other_subdomains_and_refuses_bad_urls():
    assert domain_of("https://news.herald.example/a") == "news.herald.example"
    assert domain_of("http://www./a") == "www"
    assert domain_of("http://[::1/") is None and domain_of(None) is None


def test_read_source_jsonl_takes_the_outlet_of_each_row(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"text": "First article.", "outlet": "Herald"}, {"text": "Second article.", "source": "Courier"},
            {"text": "Third article."}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert outlets(read_source(path)) == ["Herald", None, None]
    assert outlets(read_source(path, SourceOptions(outlet="Fallback"))) == ["Herald", "Fallback", "Fallback"]
    named = SourceOptions(columns=Columns(outlet="source"))
    assert outlets(read_source(path, named)) == [None, "Courier", None]


def test_read_source_csv_takes_the_outlet_of_each_row(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('text,outlet\n"One, two.",Herald\nThree.,Courier\nFour.,\n', encoding="utf-8")
    assert outlets(read_source(path)) == ["Herald", "Courier", None]
    assert outlets(read_source(path, SourceOptions(outlet="Fallback"))) == ["Herald", "Courier", "Fallback"]


def test_read_source_folder_takes_the_outlet_option(tmp_path):
    (tmp_path / "plain").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "plain" / name).write_text(f"Article {name}.", encoding="utf-8")
    assert outlets(read_source(tmp_path / "plain")) == [None, None]
    assert outlets(read_source(tmp_path / "plain", SourceOptions(outlet="Herald"))) == ["Herald", "Herald"]


def test_read_source_html_file_takes_the_site_name_or_the_canonical_domain(tmp_path):
    for name, html in (("named.html", ARTICLE_HTML), ("canonical.htm", CANONICAL_HTML), ("bare.html", NO_SITE_HTML)):
        (tmp_path / name).write_text(html, encoding="utf-8")
    (named,) = read_source(tmp_path / "named.html")
    assert named.document.outlet == "Example News" and "warmongers" in named.document.text
    assert named.document.title == "Crisis deepens"
    assert outlets(read_source(tmp_path / "canonical.htm")) == ["daily-planet.example"]
    assert outlets(read_source(tmp_path / "bare.html")) == [None]
    assert outlets(read_source(tmp_path / "bare.html", SourceOptions(outlet="Herald"))) == ["Herald"]
    assert outlets(read_source(tmp_path / "named.html", SourceOptions(outlet="Herald"))) == ["Example News"]


def test_read_source_url_list_takes_the_site_name_or_the_domain(tmp_path, local_site, offline_dns, monkeypatch):
    monkeypatch.setitem(offline_dns, "www.herald.test", "127.0.0.1")
    local_site.pages["/named"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8"))
    local_site.pages["/bare"] = (200, "text/html; charset=utf-8", NO_SITE_HTML.encode("utf-8"))
    port = local_site.server_address[1]
    listing = tmp_path / "links.urls"
    listing.write_text(f"{local_site.url}/named\n{local_site.url}/bare\nhttp://www.herald.test:{port}/bare\n",
                       encoding="utf-8")
    items = list(read_source(listing, SourceOptions(allow_private_urls=True)))
    assert outlets(items) == ["Example News", "127.0.0.1", "herald.test"]
    assert items[2].document.url == f"http://www.herald.test:{port}/bare"
    assert local_site.hits == ["/named", "/bare", "/bare"]
