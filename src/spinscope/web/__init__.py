"""The web app: a page and a JSON API over one shared detector (``create_app``).

``create_app`` is imported on first use, so that the settings (``WebSettings``) can be imported
without FastAPI: the CLI parses them before it builds the app, and the tests are collected
without importing the web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spinscope.web.settings import WebSettings

if TYPE_CHECKING:
    from spinscope.web.app import create_app

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from spinscope.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
