"""Which list schemas a query schema may match, and how each schema's names are read."""

from __future__ import annotations

from sanctio.model import SCHEMAS
from sanctio.normalize import Kind

_ORGS = frozenset({"Organization", "Company", "LegalEntity"})
#: FollowTheMoney semantics: LegalEntity is the parent of Person and Organization, so a
#: LegalEntity on either side meets both; vessels and aircraft meet only their own kind.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "Person": frozenset({"Person", "LegalEntity"}),
    "LegalEntity": frozenset({"Person"}) | _ORGS,
    "Organization": _ORGS,
    "Company": _ORGS,
    "Vessel": frozenset({"Vessel"}),
    "Airplane": frozenset({"Airplane"}),
    "CryptoWallet": frozenset({"CryptoWallet"}),
}
#: A query without a schema (or "Thing") meets every list entity.
ANY_SCHEMA = frozenset(SCHEMAS)

_KINDS: dict[str, Kind] = {
    "Person": "person",
    "Organization": "org",
    "Company": "org",
    "LegalEntity": "org",
    "Vessel": "object",
    "Airplane": "object",
    "CryptoWallet": "object",
}


#: What a listed LegalEntity is matched as when its names read as an organisation's.
ORGANISATION = "Organization"


def match_schema(schema: str, organisation_named: bool) -> str:
    """The schema a list entity is matched as: its own, except a `LegalEntity` whose
    names carry a legal form or a generic organisation word (`organisation_named`: ADAM
    TRADING AND INVESTMENT LLC, BELTRAN LEYVA ORGANIZATION), which is an organisation.
    The lists write every non-individual as a LegalEntity (they never say company or
    organisation), and FollowTheMoney lets a Person query meet a LegalEntity, so without
    this a customer called Adam would meet a trading company. A LegalEntity whose names
    could be a person's (AL KAWTHAR) still meets Person queries."""
    return ORGANISATION if schema == "LegalEntity" and organisation_named else schema


def compatible_schemas(schema: str | None) -> frozenset[str]:
    """List schemas a query of this schema may be compared with."""
    if schema is None or schema == "Thing":
        return ANY_SCHEMA
    return _COMPATIBLE.get(schema, ANY_SCHEMA)


def name_kind(schema: str | None) -> Kind:
    """How to analyse names of this schema (person prefixes, legal forms, vessel prefixes)."""
    if schema is None:
        return "any"
    return _KINDS.get(schema, "any")
