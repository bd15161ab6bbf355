"""From an API request to an analysis: build the document, then run the detector.

This runs in a worker thread (fetching a URL and extracting HTML block), and raises
spinscope's own errors, which the web layer translates into status codes.
"""

from __future__ import annotations

from spinscope.detector.base import Detector
from spinscope.document import Analysis, Document
from spinscope.io.text import check_text
from spinscope.web.schemas import AnalyzeRequest
from spinscope.web.settings import WebSettings


def document_for(request: AnalyzeRequest, settings: WebSettings) -> Document:
    """The document the request names: its text, its HTML's article text, or the fetched URL."""
    if request.text is not None:
        return Document.from_text(check_text(request.text, "text", settings.max_chars))
    if request.html is not None:
        from spinscope.io.html import html_to_document

        return html_to_document(request.html, max_chars=settings.max_chars)
    from spinscope.io.web import fetch_document

    return fetch_document(request.url.strip(), timeout=settings.url_timeout_s, max_chars=settings.max_chars)


def analyse_request(request: AnalyzeRequest, detector: Detector, settings: WebSettings) -> Analysis:
    """The detector's analysis of the document the request names."""
    return detector.predict([document_for(request, settings)])[0]
