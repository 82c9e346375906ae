"""The audit trail over HTTP: pages of records, the chain's verification, an export."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response

from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.review_models import REVIEW_ERRORS, AuditPage, AuditVerification
from sanctio.review.alerts import audit_dict, audit_records, verify_audit
from sanctio.review.audit import write_export
from sanctio.store.review import ReviewStore

router = APIRouter(tags=["Audit"])


@router.get("/audit", response_model=AuditPage, responses=REVIEW_ERRORS, summary="Audit records")
def records(
    request: Request,
    _key: ScreenKey,
    after: Annotated[int, Query(ge=0, le=2**62, description="Records after this seq")] = 0,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
) -> dict[str, Any]:
    with ReviewStore.open(api_state(request).settings.db_path) as review:
        found = audit_records(review, after=after, limit=limit)
    return {
        "records": [audit_dict(r) for r in found],
        "next_after": found[-1].seq if len(found) == limit else None,
    }


@router.get(
    "/audit/verify",
    response_model=AuditVerification,
    responses=REVIEW_ERRORS,
    summary="Check the hash chain; names the first record that does not verify",
)
def verify(request: Request, _key: ScreenKey) -> dict[str, Any]:
    with ReviewStore.open(api_state(request).settings.db_path) as review:
        return verify_audit(review).to_dict()


@router.get(
    "/audit/export",
    responses={
        **REVIEW_ERRORS,
        200: {
            "description": "Every record in chain order",
            "content": {"application/x-ndjson": {}, "text/csv": {}},
        },
    },
    response_class=Response,
    summary="Export the whole trail as JSON lines or CSV",
)
def export(
    request: Request, _key: ScreenKey, format: Literal["jsonl", "csv"] = "jsonl"
) -> Response:
    buffer = io.StringIO()
    with ReviewStore.open(api_state(request).settings.db_path) as review:
        write_export(review.audit(), buffer, format)
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    return Response(buffer.getvalue(), media_type=media)
