"""Alert pages: the queue (filters, most likely first), one alert with both sides and the
decision form (four eyes where configured), and the audit trail with its verification.
Over review/'s use cases, as the API and CLI use them."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.exceptions import ConflictError, InputError
from sanctio.match import Feature
from sanctio.review.alerts import (
    STATUSES,
    AlertFilter,
    alert_detail,
    audit_records,
    list_alerts,
    verify_audit,
)
from sanctio.review.decisions import DECISIONS, ReviewPolicy, confirm, decide
from sanctio.store.book import book_names
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store
from sanctio.ui.present import feature_rows
from sanctio.ui.session import Session
from sanctio.ui.web import check_csrf, context, render, require

router = APIRouter()
AlertId = Annotated[int, Path(ge=1, le=2**62)]
Short = Annotated[str, Query(max_length=200)]
PAGE = 100
AUDIT_PAGE = 200
#: Rows of the side-by-side view: label, the customer's field, the entity's properties.
SIDES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Name", "name", ("name", "alias", "previousName", "weakAlias")),
    ("Type", "schema", ()),
    ("Birth date", "birth_date", ("birthDate",)),
    ("Nationality", "nationality", ("nationality", "citizenship", "country")),
    ("Identifier", "id_number", ("idNumber", "passportNumber", "registrationNumber", "taxNumber")),
    ("Programmes", "", ("program",)),
    ("Address", "", ("address",)),
)


def actor_of(request: Request, session: Session) -> str:
    """As the API: the key's label, else `key:<id>`; `anonymous` with API keys off."""
    keys = context(request).keys
    if keys is None:
        return "anonymous"
    key = next((k for k in keys.list() if k.id == session.key_id), None)
    return (key.label if key and key.label else None) or f"key:{session.key_id}"


def sides(detail: dict[str, Any]) -> list[tuple[str, list[str], list[str]]]:
    customer: dict[str, Any] = detail["customer"]["fields"]
    entity: dict[str, Any] = detail["entity"]
    props: dict[str, list[str]] = entity.get("properties", {})
    rows = []
    for label, field, names in SIDES:
        mine = str(customer.get(field) or "") if field else ""
        theirs = (
            [entity["schema"]] if label == "Type" else [v for p in names for v in props.get(p, [])]
        )
        if mine or theirs:
            rows.append((label, [mine] if mine else [], theirs))
    return rows


def features(detail: dict[str, Any]) -> list[Any]:
    found = []
    for f in detail.get("features") or []:
        if isinstance(f, dict):
            found.append(
                Feature(
                    str(f.get("name", "")),
                    float(f.get("score") or 0.0),
                    float(f.get("weight") or 0.0),
                    float(f.get("effect") or 0.0),
                    f.get("query_value"),
                    f.get("list_value"),
                    str(f.get("detail") or ""),
                )
            )
    return feature_rows(tuple(found))


@router.get("/alerts")
def queue(
    request: Request,
    status: Short = "open",
    book: Short = "",
    source: Annotated[str, Query(alias="list", max_length=40)] = "",
    min_score: Short = "",
) -> Response:
    require(request, "screen")
    ctx = context(request)
    score: float | None = None
    if min_score.strip():
        try:
            score = float(min_score)
        except ValueError:
            raise InputError("min_score", f"{min_score!r}: expected a number from 0 to 1") from None
    filters = AlertFilter(status, book or None, source or None, score, "score", PAGE, 0)
    with ReviewStore.open(ctx.settings.db) as review:
        found = list_alerts(review, filters)
    with Store.open(ctx.settings.db, create=False) as store:
        sources = store.sources()
    return render(
        request,
        "alerts.html",
        title="Alerts",
        alerts=found,
        filters={"status": status, "book": book, "list": source, "min_score": min_score},
        statuses=STATUSES,
        books=book_names(ctx.settings.db),
        sources=sources,
        page=PAGE,
    )


def _alert_page(
    request: Request, alert_id: int, error: str = "", status: int = 200, reason: str = ""
) -> Response:
    session = require(request, "screen")
    ctx = context(request)
    path = ctx.settings.db
    with ReviewStore.open(path) as review, Store.open(path, create=False) as store:
        detail = alert_detail(review, store, alert_id)
        verification = verify_audit(review)
    return render(
        request,
        "alert.html",
        status=status,
        title=f"Alert {alert_id}",
        alert=detail,
        sides=sides(detail),
        features=features(detail),
        verification=verification,
        may_decide=session.allows("review"),
        four_eyes=ReviewPolicy.from_env(os.environ).four_eyes,
        decisions=DECISIONS,
        error=error,
        reason=reason,
    )


@router.get("/alerts/{alert_id}")
def alert_page(request: Request, alert_id: AlertId) -> Response:
    return _alert_page(request, alert_id)


def _review_action(
    request: Request,
    alert_id: int,
    csrf_token: str,
    reason: str,
    act: Callable[[ReviewStore, str], object],
) -> Response:
    """A reviewer's action on an alert (`act(review, actor)`): refused input (400) or a
    decision that lost a race (409) is shown on the alert page with the reason kept,
    success goes back to the alert."""
    session = require(request, "review")
    check_csrf(session, csrf_token)
    ctx = context(request)
    try:
        with ReviewStore.open(ctx.settings.db) as review:
            act(review, actor_of(request, session))
    except InputError as exc:
        return _alert_page(request, alert_id, f"{exc.field}: {exc.message}", 400, reason)
    except ConflictError as exc:
        return _alert_page(request, alert_id, str(exc), 409, reason)
    return RedirectResponse(f"/ui/alerts/{alert_id}", status_code=303)


@router.post("/alerts/{alert_id}/decision")
def decision(
    request: Request,
    alert_id: AlertId,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    decision: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
    revision: Annotated[int | None, Form()] = None,
) -> Response:
    policy = ReviewPolicy.from_env(os.environ)
    return _review_action(
        request,
        alert_id,
        csrf_token,
        reason,
        lambda review, actor: decide(
            review, alert_id, decision, reason, actor, policy=policy, revision=revision
        ),
    )


@router.post("/alerts/{alert_id}/confirmation")
def confirmation(
    request: Request,
    alert_id: AlertId,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
    revision: Annotated[int | None, Form()] = None,
) -> Response:
    return _review_action(
        request,
        alert_id,
        csrf_token,
        reason,
        lambda review, actor: confirm(review, alert_id, actor, reason, revision=revision),
    )


@router.get("/audit")
def audit_page(request: Request, after: Annotated[int, Query(ge=0)] = 0) -> Response:
    require(request, "screen")
    ctx = context(request)
    with ReviewStore.open(ctx.settings.db) as review:
        verification = verify_audit(review)
        records = audit_records(review, after=after, limit=AUDIT_PAGE)
    return render(
        request,
        "audit.html",
        title="Audit trail",
        verification=verification,
        records=records,
        after=after,
        next_after=records[-1].seq if len(records) == AUDIT_PAGE else None,
    )
