"""Decisions on alerts: false-positive, true-match, escalate, and the four-eyes confirmation.

A decision is taken under the store's write lock on the alert's current revision: an
alert already closed, or one changed since the revision the caller saw (two decisions
racing), is refused with ConflictError, never silently overwritten. With four eyes on, a
true match waits open for a second, different actor to confirm it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sanctio.exceptions import ConflictError, InputError
from sanctio.review import audit
from sanctio.review.rescreen import Clock, stamp, utc_now
from sanctio.store.review import AlertRow, ReviewStore

DECISIONS: tuple[str, ...] = ("false-positive", "true-match", "escalate")
MAX_REASON = 4000


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """`four_eyes`: a true match closes only once a second actor confirms it."""

    four_eyes: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ReviewPolicy:
        """`SANCTIO_FOUR_EYES=1` turns the four-eyes rule on."""
        return cls(
            four_eyes=env.get("SANCTIO_FOUR_EYES", "").strip().lower() in ("1", "true", "yes")
        )


def _check_text(field: str, value: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise InputError(field, "must not be empty")
    if len(value) > limit:
        raise InputError(field, f"is {len(value)} characters long; expected at most {limit}")
    return value


def _refuse_closed(alert: AlertRow) -> None:
    if alert.status == "closed":
        raise ConflictError(
            f"alert {alert.id} is already closed ({alert.decision} by {alert.decided_by} at "
            f"{alert.decided_at}); it re-opens by itself if the customer or the entity changes"
        )


def _refuse_moved(alert: AlertRow, revision: int | None) -> None:
    if revision is not None and revision != alert.revision:
        raise ConflictError(
            f"alert {alert.id} changed since revision {revision} (now {alert.revision}): "
            "another decision or run came first; look at it again"
        )


def decide(
    review: ReviewStore,
    alert_id: int,
    decision: str,
    reason: str,
    actor: str,
    *,
    policy: ReviewPolicy = ReviewPolicy(),
    revision: int | None = None,
    clock: Clock = utc_now,
) -> AlertRow:
    """Record a decision on an open alert; the alert after it."""
    if decision not in DECISIONS:
        raise InputError("decision", f"{decision!r}; expected one of {', '.join(DECISIONS)}")
    reason = _check_text("reason", reason, MAX_REASON)
    actor = _check_text("actor", actor, 200)
    now = stamp(clock())
    with review.transaction():
        alert = review.alert(alert_id)
        _refuse_closed(alert)
        _refuse_moved(alert, revision)
        if alert.state == "awaiting-confirmation":
            raise ConflictError(
                f"alert {alert.id} awaits a second reviewer's confirmation of the true match "
                f"proposed by {alert.proposed_by}: confirm it (sanctio alerts confirm)"
            )
        values: dict[str, Any] = {
            "decision": decision,
            "decided_by": actor,
            "decided_at": now,
            "reason": reason,
            "updated_at": now,
            "decided_customer_hash": alert.customer_hash,
            "decided_match_hash": alert.match_hash,
            "changes": None,
        }
        if decision == "escalate":
            values.update(status="open", state="escalated")
        elif decision == "true-match" and policy.four_eyes:
            values.update(status="open", state="awaiting-confirmation", proposed_by=actor)
        else:
            values.update(status="closed", state="decided")
        action = "alert-decided" if values["status"] == "closed" else f"alert-{values['state']}"
        return _commit(review, alert, values, action, decision, reason, actor, now)


def confirm(
    review: ReviewStore,
    alert_id: int,
    actor: str,
    reason: str = "confirmed",
    *,
    revision: int | None = None,
    clock: Clock = utc_now,
) -> AlertRow:
    """A second actor confirms a proposed true match, closing the alert."""
    actor = _check_text("actor", actor, 200)
    reason = _check_text("reason", reason, MAX_REASON)
    now = stamp(clock())
    with review.transaction():
        alert = review.alert(alert_id)
        _refuse_closed(alert)
        _refuse_moved(alert, revision)
        if alert.state != "awaiting-confirmation":
            raise ConflictError(f"alert {alert.id} has no true match awaiting confirmation")
        if actor == alert.proposed_by:
            raise ConflictError(
                f"alert {alert.id}: {actor} proposed this true match; four eyes need a "
                "second, different reviewer to confirm it"
            )
        values = {
            "status": "closed",
            "state": "decided",
            "decided_by": actor,
            "decided_at": now,
            "updated_at": now,
            "decided_customer_hash": alert.customer_hash,
            "decided_match_hash": alert.match_hash,
        }
        return _commit(review, alert, values, "alert-confirmed", "confirm", reason, actor, now)


def _commit(
    review: ReviewStore,
    alert: AlertRow,
    values: dict[str, Any],
    action: str,
    decision: str,
    reason: str,
    actor: str,
    now: str,
) -> AlertRow:
    if not review.update_alert(alert.id, alert.revision, values):
        raise ConflictError(f"alert {alert.id} changed while deciding; look at it again")
    review.add_decision(
        alert_id=alert.id,
        at=now,
        actor=actor,
        decision=decision,
        reason=reason,
        customer_hash=alert.customer_hash,
        match_hash=alert.match_hash,
        score=alert.score,
        revision=alert.revision,
    )
    review.append_audit(
        [
            {
                "at": now,
                "actor": actor,
                "action": action,
                "book": alert.book,
                "customer_id": alert.customer_id,
                "entity_id": alert.entity_id,
                "alert_id": alert.id,
                "decision": decision,
                "reason": reason,
                "evidence": {
                    "score": alert.score,
                    "list_version": alert.list_version,
                    "customer_hash": alert.customer_hash,
                    "entity_hash": alert.entity_hash,
                    "match_hash": alert.match_hash,
                    "revision": alert.revision,
                    "status": values.get("status", alert.status),
                },
            }
        ],
        audit.seal,
    )
    return review.alert(alert.id)
