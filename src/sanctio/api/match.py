"""`POST /match/{dataset}`: yente's query-by-example screening over the lists in force."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from sanctio.api import datasets
from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.config import MATCH_PAGE, MAX_EXCLUDED_IDS, MAX_MATCHES
from sanctio.api.errors import ApiError
from sanctio.api.examples import to_query
from sanctio.api.render import scored_dict
from sanctio.api.schemas import ERRORS, EntityMatchQuery, EntityMatchResponse
from sanctio.api.state import ApiState
from sanctio.exceptions import InputError
from sanctio.match import ALGORITHMS, DEFAULT_ALGORITHM
from sanctio.model import SCHEMAS
from sanctio.screening.query import Query as ScreenQuery
from sanctio.screening.service import Snapshot

router = APIRouter(tags=["Matching"])

#: yente's algorithm aliases; any other name must be a sanctio algorithm.
ALIASES = {"best": DEFAULT_ALGORITHM, "default": DEFAULT_ALGORITHM}
INLINE_QUERIES = 2
SCORE_CUTOFF = 0.50  # yente: results scoring at or below the cutoff are not returned

DatasetPath = Annotated[str, Path(max_length=100, description="`default`, `sanctions` or a source")]
Names = Annotated[list[str], Query(max_length=50)]


def algorithm_name(name: str) -> str:
    resolved = ALIASES.get(name, name)
    if resolved not in ALGORITHMS:
        known = ", ".join([*ALIASES, *ALGORITHMS])
        raise InputError("algorithm", f"unknown algorithm {name!r}; expected one of: {known}")
    return resolved


def parse_since(value: str | None) -> dt.date | None:
    """yente's `changed_since`: YYYY-MM-DD optionally followed by a time."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise InputError(
            "changed_since", f"{value!r} is not a date; expected YYYY-MM-DD[THH[:MM[:SS]]]"
        ) from None


def schema_filter(excluded: list[str]) -> frozenset[str] | None:
    for name in excluded:
        if name not in SCHEMAS:
            raise InputError("exclude_schema", f"unknown schema {name!r}")
    return frozenset(SCHEMAS) - frozenset(excluded) if excluded else None


@router.post(
    "/match/{dataset}",
    response_model=EntityMatchResponse,
    responses=ERRORS,
    summary="Screen entities by example (yente-compatible)",
)
async def match(
    request: Request,
    response: Response,
    dataset: DatasetPath,
    body: EntityMatchQuery,
    _key: ScreenKey,
    limit: Annotated[int, Query(ge=1, le=MAX_MATCHES)] = MATCH_PAGE,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0, deprecated=True)] = SCORE_CUTOFF,
    algorithm: Annotated[
        str, Query(max_length=50, json_schema_extra={"enum": [*ALIASES, *ALGORITHMS]})
    ] = "best",
    include_dataset: Names = [],  # noqa: B006 (FastAPI copies defaults)
    exclude_dataset: Names = [],  # noqa: B006
    exclude_schema: Names = [],  # noqa: B006
    topics: Names = [],  # noqa: B006
    changed_since: Annotated[str | None, Query(max_length=40)] = None,
    exclude_entity_ids: Annotated[list[str], Query(max_length=MAX_EXCLUDED_IDS)] = [],  # noqa: B006
    as_of: Annotated[
        dt.date | None, Query(description="Screen against the lists in force on this date.")
    ] = None,
) -> dict[str, Any]:
    """Score each query against the lists in force (or as of a date) and explain each score."""
    state = api_state(request)
    datasets.check_name(dataset)
    name = algorithm_name(algorithm)
    if body.weights or body.config:
        field = "weights" if body.weights else "config"
        raise InputError(field, f"{name} takes no per-request {field}; expected {{}}")
    if not body.queries:
        raise InputError("queries", "no queries; expected at least one")
    if len(body.queries) > state.config.max_batch:
        raise ApiError(
            400,
            "invalid_input",
            f"{len(body.queries)} queries; at most {state.config.max_batch} per request",
            "queries",
        )
    since = parse_since(changed_since)
    schemas = schema_filter(exclude_schema)
    parsed: dict[str, tuple[ScreenQuery, dict[str, Any]]] = {}
    for key, example in body.queries.items():
        try:
            parsed[key] = to_query(example)
        except InputError as exc:
            raise InputError(f"queries.{key}.{exc.field}", exc.message) from None
    historic = as_of is not None and as_of != dt.date.today()
    work = partial(
        screen_all,
        state,
        parsed,
        dataset,
        as_of if historic else None,
        include_dataset,
        exclude_dataset,
        limit,
        threshold,
        cutoff,
        name,
        frozenset(exclude_entity_ids),
        frozenset(topics),
        since,
        schemas,
    )
    # One or two queries on the built index: cheaper inline than a thread hop. Batches and
    # historic snapshots (which may need a build) go to the threadpool so the loop stays free.
    if historic or len(parsed) > INLINE_QUERIES:
        responses, snapshot = await run_in_threadpool(work)
    else:
        responses, snapshot = work()
    response.headers["x-batch-size"] = str(len(parsed))
    return {
        "responses": responses,
        "limit": limit,
        "algorithm": name,
        "versions": snapshot.describe(),
    }


def screen_all(
    state: ApiState,
    parsed: dict[str, tuple[ScreenQuery, dict[str, Any]]],
    dataset: str,
    as_of: dt.date | None,
    include_dataset: list[str],
    exclude_dataset: list[str],
    limit: int,
    threshold: float | None,
    cutoff: float,
    name: str,
    excluded: frozenset[str],
    wanted_topics: frozenset[str],
    since: dt.date | None,
    schemas: frozenset[str] | None,
) -> tuple[dict[str, Any], Snapshot]:
    """Screen every query on one snapshot and render yente's per-query responses."""
    # Today's date goes through the fail-closed checks like no date at all.
    snapshot = state.service.as_of(as_of) if as_of is not None else state.snapshot()
    sources = datasets.scope(dataset, snapshot.versions, include_dataset, exclude_dataset)
    seen = state.provenance.get(snapshot)
    threshold = ALGORITHMS[name].threshold if threshold is None else threshold
    post_filter = bool(since or wanted_topics)
    want = MAX_MATCHES if post_filter else min(MAX_MATCHES, limit + len(excluded))
    responses: dict[str, Any] = {}
    for key, (query, echo) in parsed.items():
        result = snapshot.screener.screen(
            query,
            threshold=threshold,
            limit=want,
            schemas=schemas,
            sources=sources,
            cutoff=min(cutoff, threshold),
        )
        hits = []
        for hit in result.results:
            if hit.score <= min(cutoff, threshold) or hit.entity_id in excluded:
                continue
            entity = snapshot.index.entity(hit.entity_id)
            if wanted_topics and not wanted_topics & set(entity.get("topics")):
                continue
            if since is not None:
                dates = seen.get(hit.entity_id)
                if dates is not None and dates.last_change <= since:
                    continue
            hits.append((hit, entity))
        responses[key] = {
            "status": 200,
            "results": [
                scored_dict(e, seen, snapshot.versions, h.score, h.match, h.features)
                for h, e in hits[:limit]
            ],
            "total": {"value": sum(1 for h, _ in hits if h.match), "relation": "eq"},
            "query": echo,
        }
    return responses, snapshot
