"""`POST /match/{dataset}`: yente's query-by-example screening over the lists in force."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool

from sanctio.api import datasets
from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.config import MAX_MATCHES
from sanctio.api.errors import ApiError
from sanctio.api.examples import to_query
from sanctio.api.match_params import MatchParams, algorithm_name, parse_since, schema_filter
from sanctio.api.render import Rendered, scored_dict
from sanctio.api.schemas import ERRORS, EntityMatchQuery, EntityMatchResponse
from sanctio.api.state import ApiState
from sanctio.exceptions import InputError
from sanctio.match import ALGORITHMS
from sanctio.screening.budget import check_request, words
from sanctio.screening.query import Query as ScreenQuery

INLINE_QUERIES = 2
DATASET_MAX = 100
DatasetPath = Annotated[
    str, Path(max_length=DATASET_MAX, description="`default`, `sanctions` or a source")
]


router = APIRouter(tags=["Matching"])


@router.post(
    "/match/{dataset}",
    response_model=EntityMatchResponse,
    responses=ERRORS,
    summary="Screen entities by example (yente-compatible)",
)
async def match(
    request: Request,
    dataset: DatasetPath,
    body: EntityMatchQuery,
    params: Annotated[MatchParams, Query()],
    _key: ScreenKey,
) -> Response:
    """Score each query against the lists in force (or as of a date) and explain each score."""
    return await answer(api_state(request), dataset, body, params)


async def answer(
    state: ApiState, dataset: str, body: EntityMatchQuery, params: MatchParams
) -> Response:
    """Screen a validated request; the JSON is what `EntityMatchResponse` would render."""
    datasets.check_name(dataset)
    name = algorithm_name(params.algorithm)
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
    since = parse_since(params.changed_since)
    schemas = schema_filter(params.exclude_schema)
    parsed: dict[str, tuple[ScreenQuery, dict[str, Any]]] = {}
    for key, example in body.queries.items():
        try:
            parsed[key] = to_query(example)
        except InputError as exc:
            raise type(exc)(f"queries.{key}.{exc.field}", exc.message) from None
    check_request(sum(words(n) for query, _ in parsed.values() for n in query.names))
    as_of = params.as_of
    historic = as_of is not None and as_of != dt.date.today()
    work = partial(
        screen_all,
        state,
        parsed,
        dataset,
        as_of if historic else None,
        params,
        name,
        since,
        schemas,
    )
    # One or two queries on the built index: cheaper inline than a thread hop. Batches and
    # historic snapshots (which may need a build) go to the threadpool so the loop stays free.
    if historic or len(parsed) > INLINE_QUERIES:
        responses, rendered = await run_in_threadpool(work)
    else:
        responses, rendered = work()
    content = {
        "responses": responses,
        "limit": params.limit,
        "algorithm": name,
        "versions": rendered.description,
    }
    # Serialised once, in Rust: the route's response_model documents the shape, and tests
    # hold these bytes equal to what that model renders.
    return Response(
        to_json(content), media_type="application/json", headers={"x-batch-size": str(len(parsed))}
    )


def screen_all(
    state: ApiState,
    parsed: dict[str, tuple[ScreenQuery, dict[str, Any]]],
    dataset: str,
    as_of: dt.date | None,
    params: MatchParams,
    name: str,
    since: dt.date | None,
    schemas: frozenset[str] | None,
) -> tuple[dict[str, Any], Rendered]:
    """Screen every query on one snapshot and render yente's per-query responses (with
    the snapshot's `Rendered`, which describes it)."""
    # Today's date goes through the fail-closed checks like no date at all.
    snapshot = state.service.as_of(as_of) if as_of is not None else state.snapshot()
    sources = datasets.scope(
        dataset, snapshot.versions, params.include_dataset, params.exclude_dataset
    )
    rendered = state.provenance.rendered(snapshot)
    seen = rendered.seen
    limit, cutoff = params.limit, params.score_cutoff
    excluded, wanted_topics = frozenset(params.exclude_entity_ids), frozenset(params.topics)
    threshold = ALGORITHMS[name].threshold if params.threshold is None else params.threshold
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
                scored_dict(e, rendered, h.score, h.match, h.features) for h, e in hits[:limit]
            ],
            "total": {"value": sum(1 for h, _ in hits if h.match), "relation": "eq"},
            "query": echo,
        }
    return responses, rendered
