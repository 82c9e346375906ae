"""API-key checks: `Authorization: Bearer <key>` or `ApiKey <key>`; scopes screen, review, admin.

Every failure says the same thing (401 "missing or invalid API key") so a guesser learns
nothing about which keys exist or were revoked; a valid key without the scope gets 403.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from sanctio.api.errors import ApiError
from sanctio.api.state import ApiState
from sanctio.store.keys import ApiKey

_HEADER = APIKeyHeader(
    name="Authorization",
    auto_error=False,
    scheme_name="ApiKey",
    description="`Bearer <key>` or `ApiKey <key>`; create keys with `sanctio keys create`.",
)

_SCHEMES = ("bearer", "apikey")


def api_state(request: Request) -> ApiState:
    state = request.app.state.sanctio
    assert isinstance(state, ApiState)
    return state


def parse_authorization(header: str | None) -> str | None:
    """The token in `Bearer <token>` / `ApiKey <token>`, else None."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() not in _SCHEMES or not token or " " in token:
        return None
    return token


def authorize(request: Request, authorization: str | None, scope: str) -> ApiKey | None:
    """The key in the `Authorization` value if it may use `scope` (None with auth off)."""
    state = api_state(request)
    if not state.config.auth or state.keys is None:
        return None
    token = parse_authorization(authorization)
    key = state.keys.verify(token) if token else None
    if key is None:
        raise ApiError(401, "unauthorized", "missing or invalid API key")
    if not key.allows(scope):
        raise ApiError(403, "forbidden", "this API key may not use this route")
    return key


def require(scope: str) -> Callable[..., Awaitable[ApiKey | None]]:
    """A dependency that admits a request holding a key with `scope` (or auth turned off)."""

    async def check(
        request: Request, authorization: Annotated[str | None, Depends(_HEADER)] = None
    ) -> ApiKey | None:
        return authorize(request, authorization, scope)

    check.__name__ = f"require_{scope}"
    return check


ScreenKey = Annotated[ApiKey | None, Depends(require("screen"))]
AdminKey = Annotated[ApiKey | None, Depends(require("admin"))]
ReviewKey = Annotated[ApiKey | None, Depends(require("review"))]
