"""The limits a web app instance works within, in one validated value."""

from __future__ import annotations

from dataclasses import dataclass

from spinscope.errors import ConfigError
from spinscope.io.text import MAX_CHARS
from spinscope.resources import thread_plan


def default_workers() -> int:
    """Analyses run side by side: one per usable core, at most four (see ``resources``)."""
    return thread_plan().web_workers


@dataclass(frozen=True)
class WebSettings:
    """How much one request may send, take and wait, and how many run at once.

    ``workers`` analyses run at the same time; up to ``max_waiting`` more wait in a
    queue, and further requests get 503 rather than piling up. Pages (URL and HTML
    requests) are fetched and extracted by ``page_workers`` threads of their own, with
    their own queue of ``max_waiting``; a URL's fetching and extraction together get
    ``url_timeout_s``. ``timeout_s`` bounds
    the time from arrival to result (queueing included) and gives 504 when exceeded;
    the request's work is stopped then too.

    The perimeter: URLs on non-global addresses are fetched only with
    ``allow_private_urls``; the Host header must name ``bind_host``, a loopback name or
    one of ``allowed_hosts`` (against DNS rebinding); with a ``token``, ``/api/*``
    requires it (``Authorization: Bearer`` or ``X-Spinscope-Token``).
    """

    max_body_bytes: int = 2_000_000
    max_chars: int = MAX_CHARS
    timeout_s: float = 60.0
    url_timeout_s: float = 15.0
    workers: int = default_workers()
    max_waiting: int = 32
    page_workers: int = 2
    allow_private_urls: bool = False
    bind_host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = ()
    token: str | None = None

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1 or self.max_chars < 1:
            raise ConfigError("web: max_body_bytes and max_chars must be at least 1")
        if self.timeout_s <= 0 or self.url_timeout_s <= 0:
            raise ConfigError("web: timeouts must be positive numbers of seconds")
        if self.workers < 1 or self.page_workers < 1 or self.max_waiting < 0:
            raise ConfigError("web: need workers >= 1, page_workers >= 1 and max_waiting >= 0")
        if self.token is not None and not self.token.strip():
            raise ConfigError("web: the token must not be empty")
