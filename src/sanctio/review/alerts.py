"""Reading alerts for people and adapters (CLI, API, UI): list with filters, most likely
first; one alert with both sides (the customer as screened, the entity as listed), its
decisions and its audit records; the audit trail and its verification."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sanctio.exceptions import InputError
from sanctio.review import audit
from sanctio.store.review import AlertRow, AuditRow, ReviewStore
from sanctio.store.sqlite import Store

STATUSES: tuple[str, ...] = ("open", "closed", "all")
ORDERS: tuple[str, ...] = ("score", "id")


def alert_dict(alert: AlertRow) -> dict[str, Any]:
    """The summary of an alert every list shows."""
    return {
        "id": alert.id,
        "book": alert.book,
        "customer_id": alert.customer_id,
        "customer_name": alert.customer_name,
        "entity_id": alert.entity_id,
        "entity_name": alert.entity_name,
        "score": alert.score,
        "status": alert.status,
        "state": alert.state,
        "decision": alert.decision,
        "decided_by": alert.decided_by,
        "decided_at": alert.decided_at,
        "reason": alert.reason,
        "proposed_by": alert.proposed_by,
        "list_version": alert.list_version,
        "algorithm": alert.algorithm,
        "threshold": alert.threshold,
        "listed": bool(alert.listed),
        "changes": json.loads(alert.changes) if alert.changes else None,
        "revision": alert.revision,
        "opened_at": alert.opened_at,
        "updated_at": alert.updated_at,
    }


@dataclass(frozen=True, slots=True)
class AlertFilter:
    """Which alerts to list, and in which order (`score`: most likely first)."""

    status: str = "open"
    book: str | None = None
    source: str | None = None
    min_score: float | None = None
    order: str = "score"
    limit: int = 100
    offset: int = 0

    def check(self) -> None:
        if self.status not in STATUSES:
            raise InputError("status", f"{self.status!r}; expected one of {', '.join(STATUSES)}")
        if self.order not in ORDERS:
            raise InputError("order", f"{self.order!r}; expected one of {', '.join(ORDERS)}")
        if not 1 <= self.limit <= 100_000:
            raise InputError("limit", f"{self.limit}; expected 1-100000")
        if not 0 <= self.offset <= 10**9:
            raise InputError("offset", f"{self.offset}; expected 0-1000000000")
        if self.min_score is not None and not 0.0 <= self.min_score <= 1.0:
            raise InputError("min_score", f"{self.min_score}; expected 0-1")


def list_alerts(review: ReviewStore, filters: AlertFilter) -> list[AlertRow]:
    filters.check()
    return review.alerts(
        status=None if filters.status == "all" else filters.status,
        book=filters.book,
        source=filters.source,
        min_score=filters.min_score,
        order=filters.order,
        limit=filters.limit,
        offset=filters.offset,
    )


def audit_dict(row: AuditRow) -> dict[str, Any]:
    return audit.export_dict(row)


def alert_detail(review: ReviewStore, store: Store, alert_id: int) -> dict[str, Any]:
    """Everything about one alert: both sides, the score's features, decisions, audit."""
    alert = review.alert(alert_id)
    entity = store.blob(alert.entity_hash)
    return {
        **alert_dict(alert),
        "customer": {
            "id": alert.customer_id,
            "fields": json.loads(alert.customer_fields),
            "hash": alert.customer_hash,
        },
        "entity": {**entity.to_dict(), "hash": alert.entity_hash, "match_hash": alert.match_hash},
        "features": json.loads(alert.features),
        "decisions": [
            {
                "at": d.at,
                "actor": d.actor,
                "decision": d.decision,
                "reason": d.reason,
                "score": d.score,
                "revision": d.revision,
            }
            for d in review.decisions(alert_id)
        ],
        "audit": [audit_dict(r) for r in review.audit(alert_id=alert_id)],
    }


def audit_records(review: ReviewStore, *, after: int = 0, limit: int = 1000) -> list[AuditRow]:
    if not 1 <= limit <= 100_000:
        raise InputError("limit", f"{limit}; expected 1-100000")
    if not 0 <= after <= 2**62:
        raise InputError("after", f"{after}; expected a record number")
    out: list[AuditRow] = []
    for row in review.audit(after=after):
        out.append(row)
        if len(out) >= limit:
            break
    return out


def verify_audit(review: ReviewStore) -> audit.Verification:
    return audit.verify(review.audit())
