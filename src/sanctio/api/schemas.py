"""Request and response models: yente 5.x shapes (field names, defaults) plus sanctio's extras."""

from __future__ import annotations

from typing import Any

from followthemoney import model
from pydantic import BaseModel, ConfigDict, Field

from sanctio.model import SCHEMAS
from sanctio.runtime import memo

PropertyValues = str | list[str]
QUERY_SCHEMAS: tuple[str, ...] = (*SCHEMAS, "Thing")


@memo(None)
def query_properties() -> list[str]:
    """Every FtM property of a screenable schema (each schema's own set is checked later)."""
    return sorted({p for s in QUERY_SCHEMAS for p in model.schemata[s].properties})


def _schema_enum(schema: dict[str, Any]) -> None:
    schema["enum"] = list(QUERY_SCHEMAS)


def _property_names(schema: dict[str, Any]) -> None:
    schema["propertyNames"] = {"enum": query_properties()}


class EntityExample(BaseModel):
    """One query-by-example entity, as yente takes it."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    id: str | None = Field(None, max_length=200, description="Optional; echoed back.")
    schema_: str = Field(
        ...,
        alias="schema",
        max_length=40,
        examples=["Person"],
        description="FtM schema name.",
        json_schema_extra=_schema_enum,
    )
    properties: dict[str, PropertyValues] = Field(
        default_factory=dict,
        json_schema_extra=_property_names,
        description="FtM property name -> a value or a list of values.",
        examples=[{"name": ["Arkadii Rotenberg"], "birthDate": ["1951"]}],
    )


class EntityMatchQuery(BaseModel):
    """Body of `POST /match/{dataset}`: queries keyed by client-chosen ids."""

    model_config = ConfigDict(extra="forbid")

    queries: dict[str, EntityExample] = Field(
        ...,
        examples=[
            {
                "q1": {
                    "schema": "Person",
                    "properties": {"name": ["Arkadii Rotenberg"], "birthDate": ["1951"]},
                }
            }
        ],
    )
    weights: dict[str, float] = Field(
        default_factory=dict,
        description="Feature weights; sanctio-v1 takes none (must be {}).",
        json_schema_extra={"maxProperties": 0},
    )
    config: dict[str, Any] = Field(
        default_factory=dict,
        description="Algorithm options; sanctio-v1 takes none (must be {}).",
        json_schema_extra={"maxProperties": 0},
    )


class Total(BaseModel):
    value: int
    relation: str = "eq"


class Explanation(BaseModel):
    """Why a feature scored: yente's explanation plus the values compared and the effect."""

    score: float
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None
    weight: float | None = None
    effect: float | None = None


class EntityResponse(BaseModel):
    """A FollowTheMoney-shaped list entity with provenance."""

    id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str] = Field(default_factory=list)
    target: bool = True
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None


class ScoredEntityResponse(EntityResponse):
    score: float
    match: bool
    features: dict[str, float]
    explanations: dict[str, Explanation]


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: Total
    query: dict[str, Any]


class IndexVersions(BaseModel):
    """The list versions (and index) that produced a response; sanctio's addition."""

    as_of: str | None
    versions: dict[str, str]
    version_ids: list[int]
    missing_sources: list[str]
    index: str
    #: The ownership version whose derived designations (ownership rules) are screened too.
    ownership: str | None = None
    derived: dict[str, int] | None = None


class MatchAlerts(BaseModel):
    """sanctio: the alerts a request with `alerts=BOOK` opened, updated and suppressed."""

    run_id: int
    book: str
    opened: int
    updated: int
    reopened: int
    suppressed: int
    seen: int
    customers: int
    errors: int


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    limit: int
    algorithm: str
    versions: IndexVersions
    alerts: MatchAlerts | None = Field(
        None, description="sanctio: present when the request asked for alerts (alerts=BOOK)."
    )


class SearchFacetItem(BaseModel):
    name: str
    label: str
    count: int


class SearchFacet(BaseModel):
    label: str
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    limit: int
    offset: int
    total: Total
    results: list[EntityResponse]
    facets: dict[str, SearchFacet]
    versions: IndexVersions


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None


class ErrorResponse(BaseModel):
    """The one envelope every 4xx and 5xx uses."""

    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (400, "Invalid input (names the field)"),
        (401, "Missing or invalid API key"),
        (403, "Key lacks the scope"),
        (404, "Unknown dataset, entity or version"),
        (413, "Body too large, or more matching work than one request may ask (over_budget)"),
        (422, "Request does not match the schema, or a list file was refused"),
        (503, "Not ready (no list, first index build, a missing or stale list) or store failure"),
    )
}

#: An upload may also be in no format sanctio reads.
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    415: {"model": ErrorResponse, "description": "The file is in no list format sanctio reads"},
}
