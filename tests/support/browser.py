"""Debian's chromium driven by Playwright, the one way every browser test starts it.

``chromium()`` skips the test cleanly when Playwright or /usr/bin/chromium is missing (the
CI installs both); the flags keep the browser off the network, which this machine closes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"  # screenshots, when a test keeps one
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def playwright_api() -> Any:
    """``playwright.sync_api``, or a skip when it is not installed."""
    return pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")


def expect(target: Any) -> Any:
    """Playwright's ``expect`` on ``target``, imported when first used (so that collecting a browser
    test module does not import Playwright)."""
    return playwright_api().expect(target)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium, closed afterwards; a skip when the browser is not installed."""
    api = playwright_api()
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
