"""Every input test runs with the stubbed resolver: no test looks up a real host name."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_real_dns(offline_dns):
    return offline_dns
