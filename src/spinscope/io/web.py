"""Articles from URLs: fetch (``fetch``: SSRF policy, deadline, byte cap), decode, extract.

``check_url`` (from ``urlcheck``) is re-exported here as the input layer's one URL
validator; the web schemas call it too.
"""

from __future__ import annotations

import codecs

from spinscope.document import Document
from spinscope.errors import EncodingError, UrlError
from spinscope.io.deadline import Deadline
from spinscope.io.fetch import FetchPolicy, Page, fetch
from spinscope.io.html import html_to_document
from spinscope.io.text import MAX_CHARS, decode
from spinscope.io.urlcheck import check_url

__all__ = ["FetchPolicy", "check_url", "fetch_document", "fetch_html"]


def page_text(page: Page) -> str:
    """The page's HTML as text; pages that are not text or HTML raise UrlError."""
    if not page.content_type.startswith("text/") and "html" not in page.content_type:
        raise UrlError(f"{page.url}: the server sent {page.content_type}, not an HTML page")
    charset = page.charset or "utf-8"
    try:
        return decode(page.body, page.url, charset)
    except EncodingError:
        return page.body.decode(charset if _known(charset) else "utf-8", errors="replace")


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def fetch_html(url: str, policy: FetchPolicy = FetchPolicy(), deadline: Deadline | None = None) -> tuple[str, str]:
    """The final URL (after redirects) and its page's HTML."""
    page = fetch(url, policy, deadline)
    return page.url, page_text(page)


def fetch_document(url: str, policy: FetchPolicy = FetchPolicy(), max_chars: int = MAX_CHARS,
                   deadline: Deadline | None = None) -> Document:
    """The article at a URL as a document (title, site and date from the page).

    The fetch has ``policy.deadline_s`` (or less, within ``deadline``); the extraction
    is bounded by ``deadline``, or when none is given by a fresh ``policy.deadline_s``,
    so that a page from the web can never hold the process for long.
    """
    final_url, html = fetch_html(url, policy, deadline)
    extraction = deadline or Deadline.after(policy.deadline_s)
    return html_to_document(html, url=final_url, max_chars=max_chars, deadline=extraction)
