"""Request guards that act before any parsing: body size and content type.

The body limit is a plain ASGI middleware, so an oversized upload is refused after
reading at most ``max_bytes + 1`` bytes, whether it declares a Content-Length or not.
"""

from __future__ import annotations

from email.message import Message

from fastapi import HTTPException, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message as AsgiMessage, Receive, Scope, Send

METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def too_large(max_bytes: int) -> JSONResponse:
    return JSONResponse({"error": f"the request body is over the limit of {max_bytes:,} bytes; "
                                  "send a shorter article"}, status_code=413)


def declared_length(scope: Scope) -> int | None:
    """The Content-Length header as a number, -1 when it is not one, None when absent."""
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            return int(value) if value.isdigit() else -1
    return None


class BodySizeLimit:
    """Refuses request bodies over ``max_bytes`` with 413, and replays smaller ones."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in METHODS_WITH_BODY:
            await self.app(scope, receive, send)
            return
        length = declared_length(scope)
        if length == -1:
            await JSONResponse({"error": "the Content-Length header is not a number"},
                               status_code=400)(scope, receive, send)
            return
        if length is not None and length > self.max_bytes:
            await too_large(self.max_bytes)(scope, receive, send)
            return
        body = await self._read_body(receive)
        if body is None:
            await too_large(self.max_bytes)(scope, receive, send)
            return
        await self.app(scope, replaying(body, receive), send)

    async def _read_body(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes the limit."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive callable that hands over the buffered body once, then defers to the server."""
    sent = False

    async def replay() -> AsgiMessage:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def require_json(request: Request) -> None:
    """A route dependency: 415 unless the body is declared as JSON."""
    header = request.headers.get("content-type")
    if header:
        parsed = Message()
        parsed["content-type"] = header
        subtype = parsed.get_content_subtype()
        if parsed.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json")):
            return
    raise HTTPException(415, f"send the request as JSON (Content-Type: application/json), "
                             f"not {header or 'no content type'}")
