"""Score sanctio entities with nomenklatura's algorithms (logic-v2, ofac) via FtM entities."""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version
from typing import Any

from followthemoney import ValueEntity, model
from nomenklatura.matching import ScoringConfig, get_algorithm

from quality.cases import Case
from sanctio.model import Entity

ALGORITHMS: tuple[str, ...] = ("logic-v2", "ofac")
_CONFIG = ScoringConfig.defaults()


def nomenklatura_version() -> str:
    return version("nomenklatura")


@cache
def _props(schema: str) -> frozenset[str]:
    found = model.get(schema)
    return frozenset(found.properties) if found is not None else frozenset()


def _clean(schema: str, properties: dict[str, Iterable[str]]) -> dict[str, list[str]]:
    """Only properties valid for the FtM schema, as lists."""
    valid = _props(schema)
    return {k: list(v) for k, v in properties.items() if k in valid and v}


def query_entity(case: Case) -> ValueEntity:
    """The query as an FtM entity (see `query_value`)."""
    return query_value(
        f"query-{case.id}", case.name, case.schema, case.birth_dates, case.nationalities
    )


def query_value(
    query_id: str,
    name: str,
    schema: str,
    birth_dates: Iterable[str] = (),
    nationalities: Iterable[str] = (),
) -> ValueEntity:
    """A query as an FtM entity: name, birth dates and nationality (country for firms).
    `query_id` must be unique per query: nomenklatura caches name analysis by entity id."""
    props: dict[str, Iterable[str]] = {"name": [name]}
    if schema == "Person":
        props["birthDate"] = birth_dates
        props["nationality"] = nationalities
    else:
        props["country"] = nationalities
    data: dict[str, Any] = {"id": query_id, "schema": schema, "properties": _clean(schema, props)}
    return ValueEntity.from_dict(data)


_ENTITIES: dict[str, ValueEntity] = {}


def list_entity(entity: Entity) -> ValueEntity:
    """A listed entity as an FtM entity, cached by id (list entities never change)."""
    found = _ENTITIES.get(entity.id)
    if found is None:
        data: dict[str, Any] = {
            "id": entity.id,
            "schema": entity.schema,
            "properties": _clean(entity.schema, dict(entity.properties)),
        }
        found = _ENTITIES[entity.id] = ValueEntity.from_dict(data)
    return found


def score_all(
    algorithm: str, query: ValueEntity, candidates: Iterable[Entity]
) -> tuple[dict[str, float], float]:
    """Entity id -> nomenklatura score for each candidate, and the seconds it took."""
    algo = get_algorithm(algorithm)
    if algo is None:
        raise ValueError(f"nomenklatura has no algorithm {algorithm!r}")
    start = time.perf_counter()
    out = {e.id: float(algo.compare(query, list_entity(e), _CONFIG).score) for e in candidates}
    return out, time.perf_counter() - start


def warm_up() -> float:
    """First logic-v2 call loads large name data (~40 s): do it once, before timing or forking."""
    start = time.perf_counter()
    q = ValueEntity.from_dict(
        {"id": "a", "schema": "Person", "properties": {"name": ["Ivan Petrov"]}}
    )
    r = ValueEntity.from_dict(
        {"id": "b", "schema": "Person", "properties": {"name": ["PETROV, Ivan"]}}
    )
    for name in ALGORITHMS:
        algo = get_algorithm(name)
        assert algo is not None
        algo.compare(q, r, _CONFIG)
    return time.perf_counter() - start
