"""Fetching an article from a URL (http and https only), with a timeout and a size cap."""

from __future__ import annotations

import codecs
import http.client
import urllib.error
import urllib.parse
import urllib.request

from spinscope.document import Document
from spinscope.errors import EncodingError, UrlError
from spinscope.io.html import html_to_document
from spinscope.io.text import MAX_CHARS, decode

TIMEOUT_S = 15.0
USER_AGENT = "spinscope/0.1 (article analysis)"


def check_url(url: str) -> str:
    """The URL unchanged if it is an absolute http(s) URL."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as error:
        raise UrlError(f"{url}: not a valid URL ({error})") from None
    if any(c.isspace() for c in url):
        raise UrlError(f"{url}: a URL cannot contain spaces; encode them as %20")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UrlError(f"{url}: not an http(s) URL; give a full address such as https://example.org/article")
    return url


def fetch_html(url: str, timeout: float = TIMEOUT_S, max_bytes: int = MAX_CHARS * 40) -> str:
    """The page's HTML; unreachable hosts, HTTP errors and oversized pages raise UrlError."""
    request = urllib.request.Request(check_url(url), headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset() or "utf-8"
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        raise UrlError(f"{url}: the server answered HTTP {error.code} ({error.reason})") from None
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise UrlError(f"{url}: cannot reach this address ({reason})") from None
    if len(data) > max_bytes:
        raise UrlError(f"{url}: the page is over {max_bytes:,} bytes, too large to analyse")
    if not content_type.startswith("text/") and "html" not in content_type:
        raise UrlError(f"{url}: the server sent {content_type}, not an HTML page")
    try:
        return decode(data, url, charset)
    except EncodingError:
        return data.decode(charset if _known(charset) else "utf-8", errors="replace")


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def fetch_document(url: str, timeout: float = TIMEOUT_S, max_chars: int = MAX_CHARS) -> Document:
    """The article at a URL as a document (title, site and date from the page)."""
    return html_to_document(fetch_html(url, timeout), url=url, max_chars=max_chars)
