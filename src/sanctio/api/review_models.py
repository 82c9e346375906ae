"""Request and response models of the review routes (`/alerts`, `/audit`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from sanctio.api.schemas import ERRORS, ErrorResponse

#: Review routes add 409: the alert is closed or changed since the revision given.
REVIEW_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    409: {"model": ErrorResponse, "description": "Alert already closed, or changed meanwhile"},
}


class AlertSummary(BaseModel):
    id: int
    book: str
    customer_id: str
    customer_name: str
    entity_id: str
    entity_name: str
    score: float
    status: Literal["open", "closed"]
    state: str = Field(
        description="new, updated, reopened, escalated, awaiting-confirmation, decided, "
        "gone (no longer matches) or delisted"
    )
    decision: str | None
    decided_by: str | None
    decided_at: str | None
    reason: str | None
    proposed_by: str | None = Field(description="Four eyes: who proposed the true match")
    list_version: str = Field(description="SOURCE@YYYY-MM-DD the hit was found in")
    algorithm: str
    threshold: float
    listed: bool
    changes: dict[str, Any] | None = Field(description="What changed since the decision")
    revision: int = Field(description="Give it back when deciding: refused (409) if it moved")
    opened_at: str
    updated_at: str


class AlertList(BaseModel):
    alerts: list[AlertSummary]
    limit: int
    offset: int


class DecisionRecord(BaseModel):
    at: str
    actor: str
    decision: str
    reason: str
    score: float
    revision: int


class AuditRecord(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    book: str | None
    customer_id: str | None
    entity_id: str | None
    alert_id: int | None
    run_id: int | None
    decision: str | None
    reason: str | None
    evidence: dict[str, Any]
    prev_hash: str
    hash: str


class AlertDetail(AlertSummary):
    customer: dict[str, Any] = Field(description="The customer as screened: id, fields, hash")
    entity: dict[str, Any] = Field(description="The listed entity as found, with its hashes")
    features: list[dict[str, Any]] = Field(description="The features that made the score")
    decisions: list[DecisionRecord]
    audit: list[AuditRecord]


class DecisionRequest(BaseModel):
    decision: Literal["false-positive", "true-match", "escalate"]
    reason: str = Field(min_length=1, max_length=4000)
    revision: int | None = Field(
        None, ge=1, le=2**62, description="The revision seen; 409 if it moved"
    )
    actor: str | None = Field(
        None, max_length=200, description="Only with auth off; otherwise the key's label"
    )


class ConfirmRequest(BaseModel):
    reason: str = Field("confirmed", min_length=1, max_length=4000)
    revision: int | None = Field(None, ge=1, le=2**62)
    actor: str | None = Field(None, max_length=200)


class AuditPage(BaseModel):
    records: list[AuditRecord]
    next_after: int | None = Field(description="Pass as `after` for the next page")


class AuditVerification(BaseModel):
    ok: bool
    records: int
    head: str = Field(description="Hash of the last verified record: keep it to detect cuts")
    first_bad: int | None
    problem: str | None
