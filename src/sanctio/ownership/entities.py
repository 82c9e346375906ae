"""Derived designations as `model.Entity`: screenable like a listed entity, marked as derived.

The id is `derived:<rule>:<party key>`; the names and identifiers are the party's (from the
ownership file, else from the list entry it is); the properties `rule`, `ownershipShare`,
`ownershipPath`, `explanation` and `ownershipVersion` say why it is blocked.
"""

from __future__ import annotations

from collections.abc import Mapping

from sanctio.model import IDENTIFIER_PROPS, NAME_PROPS, SCHEMAS, Entity
from sanctio.model.ownership import Party
from sanctio.ownership.derive import Derivation
from sanctio.ownership.explain import total

_COPY = frozenset(
    (*NAME_PROPS, *IDENTIFIER_PROPS, "country", "jurisdiction", "incorporationDate", "address")
)


def derived_entity(
    derivation: Derivation,
    party: Party | None,
    entities: Mapping[str, Entity],
    version_label: str,
) -> Entity:
    """The entity the index holds for one derivation."""
    props: dict[str, tuple[str, ...]] = {}
    schema = party.schema if party is not None else "LegalEntity"
    if party is not None:
        props.update({k: v for k, v in party.properties.items() if k in _COPY})
    if not props.get("name"):
        for ref in party.listed_ids if party is not None else (derivation.key,):
            listed = entities.get(ref)
            if listed is not None:
                props.update({k: v for k, v in listed.properties.items() if k in _COPY})
                schema = listed.schema
                break
    if not props.get("name"):
        props["name"] = (derivation.key,)
    if schema not in SCHEMAS or schema == "Person":
        schema = "LegalEntity"
    rule = derivation.rule
    props["topics"] = ("sanction.linked",)
    props["rule"] = (rule.name,)
    props["ruleVersion"] = (rule.label,)
    props["ownershipShare"] = (total(derivation.share),)
    props["ownershipPath"] = derivation.paths
    props["explanation"] = (derivation.explanation,)
    props["ownershipVersion"] = (version_label,)
    props["notes"] = (f"Not on a list: {rule.summary} ({rule.authority}, {rule.label}).",)
    return Entity(derivation.id, schema, props)
