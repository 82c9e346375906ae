"""sanctio entities -> FollowTheMoney entity dicts (JSON lines) that validate with followthemoney.

Each entity becomes `{"id", "schema", "properties"}`, followed by one `Sanction` entity
(`<id>-sanction`: program, programId, listingDate from `createdAt`, authority, publisher,
sourceUrl, entity) and one `UnknownLink` per relation whose target is known by id
(subject, object, role = the relation kind, description = the name the list gives).

FtM entity ids allow only `[0-9a-zA-Z.-]`, so `<source>:<native id>` is written as
`<source>-<native id>` (a digest replaces native ids with other characters); entities
read from FtM files (`ftm:<id>`) keep their original id, so a round trip is stable.
Values that are not valid for their FtM property type are dropped and reported.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sanctio.model import Entity, Problem

if TYPE_CHECKING:
    from followthemoney.schema import Schema

_FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")
_UNSAFE = re.compile(r"[^0-9a-zA-Z.\-]+")
_MAX_ID = 100  # FtM allows 200; leaves room for the `-sanction` / `-link-...` suffixes

#: Who imposes each official list's sanctions, and the country FtM files them under.
AUTHORITIES: Mapping[str, tuple[str, str | None]] = {
    "ofac-sdn": ("Office of Foreign Assets Control (OFAC)", "us"),
    "ofac-cons": ("Office of Foreign Assets Control (OFAC)", "us"),
    "un-sc": ("United Nations Security Council", None),
    "uk-ofsi": ("Office of Financial Sanctions Implementation (OFSI)", "gb"),
    "uk-fcdo": ("Foreign, Commonwealth & Development Office (FCDO)", "gb"),
    "eu-fsf": ("Council of the European Union", "eu"),
    "au-dfat": ("Department of Foreign Affairs and Trade (DFAT)", "au"),
    "ca-sema": ("Global Affairs Canada", "ca"),
}


def ftm_id(entity_id: str) -> str:
    """A valid, stable FtM id for a sanctio id (`ofac-sdn:36` -> `ofac-sdn-36`)."""
    source, _, native = entity_id.partition(":")
    if source == "ftm" and _FTM_ID.match(native) and len(native) <= _MAX_ID:
        return native
    candidate = f"{source}-{native}"
    if _FTM_ID.match(candidate) and len(candidate) <= _MAX_ID:
        return candidate
    digest = hashlib.sha1(native.encode("utf-8")).hexdigest()[:12]
    slug = _UNSAFE.sub("-", native).strip("-.")[:40].strip("-.")
    return f"{source}-{slug}-{digest}" if slug else f"{source}-{digest}"


def export_entities(
    entities: Iterable[Entity], *, dropped: list[Problem] | None = None
) -> Iterator[dict[str, Any]]:
    """FtM entity dicts for `entities`: each entity, its Sanction, its UnknownLinks.

    Values FtM would reject are left out and, when `dropped` is given, listed there.
    """
    from followthemoney import model

    sanction = _schema(model.get("Sanction"))
    link = _schema(model.get("UnknownLink"))
    for entity in entities:
        schema = _schema(model.get(entity.schema))
        own_id = ftm_id(entity.id)
        yield _entity(own_id, schema, entity.properties, entity.id, dropped)
        yield _entity(f"{own_id}-sanction", sanction, _sanction(entity, own_id), entity.id, dropped)
        for rel in entity.relations:
            if rel.target_id is None:
                continue
            target = ftm_id(rel.target_id)
            digest = hashlib.sha1(f"{rel.kind}\x00{target}".encode()).hexdigest()[:12]
            props = {
                "subject": (own_id,),
                "object": (target,),
                "role": (rel.kind,),
                "description": (rel.target_name,),
            }
            yield _entity(f"{own_id}-link-{digest}", link, props, entity.id, dropped)


def export_lines(entities: Iterable[Entity]) -> Iterator[str]:
    """FtM JSON lines (without the newline) for `entities`."""
    for data in export_entities(entities):
        yield json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _schema(schema: Schema | None) -> Schema:
    if schema is None:
        raise ValueError("schema unknown to followthemoney")
    return schema


def _sanction(entity: Entity, own_id: str) -> dict[str, tuple[str, ...]]:
    authority, country = AUTHORITIES.get(entity.source, ("", None))
    publishers = entity.get("publisher")
    props: dict[str, tuple[str, ...]] = {
        "entity": (own_id,),
        "authority": (authority,) if authority else publishers,
        "publisher": publishers,
        "country": (country,) if country else (),
        "program": entity.get("program"),
        "programId": entity.get("programId"),
        "listingDate": entity.get("createdAt"),
        "sourceUrl": entity.get("sourceUrl"),
    }
    return {k: v for k, v in props.items() if v}


def _entity(
    own_id: str,
    schema: Schema,
    properties: Mapping[str, tuple[str, ...]],
    origin: str,
    dropped: list[Problem] | None,
) -> dict[str, Any]:
    out: dict[str, list[str]] = {}
    for name, values in properties.items():
        prop = schema.get(name)
        for value in values:
            clean: str | None = None
            if prop is not None and not prop.stub:
                if prop.type.name == "entity" and ":" in value:  # a sanctio id (wallet holder)
                    value = ftm_id(value)
                clean = value if prop.type.validate(value) else prop.type.clean(value)
            if clean is None:
                if dropped is not None:
                    why = "not a property" if prop is None else f"not a valid {prop.type.name}"
                    dropped.append(
                        Problem(
                            "ftm-export",
                            origin,
                            name,
                            value,
                            f"{why} of FtM {schema.name}; left out",
                        )
                    )
                continue
            bucket = out.setdefault(name, [])
            if clean not in bucket:
                bucket.append(clean)
    return {"id": own_id, "schema": schema.name, "properties": out}
