"""Pages are fetched and extracted by workers of their own: a stuck page never holds an analysis worker."""

from __future__ import annotations

import threading

from spinscope.document import Document
from spinscope.web import WebSettings

from tests.support.detectors import ARTICLE, PhraseDetector
from tests.support.http import create_app, local_client


def test_page_lane_a_stuck_fetch_leaves_the_analysis_worker_free(monkeypatch):
    fetching, release = threading.Event(), threading.Event()

    def stuck_fetch(url, policy=None, max_chars=None, deadline=None):
        fetching.set()
        release.wait(timeout=30)
        return Document.from_text(ARTICLE, url=url)

    monkeypatch.setattr("spinscope.io.web.fetch_document", stuck_fetch)
    # timeout_s < the stuck fetch: were the text queued behind the page, it would be a 504
    settings = WebSettings(workers=1, page_workers=1, allow_private_urls=True, timeout_s=10)
    with local_client(create_app(PhraseDetector(), settings)) as client:
        answers: list[int] = []
        page = threading.Thread(target=lambda: answers.append(
            client.post("/api/analyze", json={"url": "http://127.0.0.1:9/story"}).status_code))
        page.start()
        try:
            assert fetching.wait(timeout=30)
            text = client.post("/api/analyze", json={"text": ARTICLE})
            assert text.status_code == 200 and not release.is_set()  # answered while the page is stuck
        finally:
            release.set()
            page.join(timeout=30)
        assert answers == [200]  # the page, once fetched, is analysed by the same worker


def test_page_lane_url_work_gets_the_url_time_limit(monkeypatch):
    """Fetching and extracting together end by url_timeout_s, not by the request's timeout_s."""
    seen = []

    def fetch(url, policy=None, max_chars=None, deadline=None):
        seen.append(deadline.seconds)
        return Document.from_text(ARTICLE, url=url)

    monkeypatch.setattr("spinscope.io.web.fetch_document", fetch)
    settings = WebSettings(timeout_s=60, url_timeout_s=4, allow_private_urls=True)
    with local_client(create_app(PhraseDetector(), settings)) as client:
        assert client.post("/api/analyze", json={"url": "http://127.0.0.1:9/story"}).status_code == 200
    assert seen == [4]
