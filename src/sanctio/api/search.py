"""`GET /search/{dataset}`: yente's text search with facets, over the lists in force."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from sanctio.api import datasets
from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.config import MAX_MATCHES, MAX_OFFSET, SEARCH_PAGE
from sanctio.api.schemas import ERRORS, SearchResponse
from sanctio.exceptions import InputError
from sanctio.model import Entity
from sanctio.screening.query import Query as ScreenQuery

router = APIRouter(tags=["Search"])

COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction")
#: Text search lists loose resemblances too (a lower floor than /match's cutoff).
SEARCH_CUTOFF = 0.3
FACETS: dict[str, str] = {
    "countries": "Countries",
    "topics": "Topics",
    "datasets": "Data sources",
    "schema": "Entity types",
}
Names = Annotated[list[str], Query(max_length=50)]


def facet_values(entity: Entity, facet: str) -> Iterable[str]:
    if facet == "countries":
        return {c.lower() for p in COUNTRY_PROPS for c in entity.get(p)}
    if facet == "topics":
        return set(entity.get("topics"))
    if facet == "datasets":
        return (entity.source,)
    return (entity.schema,)


def facet_counts(entities: list[Entity], names: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        counts: Counter[str] = Counter()
        for entity in entities:
            counts.update(facet_values(entity, name))
        out[name] = {
            "label": FACETS[name],
            "values": [{"name": k, "label": k, "count": n} for k, n in counts.most_common(50)],
        }
    return out


@router.get(
    "/search/{dataset}",
    response_model=SearchResponse,
    responses=ERRORS,
    summary="Text search over the lists in force (yente-compatible)",
)
def search(
    request: Request,
    dataset: Annotated[str, Path(max_length=100)],
    _key: ScreenKey,
    q: Annotated[str, Query(max_length=1000)] = "",
    schema: Annotated[str, Query(max_length=40)] = "Thing",
    countries: Names = [],  # noqa: B006 (FastAPI copies defaults)
    topics: Names = [],  # noqa: B006
    include_dataset: Names = [],  # noqa: B006
    exclude_dataset: Names = [],  # noqa: B006
    limit: Annotated[int, Query(ge=0, le=MAX_MATCHES)] = SEARCH_PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    facets: Names = ["countries", "topics", "datasets"],  # noqa: B006
) -> dict[str, Any]:
    """Entities whose names resemble `q` (all entities when `q` is empty), with facet counts."""
    state = api_state(request)
    datasets.check_name(dataset)
    for name in facets:
        if name not in FACETS:
            known = ", ".join(FACETS)
            raise InputError("facets", f"unknown facet {name!r}; expected one of: {known}")
    text = q.strip()
    query = ScreenQuery.create(text or "x", schema=schema)  # validates q and schema
    snapshot = state.snapshot()
    sources = datasets.scope(dataset, snapshot.versions, include_dataset, exclude_dataset)
    wanted_countries = {c.lower() for c in countries if c}
    wanted_topics = set(topics)
    entities: list[Entity]
    if text:
        found = snapshot.screener.screen(
            query,
            threshold=1.0,
            limit=min(MAX_MATCHES, offset + max(limit, 1)),
            sources=sources,
            cutoff=SEARCH_CUTOFF,
        )
        entities = [snapshot.index.entity(h.entity_id) for h in found.results]
    else:
        schemas = None if query.schema is None else {query.schema}
        entities = [
            e
            for e in snapshot.index
            if e.source in sources and (schemas is None or e.schema in schemas)
        ]
    if wanted_countries:
        entities = [e for e in entities if wanted_countries & set(facet_values(e, "countries"))]
    if wanted_topics:
        entities = [e for e in entities if wanted_topics & set(e.get("topics"))]
    rendered = state.provenance.rendered(snapshot)
    page = entities[offset : offset + limit]
    return {
        "limit": limit,
        "offset": offset,
        "total": {
            "value": len(entities),
            "relation": "gte" if text and len(entities) >= MAX_MATCHES else "eq",
        },
        "results": [rendered.entity(e) for e in page],
        "facets": facet_counts(entities, facets),
        "versions": rendered.description,
    }
