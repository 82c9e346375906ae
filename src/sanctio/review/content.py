"""What a decision is about: the matching content of a listed entity and of a customer.

A false-positive decision holds while neither side's matching content changes. For the
entity that is its names, birth dates, nationalities, identifiers, listing status and
programmes (not remarks, addresses or dates of the file); for the customer, the fields it
was screened on. `changes` says, field by field, what differs since the decision.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from sanctio.model import Entity
from sanctio.model.entity import NAME_PROPS

#: Entity properties that make or break a match, or the listing it stands for.
MATCHING_PROPS: tuple[str, ...] = (
    *NAME_PROPS,
    "firstName",
    "middleName",
    "lastName",
    "fatherName",
    "birthDate",
    "deathDate",
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "incorporationDate",
    "program",
    "programId",
    "topics",
    "status",
)


def _is_identifier(prop: str) -> bool:
    return prop.endswith("Number") or prop in ("idNumber", "swiftBic", "leiCode", "innCode")


def matching_content(entity: Entity) -> dict[str, list[str]]:
    """The entity's matching properties (schema included), values sorted."""
    out: dict[str, list[str]] = {"schema": [entity.schema]}
    for prop, values in entity.properties.items():
        if values and (prop in MATCHING_PROPS or _is_identifier(prop)):
            out[prop] = sorted(values)
    return dict(sorted(out.items()))


def content_hash(content: Mapping[str, Any]) -> str:
    data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def match_hash(entity: Entity) -> str:
    """Hash of the matching content: equal while nothing that matters changed."""
    return content_hash(matching_content(entity))


def screened_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """The customer fields screening reads (internal markers dropped)."""
    return {k: v for k, v in sorted(fields.items()) if not k.startswith("_")}


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"before": ..., "after": ...}} for every field that differs."""
    out: dict[str, dict[str, Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            out[key] = {"before": old, "after": new}
    return out
