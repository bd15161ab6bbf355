"""The fetcher: private addresses refused at every hop, redirects bounded, one deadline, a byte cap.

All traffic goes to a server on 127.0.0.1. Where a test needs a *public* first hop, a stub
network maps the name public.test to the global address 11.0.0.1 and connects that address
to the loopback server; no connection to any other address is ever opened.
"""

from __future__ import annotations

import socket
import time

import pytest

from spinscope.errors import DeadlineError, PrivateAddressError, UrlError
from spinscope.io.fetch import FetchPolicy, Network, fetch
from tests.support.http import ARTICLE_HTML, dripping, redirect

FAKE_PUBLIC = "11.0.0.1"


def stub_network(local_port: int, resolved: list[str], connected: list[str]) -> Network:
    """public.test -> 11.0.0.1, which is connected to the loopback server; numeric hosts as they are."""
    def resolve(host: str, port: int) -> list[str]:
        resolved.append(host)
        if host == "public.test":
            return [FAKE_PUBLIC]
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
        return [str(info[4][0]) for info in infos]

    def connect(address: str, port: int, timeout: float) -> socket.socket:
        connected.append(address)
        assert address == FAKE_PUBLIC, f"tried to connect to {address}"
        return socket.create_connection(("127.0.0.1", local_port), timeout=timeout)

    return Network(resolve, connect)


@pytest.fixture
def article(local_site):
    local_site.pages["/article"] = (200, "text/html; charset=utf-8", ARTICLE_HTML.encode())
    return local_site


def test_fetch_refuses_loopback_by_default_and_reaches_it_with_the_opt_in(article):
    with pytest.raises(PrivateAddressError):
        fetch(article.url + "/article")
    assert article.hits == []
    page = fetch(article.url + "/article", FetchPolicy(allow_private=True))
    assert page.body == ARTICLE_HTML.encode() and page.charset == "utf-8" and article.hits == ["/article"]


@pytest.mark.parametrize("form", ["2130706433", "0x7f.1", "127.1", "0177.0.0.1", "[::ffff:127.0.0.1]",
                                  "loopback.test"])
def test_fetch_refuses_loopback_in_other_textual_forms(article, form):
    port = article.server_address[1]
    with pytest.raises(PrivateAddressError):
        fetch(f"http://{form}:{port}/article")
    assert article.hits == []


def test_fetch_connects_to_the_checked_address_and_resolves_once(article):
    resolved, connected = [], []
    port = article.server_address[1]
    page = fetch(f"http://public.test:{port}/article", FetchPolicy(network=stub_network(port, resolved, connected)))
    assert b"warmongers" in page.body
    assert resolved == ["public.test"] and connected == [FAKE_PUBLIC]


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/article", "http://loopback.test:{port}/article",
                                    "http://[::ffff:7f00:1]:{port}/article", "http://0x7f.1:{port}/article"])
def test_fetch_refuses_a_redirect_to_loopback_from_an_allowed_first_hop(article, target):
    port = article.server_address[1]
    article.pages["/start"] = redirect(target.format(port=port))
    resolved, connected = [], []
    base = stub_network(port, resolved, connected)
    network = Network(lambda host, p: ["127.0.0.1"] if host == "loopback.test" else base.resolve(host, p),
                      base.connect)
    with pytest.raises(PrivateAddressError):
        fetch(f"http://public.test:{port}/start", FetchPolicy(network=network))
    assert article.hits == ["/start"] and connected == [FAKE_PUBLIC]


def test_fetch_follows_redirects_between_allowed_hops(article):
    port = article.server_address[1]
    article.pages["/start"] = redirect("/middle", 301)
    article.pages["/middle"] = redirect(f"http://public.test:{port}/article", 307)
    page = fetch(f"http://public.test:{port}/start", FetchPolicy(network=stub_network(port, [], [])))
    assert page.url == f"http://public.test:{port}/article" and b"warmongers" in page.body


def test_fetch_stops_after_five_redirects(local_site):
    for hop in range(7):
        local_site.pages[f"/r{hop}"] = redirect(f"/r{hop + 1}")
    local_site.pages["/r7"] = (200, "text/html", ARTICLE_HTML.encode())
    with pytest.raises(UrlError, match="more than 5 redirects"):
        fetch(local_site.url + "/r0", FetchPolicy(allow_private=True))
    assert len(local_site.hits) == 6
    assert fetch(local_site.url + "/r2", FetchPolicy(allow_private=True)).url.endswith("/r7")


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/"])
def test_fetch_refuses_redirects_to_other_schemes(local_site, location):
    local_site.pages["/start"] = redirect(location)
    with pytest.raises(UrlError, match="not an http"):
        fetch(local_site.url + "/start", FetchPolicy(allow_private=True))


def test_fetch_of_a_dripping_page_ends_at_its_deadline_and_the_next_fetch_works(article):
    article.pages["/drip"] = dripping(interval_s=0.2, count=100)
    started = time.monotonic()
    with pytest.raises(DeadlineError, match="longer than 1.5 s"):
        fetch(article.url + "/drip", FetchPolicy(allow_private=True, deadline_s=1.5))
    elapsed = time.monotonic() - started
    assert elapsed < 1.5 + 2, elapsed
    started = time.monotonic()
    assert b"warmongers" in fetch(article.url + "/article", FetchPolicy(allow_private=True)).body
    assert time.monotonic() - started < 2


def test_fetch_of_a_page_dripping_its_headers_ends_at_its_deadline(local_site):
    def slow_headers(handler) -> None:
        try:
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: " + b"w" * 40:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    local_site.pages["/slow"] = slow_headers
    started = time.monotonic()
    with pytest.raises(DeadlineError):
        fetch(local_site.url + "/slow", FetchPolicy(allow_private=True, deadline_s=1))
    assert time.monotonic() - started < 1 + 2


def test_fetch_refuses_pages_over_the_byte_cap(local_site):
    local_site.pages["/big"] = (200, "text/html", b"w" * 5000)
    with pytest.raises(UrlError, match="over 1,000 bytes"):
        fetch(local_site.url + "/big", FetchPolicy(allow_private=True, max_bytes=1000))
    assert len(fetch(local_site.url + "/big", FetchPolicy(allow_private=True, max_bytes=5000)).body) == 5000


def test_fetch_policy_rejects_impossible_limits():
    from spinscope.errors import ConfigError

    with pytest.raises(ConfigError):
        FetchPolicy(deadline_s=0)
