"""Entities as the store writes them: canonical JSON and an order-insensitive content hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import MutableMapping
from typing import NamedTuple

from sanctio.model import Entity

#: Encoders built once: `json.dumps` with options builds a new one per call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_RELATION = json.JSONEncoder(sort_keys=True)


def entity_hash(entity: Entity) -> str:
    """Content hash that ignores value order, so a reordered alias list is no change."""
    key = {
        "schema": entity.schema,
        "properties": {k: sorted(v) for k, v in entity.properties.items()},
        "relations": sorted([_RELATION.encode(r.to_dict()) for r in entity.relations]),
    }
    return hashlib.sha256(_CANONICAL.encode(key).encode("utf-8")).hexdigest()[:32]


class EncodedEntity(NamedTuple):
    """An entity as the store writes it; cheap to pass between processes (plain strings)."""

    id: str
    schema: str
    hash: str
    data: str


def encode(entity: Entity, known: MutableMapping[bytes, str] | None = None) -> EncodedEntity:
    """Id, schema, content hash and canonical JSON (exactly `Entity.to_json()`, faster).

    `known` maps a digest of JSON already seen to its content hash: equal JSON means
    equal content, so an entity repeated across list versions is hashed once.
    """
    body: dict[str, object] = {
        "id": entity.id,
        "schema": entity.schema,
        "properties": dict(entity.properties),
    }
    if entity.relations:
        body["relations"] = [r.to_dict() for r in entity.relations]
    data = _CANONICAL.encode(body)
    if known is None:
        return EncodedEntity(entity.id, entity.schema, entity_hash(entity), data)
    # A 16-byte key, not the JSON itself: the table stays small while results move on.
    seen = hashlib.blake2b(data.encode("utf-8"), digest_size=16).digest()
    digest = known.get(seen)
    if digest is None:
        digest = known[seen] = entity_hash(entity)
    return EncodedEntity(entity.id, entity.schema, digest, data)
