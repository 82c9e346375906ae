"""`POST /screen/text`: listed parties named in free text or a payment message."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.schemas import ERRORS
from sanctio.screening.budget import MAX_TEXT_NAME_WORDS, check_text
from sanctio.screening.text.screen import screen_text_snapshot

router = APIRouter(tags=["Matching"])

#: Same bound as `sanctio text` (1 MiB); the body limit middleware caps requests anyway.
MAX_TEXT = 1 << 20


class TextQuery(BaseModel):
    """A text to screen: prose (any language), a SWIFT MT message or ISO 20022 pacs.008."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    kind: Literal["auto", "text", "swift", "iso20022"] = "auto"


@router.post("/screen/text", responses=ERRORS, summary="Find listed parties named in a text")
async def screen_text(
    request: Request,
    body: TextQuery,
    _key: ScreenKey,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    as_of: Annotated[
        dt.date | None, Query(description="Screen against the lists in force on this date.")
    ] = None,
) -> dict[str, Any]:
    """Every mention with its character span, the entity, the score and its features."""
    state = api_state(request)
    check_text(body.text)  # the work budget, before any list is touched
    historic = as_of is not None and as_of != dt.date.today()

    def work() -> dict[str, Any]:
        snapshot = state.service.as_of(as_of) if historic else state.snapshot()
        return screen_text_snapshot(
            snapshot,
            body.text,
            kind=body.kind,
            threshold=threshold,
            max_name_words=MAX_TEXT_NAME_WORDS,
        )

    return await run_in_threadpool(work)
