"""Fixtures for the web tests: an in-process client and a live server with a test detector."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from spinscope.web import WebSettings

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
