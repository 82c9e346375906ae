"""Alert review routes: list and read alerts (`screen` keys), decide and confirm them
(`review` keys); the actor of a decision is the key's label."""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from sanctio.api.auth import ReviewKey, ScreenKey, api_state
from sanctio.api.review_models import (
    REVIEW_ERRORS,
    AlertDetail,
    AlertList,
    AlertSummary,
    ConfirmRequest,
    DecisionRequest,
)
from sanctio.review.alerts import AlertFilter, alert_detail, alert_dict, list_alerts
from sanctio.review.decisions import ReviewPolicy, confirm, decide
from sanctio.store.keys import ApiKey
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

router = APIRouter(tags=["Alerts"])

AlertId = Annotated[int, Path(ge=1, le=2**62, description="Alert id")]


def actor_of(key: ApiKey | None, given: str | None) -> str:
    """The key's label (or id); with auth off, the body's actor or `anonymous`."""
    if key is not None:
        return key.label or f"key:{key.id}"
    return given or "anonymous"


@router.get("/alerts", response_model=AlertList, responses=REVIEW_ERRORS, summary="List alerts")
def alerts(
    request: Request,
    _key: ScreenKey,
    status: Literal["open", "closed", "all"] = "open",
    book: Annotated[str | None, Query(max_length=200)] = None,
    source: Annotated[str | None, Query(alias="list", max_length=40)] = None,
    min_score: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    order: Literal["score", "id"] = "score",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> dict[str, Any]:
    """Alerts filtered by status, book, list and score; most likely first."""
    filters = AlertFilter(status, book, source, min_score, order, limit, offset)
    with ReviewStore.open(api_state(request).settings.db_path) as review:
        found = list_alerts(review, filters)
    return {"alerts": [alert_dict(a) for a in found], "limit": limit, "offset": offset}


@router.get(
    "/alerts/{alert_id}",
    response_model=AlertDetail,
    responses=REVIEW_ERRORS,
    summary="One alert with both sides, features, decisions and audit records",
)
def alert(request: Request, alert_id: AlertId, _key: ScreenKey) -> dict[str, Any]:
    path = api_state(request).settings.db_path
    with ReviewStore.open(path) as review, Store.open(path, create=False) as store:
        return alert_detail(review, store, alert_id)


@router.post(
    "/alerts/{alert_id}/decision",
    response_model=AlertSummary,
    responses=REVIEW_ERRORS,
    summary="Decide an open alert (409 if closed or changed meanwhile)",
)
def decision(
    request: Request, alert_id: AlertId, body: DecisionRequest, key: ReviewKey
) -> dict[str, Any]:
    policy = ReviewPolicy.from_env(os.environ)
    with ReviewStore.open(api_state(request).settings.db_path) as review:
        done = decide(
            review,
            alert_id,
            body.decision,
            body.reason,
            actor_of(key, body.actor),
            policy=policy,
            revision=body.revision,
        )
    return alert_dict(done)


@router.post(
    "/alerts/{alert_id}/confirmation",
    response_model=AlertSummary,
    responses=REVIEW_ERRORS,
    summary="Four eyes: a second reviewer confirms a proposed true match",
)
def confirmation(
    request: Request, alert_id: AlertId, body: ConfirmRequest, key: ReviewKey
) -> dict[str, Any]:
    with ReviewStore.open(api_state(request).settings.db_path) as review:
        done = confirm(
            review, alert_id, actor_of(key, body.actor), body.reason, revision=body.revision
        )
    return alert_dict(done)
