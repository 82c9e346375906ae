"""The start page: screen one party (name, schema, birth date, nationality, identifier,
as of a date) and read each result's score, lists, programmes and explanation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sanctio.exceptions import InputError, NotReadyError
from sanctio.model import Entity
from sanctio.screening.query import QUERY_SCHEMAS
from sanctio.screening.query import Query as ScreenQuery
from sanctio.screening.screen import ScreenHit
from sanctio.screening.service import Snapshot
from sanctio.ui.present import FeatureRow, feature_rows, parse_day
from sanctio.ui.web import context, render, require

router = APIRouter()
RESULTS = 20

Text = Annotated[str, Query(max_length=1000)]
Short = Annotated[str, Query(max_length=100)]


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One ranked hit as the page shows it."""

    hit: ScreenHit
    entity: Entity
    list_label: str
    programs: tuple[str, ...]
    features: list[FeatureRow]


@dataclass(frozen=True, slots=True)
class Form:
    q: str = ""
    schema: str = ""
    birth_date: str = ""
    nationality: str = ""
    identifier: str = ""
    as_of: str = ""


def build_query(form: Form) -> ScreenQuery:
    """The screening query of a filled form; InputError names the bad field."""
    return ScreenQuery.create(
        form.q,
        schema=form.schema or None,
        birth_dates=[form.birth_date.strip()] if form.birth_date.strip() else [],
        nationalities=[form.nationality.strip()] if form.nationality.strip() else [],
        id_numbers=[form.identifier.strip()] if form.identifier.strip() else [],
    )


def rows(snapshot: Snapshot, hits: tuple[ScreenHit, ...]) -> list[ResultRow]:
    out = []
    for hit in hits:
        entity = snapshot.index.entity(hit.entity_id)
        version = snapshot.versions.get(entity.source)
        out.append(
            ResultRow(
                hit,
                entity,
                version.label if version else entity.source,
                entity.get("program"),
                feature_rows(hit.features),
            )
        )
    return out


@router.get("/")
def screen_page(
    request: Request,
    q: Text = "",
    schema: Short = "",
    birth_date: Short = "",
    nationality: Short = "",
    identifier: Short = "",
    as_of: Short = "",
) -> Response:
    require(request, "screen")
    ctx = context(request)
    form = Form(q, schema, birth_date, nationality, identifier, as_of)
    results: list[ResultRow] | None = None
    error: InputError | None = None
    refused = ""
    described: dict[str, object] = {}
    threshold = 0.0
    status = 200
    if q.strip():
        try:
            query = build_query(form)
            day = parse_day(as_of, "as_of")
            if day == dt.date.today():
                day = None  # today's lists go through the fail-closed checks
            snapshot = ctx.service.as_of(day) if day is not None else ctx.service.serving()
            found = snapshot.screener.screen(query, limit=RESULTS)
            results = rows(snapshot, found.results)
            described = snapshot.describe()
            threshold = found.threshold
        except InputError as exc:
            error, status = exc, 400
        except NotReadyError as exc:
            refused, status = str(exc), 503
    # htmx asks for the results only; restoring history after "back" needs the whole page.
    fragment = (
        request.headers.get("hx-request") == "true"
        and request.headers.get("hx-history-restore-request") != "true"
    )
    return render(
        request,
        "_results.html" if fragment else "screen.html",
        status=200 if fragment else status,
        title=f"Screen {q}" if q.strip() else "Screen",
        form=form,
        schemas=QUERY_SCHEMAS,
        results=results,
        error=error,
        refused=refused,
        described=described,
        threshold=threshold,
    )
