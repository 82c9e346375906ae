"""Derived designations for a snapshot: the ownership rules over the lists in force.

The service adds these entities to the index it builds, beside the listed ones: the lists
in force on the snapshot's day (today for the current one) and the ownership holdings in
force that day, from the latest ownership version (or the one named).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sanctio.model import Entity
from sanctio.model.ownership import OwnershipVersion
from sanctio.ownership.derive import PREFIX as DERIVED
from sanctio.ownership.derive import Derived, derive
from sanctio.ownership.entities import derived_entity
from sanctio.ownership.graph import HoldingTable
from sanctio.ownership.rules import rules
from sanctio.store.ownership import OwnershipStore, StoredParties
from sanctio.store.sqlite import Store
from sanctio.store.versions import Version

__all__ = ["DERIVED", "DerivedSet", "derived_on", "derived_set", "latest_ownership_id"]


@dataclass(frozen=True, slots=True)
class DerivedSet:
    """The derived entities of one snapshot and how they came about."""

    ownership: OwnershipVersion | None
    derived: Derived | None
    entities: tuple[Entity, ...] = field(default=())

    @property
    def label(self) -> str | None:
        return self.ownership.label if self.ownership else None

    def describe(self) -> dict[str, object]:
        if self.ownership is None or self.derived is None:
            return {"ownership": None}
        counts: dict[str, int] = {}
        for d in self.derived.derivations.values():
            counts[d.rule.name] = counts.get(d.rule.name, 0) + 1
        return {
            "ownership": self.ownership.label,
            "day": self.derived.day.isoformat(),
            "derived": counts,
            "rules_not_applied": dict(self.derived.skipped),
        }


def derived_set(
    store: Store,
    versions: Mapping[str, Version],
    listed: Iterable[Entity],
    day: dt.date,
    ownership_id: int | None = None,
) -> DerivedSet:
    """Derived entities on `day` from the given list versions and ownership version."""
    owned = OwnershipStore(store)
    version = owned.version(ownership_id) if ownership_id is not None else owned.latest()
    if version is None:
        return DerivedSet(None, None)
    table = HoldingTable.from_rows(
        owned.holding_rows(version.id),
        owned.listed_parties(version.id),
        StoredParties(owned, version.id),
    )
    entities = {e.id: e for e in listed}
    result = derive(table, day, rules(), entities, versions.keys())
    built = tuple(
        derived_entity(d, table.parties.get(d.key), entities, version.label)
        for _, d in sorted(result.derivations.items())
    )
    return DerivedSet(version, result, built)


def latest_ownership_id(store: Store) -> int | None:
    found = OwnershipStore(store).latest()
    return found.id if found else None


def derived_on(store: Store, day: dt.date, ownership_id: int | None = None) -> DerivedSet:
    """The derived designations on `day`: lists in force then, holdings in force then."""
    versions = store.in_force(day)
    listed = store.entities(v.id for v in versions.values())
    return derived_set(store, versions, listed, day, ownership_id)
