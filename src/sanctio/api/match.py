"""`POST /match/{dataset}`: yente's query-by-example screening over the lists in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool

from sanctio.api import datasets
from sanctio.api.alerts import actor_of
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
from sanctio.review.subjects import SubjectsOutcome, check_book, review_subjects
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.budget import check_request, words
from sanctio.screening.query import Query as ScreenQuery
from sanctio.screening.screen import ScreenHit
from sanctio.screening.service import Snapshot
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

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
    key: ScreenKey,
) -> Response:
    """Score each query against the lists in force (or as of a date) and explain each score;
    with `alerts=BOOK` (a `review` or `admin` key), open an alert for each match reported."""
    if params.alerts is not None and key is not None and not key.allows("review"):
        raise ApiError(403, "forbidden", "alerts=BOOK needs a review or admin API key", "alerts")
    return await answer(api_state(request), dataset, body, params, actor_of(key, None))


async def answer(
    state: ApiState,
    dataset: str,
    body: EntityMatchQuery,
    params: MatchParams,
    actor: str = "anonymous",
) -> Response:
    """Screen a validated request; the JSON is what `EntityMatchResponse` would render."""
    datasets.check_name(dataset)
    collect = AlertHits() if params.alerts is not None else None
    if params.alerts is not None:
        check_book(params.alerts)
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
    if collect is not None and historic:
        raise InputError("alerts", "alerts are opened against the lists in force; drop as_of")
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
        collect,
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
    if collect is not None and params.alerts is not None:
        opened = await run_in_threadpool(open_alerts, state, params.alerts, collect, actor)
        content["alerts"] = opened.to_dict()
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
    collect: AlertHits | None = None,
) -> tuple[dict[str, Any], Rendered]:
    """Screen every query on one snapshot and render yente's per-query responses (with
    the snapshot's `Rendered`, which describes it); `collect` gathers the matches
    reported, for alerts."""
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
        if collect is not None:
            collect.add(key, echo, [h for h, _ in hits[:limit]])
        responses[key] = {
            "status": 200,
            "results": [
                scored_dict(e, rendered, h.score, h.match, h.features) for h, e in hits[:limit]
            ],
            "total": {"value": sum(1 for h, _ in hits if h.match), "relation": "eq"},
            "query": echo,
        }
    if collect is not None:
        collect.snapshot = snapshot
        collect.options = BatchOptions(
            params.threshold, sources=tuple(sorted(sources)) if sources is not None else None
        )
    return responses, rendered


@dataclass(slots=True)
class AlertHits:
    """What a request with alerts=BOOK gathers while screening: each subject's fields
    (its query as echoed), the matches reported, the snapshot and settings used."""

    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    hits: list[dict[str, Any]] = field(default_factory=list)
    snapshot: Snapshot | None = None
    options: BatchOptions = field(default_factory=BatchOptions)

    def add(self, key: str, echo: dict[str, Any], reported: list[ScreenHit]) -> None:
        props: dict[str, list[str]] = echo["properties"]
        self.fields[key] = {
            "id": key,
            "schema": str(echo["schema"]),
            **{p: "; ".join(v) for p, v in sorted(props.items())},
        }
        for hit in reported:
            if hit.match:
                self.hits.append(
                    {
                        "query_id": key,
                        "entity_id": hit.entity_id,
                        "entity_name": hit.caption,
                        "score": round(hit.score, 4),
                        "match": True,
                        "features": [f.to_dict() for f in hit.features],
                    }
                )


def open_alerts(state: ApiState, book: str, collect: AlertHits, actor: str) -> SubjectsOutcome:
    """Alerts for the matches reported (the review's one path: rules, evidence, audit)."""
    assert collect.snapshot is not None
    path = state.settings.db
    with Store.open(path, create=False) as store, ReviewStore.open(path) as review:
        return review_subjects(
            store,
            review,
            collect.snapshot,
            collect.options,
            book=book,
            kind="match",
            hits=collect.hits,
            fields=collect.fields,
            screened=list(collect.fields),
            actor=actor,
        )
