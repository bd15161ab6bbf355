"""From an API request to an analysis: build the document, then run the detector.

This runs in a worker thread (fetching a URL and extracting HTML block), and raises
spinscope's own errors, which the web layer translates into status codes.
"""

from __future__ import annotations

from spinscope.detector.base import Detector
from spinscope.document import Analysis, Document
from spinscope.io.deadline import Deadline
from spinscope.io.fetch_policy import FetchPolicy
from spinscope.io.reader import from_html, from_text, from_url
from spinscope.web.schemas import AnalyzeRequest
from spinscope.web.settings import WebSettings


def fetch_policy(settings: WebSettings) -> FetchPolicy:
    """The server's fetch policy: its URL time limit, its private-address setting."""
    return FetchPolicy(allow_private=settings.allow_private_urls, deadline_s=settings.url_timeout_s)


def document_for(request: AnalyzeRequest, settings: WebSettings, deadline: Deadline) -> Document:
    """The document the request names: its text, its HTML's article text, or the fetched URL.

    The input layer's reader builds it (the same checks and id rule as the CLI and the
    corpus). Fetching and extraction end by ``deadline`` (the request's), so a request
    that timed out stops its work rather than holding a worker.
    """
    if request.text is not None:
        return from_text(request.text, "text", settings.max_chars)
    if request.html is not None:
        return from_html(request.html, "html", settings.max_chars, deadline=deadline)
    # fetching *and* extracting a page get the URL time limit, so that a page that is slow to
    # send or to extract (a hostile one) gives its worker back after url_timeout_s, not timeout_s
    page_deadline = Deadline.after(settings.url_timeout_s, within=deadline)
    return from_url(request.url.strip(), fetch_policy(settings), settings.max_chars, page_deadline)


def analyse_document(document: Document, detector: Detector, deadline: Deadline) -> Analysis:
    """The detector's analysis of a document, if there is time left for it."""
    deadline.check("the analysis")
    return detector.predict([document])[0]


def analyse_request(request: AnalyzeRequest, detector: Detector, settings: WebSettings,
                    deadline: Deadline) -> Analysis:
    """The detector's analysis of the document the request names, if there is time left for it."""
    return analyse_document(document_for(request, settings, deadline), detector, deadline)
