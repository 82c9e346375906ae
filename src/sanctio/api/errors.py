"""One table from error to HTTP status, and one JSON envelope for every 4xx and 5xx.

Every error a client can see reads `{"error": {"code", "message", "field"}}`, whether it
came from sanctio (InputError, NotReadyError, ...), from request validation, from routing
(404, 405) or from an unexpected failure (500, without internals).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sanctio.exceptions import (
    BudgetError,
    ConflictError,
    FetchError,
    FormatError,
    InputError,
    NotFoundError,
    NotReadyError,
    SanctioError,
    ShrinkError,
    StoreError,
    UnknownFormatError,
)

log = logging.getLogger("sanctio.api")


class ApiError(Exception):
    """An HTTP-level refusal raised by the API itself (auth, limits, unknown dataset)."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


#: Most specific class first.
ERROR_STATUS: tuple[tuple[type[SanctioError], int, str], ...] = (
    (BudgetError, 413, "over_budget"),
    (InputError, 400, "invalid_input"),
    (ConflictError, 409, "conflict"),
    (UnknownFormatError, 415, "unknown_format"),
    (ShrinkError, 422, "shrink_held"),
    (FormatError, 422, "invalid_list_file"),
    (NotFoundError, 404, "not_found"),
    (NotReadyError, 503, "not_ready"),
    (StoreError, 503, "store_unavailable"),
    (FetchError, 502, "fetch_failed"),
    (SanctioError, 500, "internal_error"),
)

_HTTP_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "not_ready",
}


def envelope(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "field": field}}
    return JSONResponse(body, status_code=status, headers=headers)


def status_of(error: SanctioError) -> tuple[int, str]:
    for cls, status, code in ERROR_STATUS:
        if isinstance(error, cls):
            return status, code
    return 500, "internal_error"


def field_path(loc: Sequence[Any]) -> str:
    """`("body", "queries", "q1", "schema")` -> `queries.q1.schema`; `query.limit` for params."""
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


def _validation_message(err: dict[str, Any]) -> str:
    kind = str(err.get("type", ""))
    msg = str(err.get("msg", "invalid value"))
    if kind == "json_invalid":
        ctx = err.get("ctx") or {}
        loc = err.get("loc", ())
        at = f" at character {loc[-1]}" if loc and isinstance(loc[-1], int) else ""
        return f"malformed JSON body{at}: {ctx.get('error', msg)}; expected a JSON object"
    if "input" in err and kind not in ("missing",):
        shown = repr(err["input"])
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{msg} (got {shown})"
    return msg


async def _sanctio_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SanctioError)
    status, code = status_of(exc)
    if status >= 500 and not isinstance(exc, NotReadyError | StoreError):
        log.exception("internal error on %s", request.url.path, exc_info=exc)
        return envelope(status, code, "internal error")
    field = exc.field if isinstance(exc, InputError) else None
    message = exc.message if isinstance(exc, InputError | FormatError) else str(exc)
    # Temporary states are worth retrying; a broken store is not fixed in 5 s.
    headers = {"Retry-After": "5"} if isinstance(exc, NotReadyError) else None
    return envelope(status, code, _scrub(request, message), field, headers)


def _scrub(request: Request, message: str) -> str:
    """Server paths (the store's folder) out of a message: clients get file names only."""
    state = getattr(request.app.state, "sanctio", None)
    settings = getattr(state, "settings", None)
    db_path = getattr(settings, "db_path", None)
    if db_path is None:
        return message
    folder = str(db_path.parent)
    return (
        message.replace(folder + "/", "").replace(folder, ".")
        if folder not in ("", ".")
        else message
    )


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if exc.status == 503:
        headers = {"Retry-After": "5"}
    return envelope(exc.status, exc.code, exc.message, exc.field, headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if not errors:
        return envelope(422, "invalid_request", "invalid request")
    first = errors[0]
    # A JSON syntax error's location is a character position in the body, not a field.
    loc = ("body",) if first.get("type") == "json_invalid" else first.get("loc", ())
    field = field_path(loc) or None
    message = _validation_message(first)
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem(s))"
    return envelope(422, "invalid_request", message, field)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
    message = str(exc.detail) if exc.detail else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no route {request.url.path}"
    field = "body" if exc.status_code == 413 else None
    return envelope(exc.status_code, code, message, field, dict(exc.headers or {}) or None)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s", request.url.path, exc_info=exc)
    return envelope(500, "internal_error", "internal error")


def install(app: FastAPI) -> None:
    """Route every error through the envelope."""
    app.add_exception_handler(SanctioError, _sanctio_error)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
