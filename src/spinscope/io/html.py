"""HTML pages to documents: trafilatura finds the article text, title, site and date; the outlet
is the site's name, else the page's domain (``outlets.outlet_of``)."""

from __future__ import annotations

from spinscope.document import Document
from spinscope.errors import NoArticleTextError
from spinscope.io.deadline import Deadline
from spinscope.io.extract import extract
from spinscope.io.outlets import outlet_of
from spinscope.io.text import MAX_CHARS, check_text

MIN_WORDS = 5
"""Fewer extracted words than this is a menu or an error page, not an article."""


def html_to_document(html: str, url: str | None = None, max_chars: int = MAX_CHARS,
                     source: str | None = None, deadline: Deadline | None = None) -> Document:
    """The article in an HTML page as a document; pages with no article text raise.

    The HTML is capped at ten times ``max_chars`` before extraction; with a
    ``deadline`` the extraction runs where it can be stopped (``spinscope.io.extract``).
    """
    source = source or url or "HTML"
    check_text(html, source, max_chars * 10)
    extracted = extract(html, url, deadline, source)
    if len(extracted.text.split()) < MIN_WORDS:
        raise NoArticleTextError(f"{source}: found no article text in this page")
    return Document.from_text(check_text(extracted.text, source, max_chars), title=extracted.title,
                              url=url, outlet=outlet_of(extracted.outlet, url), published=extracted.published)
