"""Re-alert rules (pure): what a hit does to the alert already kept for its pair.

- no alert yet: open one;
- an open alert: update it when the score, the entity's content or the customer changed,
  else only note the run saw it again;
- a closed alert (false positive, or true match): stay closed while the customer's
  screened fields and the entity's matching content are those the decision was made on
  and the entity stayed listed; otherwise re-open, saying what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sanctio.store.review import AlertRow

Action = Literal["open", "update", "seen", "suppress", "reopen"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of a run, with both sides' content hashes."""

    book: str
    customer_id: str
    customer_name: str
    customer_fields: dict[str, str]
    customer_hash: str
    entity_id: str
    entity_name: str
    entity_hash: str
    match_hash: str
    version_id: int
    list_version: str
    algorithm: str
    threshold: float
    score: float
    features: list[dict[str, object]]


def action(hit: Hit, alert: AlertRow | None) -> Action:
    """What the hit does to the pair's alert (see the module docstring)."""
    if alert is None:
        return "open"
    if alert.status == "open":
        same = (
            abs(alert.score - hit.score) < 1e-9
            and alert.entity_hash == hit.entity_hash
            and alert.customer_hash == hit.customer_hash
            and alert.listed
            and alert.state not in ("gone", "delisted")
        )
        return "seen" if same else "update"
    unchanged = (
        alert.decided_customer_hash == hit.customer_hash
        and alert.decided_match_hash == hit.match_hash
        and alert.listed
    )
    return "suppress" if unchanged else "reopen"


def reopen_reasons(alert: AlertRow, hit: Hit) -> list[str]:
    """Why a closed alert re-opens, in words."""
    reasons: list[str] = []
    if not alert.listed:
        reasons.append("the entity was removed from its list and listed again")
    if alert.decided_match_hash != hit.match_hash:
        reasons.append("the listed entity's matching content changed")
    if alert.decided_customer_hash != hit.customer_hash:
        reasons.append("the customer's screened fields changed")
    return reasons
