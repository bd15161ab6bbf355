"""HTML pages to documents: trafilatura finds the article text, title, site and date."""

from __future__ import annotations

from spinscope.document import Document
from spinscope.errors import NoArticleTextError
from spinscope.io.text import MAX_CHARS, check_text

MIN_WORDS = 5
"""Fewer extracted words than this is a menu or an error page, not an article."""


def html_to_document(html: str, url: str | None = None, max_chars: int = MAX_CHARS,
                     source: str | None = None) -> Document:
    """The article in an HTML page as a document; pages with no article text raise."""
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    source = source or url or "HTML"
    check_text(html, source, max_chars * 10)
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (extracted.text or "").strip() if extracted else ""
    if len(text.split()) < MIN_WORDS:
        raise NoArticleTextError(f"{source}: found no article text in this page")
    return Document.from_text(
        check_text(text, source, max_chars),
        title=extracted.title or None,
        url=url,
        outlet=extracted.sitename or extracted.hostname or None,
        published=extracted.date or None,
    )
