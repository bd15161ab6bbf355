"""Fuzzing the API from its own OpenAPI schema (schemathesis): no request gets a 5xx.

Schemathesis reads ``/openapi.json`` from the app in-process (ASGI, no socket) and, for
every operation, sends a bounded number of generated requests, valid and invalid ones
(``FUZZ_EXAMPLES`` each, so it runs in CI in well under a minute). The detector is the
phrase detector of the other web tests; a second test sends exactly one of text, html
or url with arbitrary text, which the schema's fuzzing seldom does. Fetching a URL is replaced by a stub that
returns a fixed article: the fuzzer makes up URLs, and no test touches the network; the
fetcher's own answers are tested in ``tests/io``.

Schemathesis, Hypothesis and the app are set up when the tests run, not when they are collected:
the schema is read inside the test, and each of its operations runs as a subtest with the tests
schemathesis' pytest plugin would build for it (its ``from_fixture`` runner: examples, coverage
and fuzzing, valid and invalid requests, ``FUZZ_EXAMPLES`` examples each).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from spinscope.document import Document
from spinscope.web import WebSettings

from tests.support.detectors import ARTICLE, PhraseDetector
from tests.support.http import create_app, local_client

FUZZ_EXAMPLES = 30
HOST = {"Host": "localhost"}  # the perimeter answers only to the names it is known by

SETTINGS = WebSettings(workers=1, page_workers=1, timeout_s=20, url_timeout_s=5)


@pytest.fixture(scope="module")
def app() -> Iterator[Any]:
    """This module's app. It runs without its lifespan (see ``without_lifespan``): its threads are
    stopped when the module is done (other tests count them)."""
    web_app = create_app(PhraseDetector(), SETTINGS)
    yield web_app
    for runner in (web_app.state.runner, web_app.state.pages):
        runner._executor.shutdown(wait=True, cancel_futures=True)


def without_lifespan(app: Any) -> Any:
    """``app`` for the fuzzer, its lifespan acknowledged but not run: the fuzzer's client may start
    and end it more than once, and an ended app has stopped its workers (503 from then on)."""
    async def asgi(scope, receive, send):
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        while True:
            message = await receive()
            await send({"type": message["type"] + ".complete"})
            if message["type"] == "lifespan.shutdown":
                return

    return asgi


def fuzz_settings() -> Any:
    from hypothesis import HealthCheck, settings

    return settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


@pytest.fixture(autouse=True)
def _no_fetching(monkeypatch):
    """A generated URL that passes validation gets a fixed article instead of a fetch."""
    def fetch_document(url, policy=None, max_chars=None, deadline=None):
        return Document.from_text(ARTICLE, url=url)

    monkeypatch.setattr("spinscope.io.web.fetch_document", fetch_document)


def test_fuzz_api_never_answers_5xx(app, subtests):
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis.pytest.lazy import get_all_tests

    @fuzz_settings()
    def check(case):
        response = case.call(headers=HOST)
        assert response.status_code < 500, (case.method, case.path, case.body, response.status_code,
                                             response.text[:500])
        if response.status_code >= 400:
            assert "error" in response.json()  # every refusal is the API's JSON error shape

    schema = schemathesis.openapi.from_asgi("/openapi.json", without_lifespan(app), headers=HOST)
    operations = [result.ok() for result in get_all_tests(schema=schema, test_func=check, settings=None,
                                                          given_kwargs={})]
    assert {operation.label for operation, _ in operations} >= {"POST /api/analyze", "GET /healthz"}
    for operation, operation_test in operations:
        with subtests.test(operation.label):
            operation_test()


def test_fuzz_analyze_with_one_field_of_any_text_never_answers_5xx(app):
    """The schema's fuzzing rarely sends exactly one input, the only well-formed request:
    this sends one field of arbitrary text (the fetch stub answers for the URLs)."""
    from hypothesis import given
    from hypothesis import strategies as st

    client = local_client(app)  # not entered, for the reason given in without_lifespan

    @fuzz_settings()
    @given(kind=st.sampled_from(["text", "html", "url"]), value=st.text(max_size=400))
    def check(kind, value):
        response = client.post("/api/analyze", json={kind: value})
        assert response.status_code < 500, (kind, value, response.status_code, response.text[:500])
        assert response.status_code == 200 or "error" in response.json()

    check()
