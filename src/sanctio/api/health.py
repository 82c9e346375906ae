"""`GET /healthz` (process is up) and `GET /readyz` (screening would be answered, or why not)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from sanctio.api.auth import api_state
from sanctio.api.schemas import ERRORS
from sanctio.exceptions import StoreError

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="Liveness")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: ERRORS[503]}, summary="Readiness (fails closed)")
def readyz(request: Request) -> dict[str, Any]:
    """200 with the versions served, or 503 naming why screening is refused (also while
    the store is unreachable: screening goes on from the last index, nothing new loads)."""
    state = api_state(request)
    snapshot = state.snapshot()
    unreachable = state.service.store_error
    if unreachable is not None:
        raise StoreError(f"the store is unreachable (serving the last index): {unreachable}")
    return {"status": "ok", **snapshot.describe(), "entities": len(snapshot.index)}
