"""The web app: a page and a JSON API over one shared detector (``create_app``)."""

from spinscope.web.app import create_app
from spinscope.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
