"""The one entity model every list maps to: FollowTheMoney schema and property names."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sanctio.model.dates import PartialDate

SCHEMAS: tuple[str, ...] = (
    "Person",
    "Organization",
    "Company",
    "LegalEntity",
    "Vessel",
    "Airplane",
    "CryptoWallet",
)

#: Name-bearing properties; `weakAlias` is matched only exactly (see match/).
NAME_PROPS: tuple[str, ...] = ("name", "alias", "previousName", "weakAlias")

#: Properties whose values are exact identifiers (documents, registers, codes).
IDENTIFIER_PROPS: tuple[str, ...] = (
    "passportNumber",
    "idNumber",
    "taxNumber",
    "registrationNumber",
    "imoNumber",
    "innCode",
    "ogrnCode",
    "leiCode",
    "swiftBic",
    "mmsi",
    "vatCode",
    "okpoCode",
)


def clean_text(value: object) -> str:
    """Collapse all whitespace (including NBSP, tabs, newlines) and strip."""
    if value is None:
        return ""
    # str.split() splits on every Unicode space (NBSP included) and is ~2x faster than re.
    return " ".join(str(value).split())


@dataclass(frozen=True, slots=True)
class Relation:
    """A link a list states to another party, by name and, where resolvable, by id."""

    kind: str
    target_name: str
    target_id: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "target_name": self.target_name, "target_id": self.target_id}


@dataclass(frozen=True, slots=True)
class Entity:
    """A listed party as one publisher's list describes it.

    `id` is `<source>:<native id>`; `properties` maps FollowTheMoney property names to
    their values in list order, without duplicates. Original values are kept; derived
    comparable forms live in the index, never here.
    """

    id: str
    schema: str
    properties: Mapping[str, tuple[str, ...]]
    relations: tuple[Relation, ...] = ()

    @property
    def source(self) -> str:
        return self.id.split(":", 1)[0]

    @property
    def native_id(self) -> str:
        return self.id.split(":", 1)[1]

    def get(self, prop: str) -> tuple[str, ...]:
        return self.properties.get(prop, ())

    def first(self, prop: str) -> str | None:
        values = self.properties.get(prop)
        return values[0] if values else None

    @property
    def caption(self) -> str:
        for prop in NAME_PROPS:
            value = self.first(prop)
            if value:
                return value
        # A CryptoWallet has no name: FollowTheMoney captions it by its address.
        return self.first("publicKey") or self.id

    def names(self, *, weak: bool = False) -> tuple[str, ...]:
        """All strong names (name, alias, previousName), plus weak aliases if asked."""
        props = NAME_PROPS if weak else NAME_PROPS[:3]
        out: list[str] = []
        for prop in props:
            out.extend(v for v in self.get(prop) if v not in out)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """Canonical JSON-ready form; stable key order so equal entities hash equally."""
        data: dict[str, Any] = {
            "id": self.id,
            "schema": self.schema,
            "properties": {k: list(v) for k, v in sorted(self.properties.items())},
        }
        if self.relations:
            data["relations"] = [r.to_dict() for r in self.relations]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        props = {str(k): tuple(str(x) for x in v) for k, v in data.get("properties", {}).items()}
        relations = tuple(
            Relation(str(r["kind"]), str(r["target_name"]), r.get("target_id"))
            for r in data.get("relations", ())
        )
        return cls(str(data["id"]), str(data["schema"]), props, relations)


@dataclass(slots=True)
class EntityBuilder:
    """Collects values for one entity while a mapper reads a record; `build()` freezes it."""

    source: str
    native_id: str
    schema: str
    _props: dict[str, list[str]] = field(default_factory=dict)
    _relations: list[Relation] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.native_id}"

    def add(self, prop: str, *values: object) -> None:
        """Add cleaned, non-empty values, keeping first-seen order and dropping repeats."""
        for value in values:
            text = value.iso() if isinstance(value, PartialDate) else clean_text(value)
            if not text:
                continue
            bucket = self._props.setdefault(prop, [])
            if text not in bucket:
                bucket.append(text)

    def add_all(self, prop: str, values: Iterable[object]) -> None:
        self.add(prop, *values)

    def has(self, prop: str, value: str | None = None) -> bool:
        bucket = self._props.get(prop, [])
        return bool(bucket) if value is None else value in bucket

    def get(self, prop: str) -> list[str]:
        return list(self._props.get(prop, []))

    def discard(self, prop: str, value: str) -> None:
        bucket = self._props.get(prop)
        if bucket and value in bucket:
            bucket.remove(value)

    def link(self, kind: str, target_name: str, target_id: str | None = None) -> None:
        rel = Relation(kind, clean_text(target_name), target_id)
        if rel.target_name and rel not in self._relations:
            self._relations.append(rel)

    def build(self) -> Entity:
        # A name that is also a strong alias is listed once, as the name.
        names = set(self._props.get("name", []))
        for prop in ("alias", "weakAlias"):
            if prop in self._props:
                self._props[prop] = [v for v in self._props[prop] if v not in names]
        props = {k: tuple(v) for k, v in self._props.items() if v}
        return Entity(self.id, self.schema, props, tuple(self._relations))
