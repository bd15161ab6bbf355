"""The one place where errors become HTTP answers: always JSON ``{"error": message}``.

spinscope's own errors are mapped by class (most specific first); malformed requests
are 422 with each problem named; anything unexpected is a 500 that says so without
leaking internals.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from spinscope.errors import (DeadlineError, EmptyTextError, EncodingError, InputError, InputTooLargeError,
                              ModelNotInstalledError, NoArticleTextError, PrivateAddressError, SpinscopeError,
                              UnsupportedLanguageError, UrlError)

log = logging.getLogger(__name__)

STATUS_BY_ERROR: tuple[tuple[type[SpinscopeError], int], ...] = (
    (EmptyTextError, 400),
    (InputTooLargeError, 413),
    (PrivateAddressError, 400),
    (UrlError, 502),
    (DeadlineError, 504),
    (NoArticleTextError, 422),
    (UnsupportedLanguageError, 422),
    (ModelNotInstalledError, 422),  # this server cannot analyse the text's language
    (InputError, 400),
)


def status_for(error: SpinscopeError) -> int:
    """The status code of a library error; errors not caused by the input are 500."""
    for kind, status in STATUS_BY_ERROR:
        if isinstance(error, kind):
            return status
    return 500


def describe(error: SpinscopeError) -> str:
    """The message the API answers with: the library's, plus the remedy in this API's terms."""
    message = str(error)
    if isinstance(error, InputTooLargeError) and error.limit is not None and error.unit == "characters":
        return f"{message}; send a shorter article (this server takes up to {error.limit:,} characters)"
    if isinstance(error, EncodingError) and error.position is not None:
        return f"{message}; send the page as UTF-8 text"
    return message


def error_response(status: int, message: str, headers: dict[str, str] | None = None,
                   **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def describe_validation(error: RequestValidationError) -> tuple[str, list[dict[str, object]]]:
    """A one-line message and a list of {where, problem} for a malformed request."""
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body") or "body"
        message = str(item.get("msg", "invalid"))
        if item.get("type") == "json_invalid":
            where, message = "body", "the body is not valid JSON"
        problems.append({"where": where, "problem": message.removeprefix("Value error, ")})
    summary = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "malformed request"
    return f"malformed request: {summary}", problems


async def on_spinscope_error(_: Request, error: SpinscopeError) -> JSONResponse:
    status = status_for(error)
    if status == 500:
        log.exception("analysis failed", exc_info=error)
    language = getattr(error, "language", None)
    return error_response(status, describe(error), **({"language": language} if language else {}))


async def on_http_error(_: Request, error: HTTPException) -> JSONResponse:
    return error_response(error.status_code, str(error.detail), headers=error.headers)


async def on_validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
    message, problems = describe_validation(error)
    return error_response(422, message, problems=problems)


async def on_unexpected_error(_: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return error_response(500, f"internal error ({type(error).__name__}); please report it")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SpinscopeError, on_spinscope_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected_error)
