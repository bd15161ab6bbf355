"""Fixtures for the web tests: an in-process client and a live server with a test detector."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from spinscope.web import WebSettings

from tests.support.browser import chromium
from tests.support.detectors import PhraseDetector
from tests.support.http import LiveServer, create_app, local_client, start_server, stop_server

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


@pytest.fixture(autouse=True)
def _no_real_dns(offline_dns):
    """No web test looks up a real host name (see tests/conftest.py)."""
    return offline_dns


@pytest.fixture
def client() -> Iterator[TestClient]:
    with local_client(create_app(PhraseDetector())) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_phrase_server() -> Iterator[LiveServer]:
    live = start_server(create_app(PhraseDetector(), WebSettings(workers=1)))
    yield live
    stop_server(live)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless chromium for a browser test module (a skip where it is not installed)."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page logs (failed loads, CSP violations, script errors), collected as they come."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
