"""The one URL validator: what it refuses, and the form it hands to the fetcher."""

from __future__ import annotations

import pytest

from spinscope.errors import UrlError
from spinscope.io.urlcheck import check_url


@pytest.mark.parametrize("url, normalised", [
    ("http://Example.ORG", "http://example.org/"),
    ("HTTPS://example.org/a?b=c#frag", "https://example.org/a?b=c"),
    ("http://bücher.test/straße?q=ü", "http://xn--bcher-kva.test/stra%C3%9Fe?q=%C3%BC"),
    ("http://example.org/already%20encoded", "http://example.org/already%20encoded"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ("http://１２７.０.０.１/", "http://127.0.0.1/"),
    ("http://example.org/<script>", "http://example.org/%3Cscript%3E"),
])
def test_check_url_normalises_to_the_form_fetched(url, normalised):
    assert check_url(url) == normalised


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.org/", "not an http"), ("javascript:alert(1)", "not an http"), ("//example.org/", "not an http"),
    ("http://example.org:99999/", "not a valid URL"), ("http://[::1/", "not a valid URL"),
    ("http://user:pw@example.org/", "user name or password"), ("http://example.org@127.0.0.1/", "user name"),
    ("http://example.org/a\nb", "control characters"), ("http://exa mple.org/", "spaces"),
    ("http://" + "a" * 64 + ".org/", "not a valid host name"), ("http://[fe80::zz]/", "not a valid"),
])
def test_check_url_refuses(url, reason):
    with pytest.raises(UrlError, match=reason):
        check_url(url)
