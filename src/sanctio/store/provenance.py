"""When each listed entity was first seen and last changed, for a set of versions in force.

One query per source (not one per entity) so an API can attach yente's `first_seen`,
`last_seen` and `last_change` to every result without touching the store per request.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sanctio.exceptions import StoreError
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


def seen_dates(db_path: Path | str, versions: Mapping[str, Version]) -> dict[str, Seen]:
    """entity id -> Seen, for every entity in the given versions (one per source)."""
    uri = f"file:{Path(db_path).resolve()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=30.0)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db_path}: cannot read the store: {exc}") from exc
    out: dict[str, Seen] = {}
    try:
        for source, version in versions.items():
            day = version.published.isoformat()
            first: dict[str, str] = {}
            change: dict[str, str] = {}
            last_hash: dict[str, str] = {}
            current: set[str] = set()
            rows = conn.execute(_SQL, (source, day, day, version.id))
            for entity_id, digest, published in rows:
                first.setdefault(entity_id, published)
                if last_hash.get(entity_id) != digest:
                    change[entity_id] = published
                    last_hash[entity_id] = digest
            current = {
                r[0]
                for r in conn.execute(
                    "SELECT entity_id FROM version_entities WHERE version_id = ?", (version.id,)
                )
            }
            for entity_id in current:
                out[entity_id] = Seen(
                    dt.date.fromisoformat(first[entity_id]),
                    version.published,
                    dt.date.fromisoformat(change[entity_id]),
                )
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db_path}: cannot read the store: {exc}") from exc
    finally:
        conn.close()
    return out
