"""`GET /healthz` (process is up) and `GET /readyz` (screening would be answered, or why not)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from sanctio.api.auth import _HEADER, api_state, authorize
from sanctio.api.errors import ApiError
from sanctio.api.schemas import ERRORS
from sanctio.exceptions import StoreError

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="Liveness")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: ERRORS[503]}, summary="Readiness (fails closed)")
def readyz(
    request: Request, authorization: Annotated[str | None, Depends(_HEADER)] = None
) -> dict[str, Any]:
    """200 when screening would be answered, else 503 naming why (the same check every
    surface makes; also while the store is unreachable: screening goes on from the last
    index, nothing new loads). The versions served and the index size go only to a caller
    with a valid key (any scope), or to everyone when keys are off."""
    state = api_state(request)
    snapshot = state.snapshot()
    unreachable = state.service.store_error
    if unreachable is not None:
        raise StoreError(f"the store is unreachable (serving the last index): {unreachable}")
    try:
        authorize(request, authorization, "screen")
    except ApiError:
        return {"status": "ok"}
    return {"status": "ok", **snapshot.describe(), "entities": len(snapshot.index)}
