"""Query parameters of `POST /match/{dataset}`: declared once (docs and validation), then read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sanctio.api.config import MATCH_PAGE, MAX_EXCLUDED_IDS, MAX_MATCHES
from sanctio.exceptions import InputError
from sanctio.match import ALGORITHMS, DEFAULT_ALGORITHM
from sanctio.model import SCHEMAS

#: yente's algorithm aliases; any other name must be a sanctio algorithm.
ALIASES = {"best": DEFAULT_ALGORITHM, "default": DEFAULT_ALGORITHM}
SCORE_CUTOFF = 0.50  # yente: results scoring at or below the cutoff are not returned
MAX_NAMES = 50


def names(most: int = MAX_NAMES) -> Any:
    """A repeatable parameter, empty by default."""
    # A factory, not `[]`: pydantic deep-copies a list default on every request. The
    # schema still documents `"default": []`.
    return Field(default_factory=list, max_length=most, json_schema_extra={"default": []})


class MatchParams(BaseModel):
    """yente's /match parameters, names, defaults and limits (a FastAPI query model)."""

    model_config = ConfigDict(frozen=True)

    limit: int = Field(MATCH_PAGE, ge=1, le=MAX_MATCHES)
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    cutoff: float = Field(SCORE_CUTOFF, ge=0.0, le=1.0, deprecated=True)
    algorithm: str = Field(
        "best", max_length=50, json_schema_extra={"enum": [*ALIASES, *ALGORITHMS]}
    )
    include_dataset: list[str] = names()
    exclude_dataset: list[str] = names()
    exclude_schema: list[str] = names()
    topics: list[str] = names()
    changed_since: str | None = Field(None, max_length=40)
    exclude_entity_ids: list[str] = names(MAX_EXCLUDED_IDS)
    as_of: dt.date | None = Field(
        None, description="Screen against the lists in force on this date."
    )
    alerts: str | None = Field(
        None,
        max_length=100,
        description="sanctio: open (or update) an alert for each match reported, each query's "
        "key being the customer id in this book; needs a `review` or `admin` key.",
    )

    @property
    def score_cutoff(self) -> float:
        # yente deprecated `cutoff` but still honours it: read past pydantic's warning.
        value: float = self.__dict__["cutoff"]
        return value


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
