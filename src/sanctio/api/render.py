"""Entities and scored hits as yente renders them: FtM-shaped, with provenance dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sanctio.match import Feature
from sanctio.model import Entity
from sanctio.store.provenance import Seen
from sanctio.store.versions import Version


def stamp(day: dt.date | None) -> str | None:
    """yente renders dates of change as ISO datetimes."""
    return f"{day.isoformat()}T00:00:00" if day is not None else None


def entity_dict(
    entity: Entity, seen: Seen | None, version: Version | None = None
) -> dict[str, Any]:
    """FtM entity JSON plus yente's `datasets`, `referents`, `target` and seen dates."""
    first: dt.date | None
    last: dt.date | None
    change: dt.date | None
    if seen is None and version is not None:
        first = last = change = version.published
    elif seen is not None:
        first, last, change = seen.first_seen, seen.last_seen, seen.last_change
    else:
        first = last = change = None
    return {
        "id": entity.id,
        "caption": entity.caption,
        "schema": entity.schema,
        "properties": {k: list(v) for k, v in entity.properties.items()},
        "datasets": [entity.source],
        "referents": [],
        "target": True,
        "first_seen": stamp(first),
        "last_seen": stamp(last),
        "last_change": stamp(change),
    }


def explanations(features: tuple[Feature, ...]) -> dict[str, dict[str, Any]]:
    """yente's `explanations`: per feature its score, detail and the two values compared."""
    return {
        f.name: {
            "score": round(f.score, 4),
            "detail": f.detail or None,
            "query": f.query_value,
            "candidate": f.list_value,
            "weight": f.weight,
            "effect": round(f.effect, 4),
        }
        for f in features
    }


class Rendered:
    """What responses about one snapshot repeat: its `describe()` and its entities' JSON.

    Both depend only on the snapshot, which never changes, and its dates: a hit's entity
    is rendered once instead of on every request naming it (rendering was about a tenth
    of a one-query /match request). Holds at most `limit` entities; callers copy before
    adding to an entity's dict.
    """

    def __init__(
        self,
        seen: dict[str, Seen],
        versions: Mapping[str, Version],
        description: dict[str, object],
        limit: int = 20_000,
    ) -> None:
        self.seen = seen
        self.description = description  # Snapshot.describe() (shared: do not mutate)
        self._versions = versions
        self._limit = limit
        self._entities: dict[str, dict[str, Any]] = {}

    def entity(self, entity: Entity) -> dict[str, Any]:
        """`entity_dict` of a listed entity (shared: do not mutate)."""
        found = self._entities.get(entity.id)
        if found is None:
            if len(self._entities) >= self._limit:
                self._entities = {}
            seen = self.seen.get(entity.id)
            found = entity_dict(entity, seen, self._versions.get(entity.source))
            self._entities[entity.id] = found
        return found


def scored_dict(
    entity: Entity,
    rendered: Rendered,
    score: float,
    match: bool,
    features: tuple[Feature, ...],
) -> dict[str, Any]:
    """A hit: its entity as `rendered` has it, with yente's score fields."""
    data = dict(rendered.entity(entity))
    data["score"] = round(score, 4)
    data["match"] = match
    data["features"] = {f.name: round(f.score, 4) for f in features}
    data["explanations"] = explanations(features)
    return data
