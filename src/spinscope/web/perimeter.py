"""The server's perimeter, as one ASGI middleware: Host check, API token, security headers.

* Host: a page on another site can make a browser send requests to a local server
  under a name the attacker controls (DNS rebinding); answering only to the names the
  server is known by stops that. Allowed: the bound host, the loopback names and
  ``allowed_hosts``. Anything else is a 400.
* Token: with a token set (required when binding a non-loopback address), ``/api/*``
  answers only requests that carry it (``Authorization: Bearer`` or
  ``X-Spinscope-Token``); compared in constant time. Otherwise 401.
* Security headers on every response. ``/docs`` (Swagger UI) has one inline script
  that starts the UI; its CSP allows exactly that script by its SHA-256 hash, computed
  from the page as served, rather than ``'unsafe-inline'``; its styles are set by
  Swagger UI's own code, so ``style-src`` allows inline styles there, as on the page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinscope.web.settings import WebSettings

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
COMMON = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY"}
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
               "frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")
EXPLORER_PAGES = "/explorer"
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def host_name(header: str) -> str:
    """The host of a Host header, without port or IPv6 brackets, lower-cased."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_hosts(settings: WebSettings) -> frozenset[str]:
    """The names the Host header may give: the bound host, the loopback names, the extra ones."""
    names = (settings.bind_host, *LOOPBACK_NAMES, *settings.allowed_hosts)
    return frozenset(name.strip().strip("[]").lower() for name in names)


def is_page(path: str) -> bool:
    """The analyser page and the explorer's pages (which load scripts and styles); all else is data."""
    return path == "/" or path == EXPLORER_PAGES or path.startswith(EXPLORER_PAGES + "/")


def token_given(headers: Headers) -> str:
    bearer = headers.get("authorization", "")
    if bearer[:7].lower() == "bearer ":
        return bearer[7:].strip()
    return headers.get("x-spinscope-token", "")


def script_hashes(body: bytes) -> str:
    """CSP sources for each inline script of an HTML body."""
    digests = (hashlib.sha256(script).digest() for script in INLINE_SCRIPT.findall(body))
    return " ".join(f"'sha256-{base64.b64encode(d).decode()}'" for d in digests)


def with_headers(message: Message, policy: str) -> Message:
    """A response-start message with the security headers added (a route's own are kept)."""
    headers = list(message.get("headers", []))
    present = {key.lower() for key, _ in headers}
    wanted = {**COMMON, "content-security-policy": policy}
    headers += [(k.encode(), v.encode()) for k, v in wanted.items() if k.encode() not in present]
    return {**message, "headers": headers}


class Perimeter:
    """Checks Host and token before the app sees a request; adds security headers to every answer."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app, self.hosts, self.token = app, allowed_hosts(settings), settings.token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, refusal = scope["path"], self.refusal(scope)
        policy = PAGE_POLICY if is_page(path) else API_POLICY
        secured = self._docs_sender(send) if path in DOCS_PATHS else self._sender(send, policy)
        if refusal is not None:
            await refusal(scope, receive, secured)
            return
        await self.app(scope, receive, secured)

    def refusal(self, scope: Scope) -> JSONResponse | None:
        """The answer for a request that may not pass, or None."""
        headers = Headers(scope=scope)
        if host_name(headers.get("host", "")) not in self.hosts:
            return JSONResponse({"error": "this server does not answer to that Host name; start it with "
                                          "--allowed-host NAME to add one"}, status_code=400)
        if self.token and scope["path"].startswith("/api/"):
            if not hmac.compare_digest(token_given(headers).encode(), self.token.encode()):
                return JSONResponse({"error": "this API needs the server's token (Authorization: Bearer "
                                              "TOKEN, or X-Spinscope-Token: TOKEN)"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
        return None

    @staticmethod
    def _sender(send: Send, policy: str) -> Send:
        async def secured(message: Message) -> None:
            await send(with_headers(message, policy) if message["type"] == "http.response.start" else message)
        return secured

    @staticmethod
    def _docs_sender(send: Send) -> Send:
        """Holds the (small) docs page until its body is complete, to hash its inline scripts."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def secured(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                body = b"".join(chunks)
                await send(with_headers(start, DOCS_POLICY.format(hashes=script_hashes(body))))
                await send({"type": "http.response.body", "body": body, "more_body": False})
        return secured
