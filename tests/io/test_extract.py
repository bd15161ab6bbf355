"""HTML extraction bounded in time: a pathological page is stopped at its deadline."""

from __future__ import annotations

import time

import pytest

from spinscope.errors import DeadlineError
from spinscope.io.deadline import Deadline
from spinscope.io.html import html_to_document
from tests.support.http import ARTICLE_HTML

PATHOLOGICAL = "<html><body>" + "<span>w</span>" * 140_000 + "</body></html>"  # ~2 MB


def test_html_to_document_with_a_deadline_extracts_in_a_child_process():
    document = html_to_document(ARTICLE_HTML, url="http://example.org/a", deadline=Deadline.after(30))
    assert "warmongers in the capital" in document.text and "Crisis deepens" in document.title


def test_html_to_document_stops_pathological_html_at_its_deadline_and_works_after():
    html_to_document(ARTICLE_HTML, deadline=Deadline.after(30))  # the forkserver is started, not timed
    started = time.monotonic()
    with pytest.raises(DeadlineError, match="longer than 2 s"):
        html_to_document(PATHOLOGICAL, deadline=Deadline.after(2))
    assert time.monotonic() - started < 2 + 2
    started = time.monotonic()
    assert "warmongers" in html_to_document(ARTICLE_HTML, deadline=Deadline.after(10)).text
    assert time.monotonic() - started < 2


def test_html_to_document_past_its_deadline_does_not_start():
    with pytest.raises(DeadlineError):
        html_to_document(ARTICLE_HTML, deadline=Deadline.after(0))
