"""When each listed entity was first seen and last changed, for a set of versions in force.

One query per source (not one per entity) so an API can attach yente's `first_seen`,
`last_seen` and `last_change` to every result without touching the store per request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sanctio.store.connection import connect
from sanctio.store.versions import Version


@dataclass(frozen=True, slots=True)
class Seen:
    """An entity's dates within its source, up to the version in force."""

    first_seen: dt.date
    last_seen: dt.date
    last_change: dt.date


_SQL = (
    "SELECT ve.entity_id, ve.hash, v.published FROM version_entities ve "
    "JOIN versions v ON v.id = ve.version_id "
    "WHERE v.source = ? AND (v.published < ? OR (v.published = ? AND v.id <= ?)) "
    "ORDER BY v.published, v.id"
)


def seen_dates(target: Path | str, versions: Mapping[str, Version]) -> dict[str, Seen]:
    """entity id -> Seen, for every entity in the given versions (one per source).

    `target`: the store's SQLite path (opened read-only) or PostgreSQL URL."""
    db = connect(target, read_only=True)
    out: dict[str, Seen] = {}
    try:
        for source, version in versions.items():
            day = version.published.isoformat()
            first: dict[str, str] = {}
            change: dict[str, str] = {}
            last_hash: dict[str, str] = {}
            for entity_id, digest, published in db.rows(_SQL, (source, day, day, version.id)):
                first.setdefault(entity_id, published)
                if last_hash.get(entity_id) != digest:
                    change[entity_id] = published
                    last_hash[entity_id] = digest
            current = db.rows(
                "SELECT entity_id FROM version_entities WHERE version_id = ?", (version.id,)
            )
            for (entity_id,) in current:
                out[entity_id] = Seen(
                    dt.date.fromisoformat(first[entity_id]),
                    version.published,
                    dt.date.fromisoformat(change[entity_id]),
                )
    finally:
        db.close()
    return out
