"""Fuzzing the API from its own OpenAPI schema (schemathesis): no request gets a 5xx.

Schemathesis reads ``/openapi.json`` from the app in-process (ASGI, no socket) and, for
every operation, sends a bounded number of generated requests, valid and invalid ones
(``FUZZ_EXAMPLES`` each, so it runs in CI in well under a minute). The detector is the
phrase detector of the other web tests; a second test sends exactly one of text, html
or url with arbitrary text, which the schema's fuzzing seldom does. Fetching a URL is replaced by a stub that
returns a fixed article: the fuzzer makes up URLs, and no test touches the network; the
fetcher's own answers are tested in ``tests/io``.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from spinscope.document import Document  # noqa: E402
from spinscope.web import WebSettings, create_app  # noqa: E402

from tests.support.detectors import ARTICLE, PhraseDetector  # noqa: E402
from tests.support.http import local_client  # noqa: E402

FUZZ_EXAMPLES = 30
HOST = {"Host": "localhost"}  # the perimeter answers only to the names it is known by

SETTINGS = WebSettings(workers=1, page_workers=1, timeout_s=20, url_timeout_s=5)
APP = create_app(PhraseDetector(), SETTINGS)


async def without_lifespan(scope, receive, send):
    """APP for the fuzzer, its lifespan acknowledged but not run: the fuzzer's client may start
    and end it more than once, and an ended app has stopped its workers (503 from then on)."""
    if scope["type"] != "lifespan":
        await APP(scope, receive, send)
        return
    while True:
        message = await receive()
        await send({"type": message["type"] + ".complete"})
        if message["type"] == "lifespan.shutdown":
            return


schema = schemathesis.openapi.from_asgi("/openapi.json", without_lifespan, headers=HOST)
CLIENT = local_client(APP)  # not entered, for the same reason


@pytest.fixture(scope="module", autouse=True)
def _stop_workers_after():
    """This module's app runs without its lifespan: stop its threads when done (other tests count them)."""
    yield
    for runner in (APP.state.runner, APP.state.pages):
        runner._executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(autouse=True)
def _no_fetching(monkeypatch):
    """A generated URL that passes validation gets a fixed article instead of a fetch."""
    def fetch_document(url, policy=None, max_chars=None, deadline=None):
        return Document.from_text(ARTICLE, url=url)

    monkeypatch.setattr("spinscope.io.web.fetch_document", fetch_document)


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_fuzz_api_never_answers_5xx(case):
    response = case.call(headers=HOST)
    assert response.status_code < 500, (case.method, case.path, case.body, response.status_code, response.text[:500])
    if response.status_code >= 400:
        assert "error" in response.json()  # every refusal is the API's JSON error shape


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["text", "html", "url"]), value=st.text(max_size=400))
def test_fuzz_analyze_with_one_field_of_any_text_never_answers_5xx(kind, value):
    """The schema's fuzzing rarely sends exactly one input, the only well-formed request:
    this sends one field of arbitrary text (the fetch stub answers for the URLs)."""
    response = CLIENT.post("/api/analyze", json={kind: value})
    assert response.status_code < 500, (kind, value, response.status_code, response.text[:500])
    assert response.status_code == 200 or "error" in response.json()
