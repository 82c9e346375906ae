"""Hand-built ownership graphs for the rule tests: parties named by key, listed ids as keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from sanctio.model import Entity
from sanctio.model.ownership import Holding, OwnershipData, Party
from sanctio.ownership.derive import Derived, derive
from sanctio.ownership.graph import HoldingTable
from sanctio.ownership.refs import is_listed_id
from sanctio.ownership.rules import rules

DAY = dt.date(2022, 3, 1)


def holding(
    owner: str,
    asset: str,
    pct: str | None,
    start: str = "",
    end: str = "",
    control: bool = False,
) -> Holding:
    return Holding(owner, asset, None if pct is None else Decimal(pct), start, end, control)


def graph(*holdings: Holding) -> OwnershipData:
    parties: dict[str, Party] = {}
    for h in holdings:
        for key in (h.owner, h.asset):
            listed = (key,) if is_listed_id(key) else ()
            parties[key] = Party(key, "Company", {"name": (key.upper(),)}, listed)
    return OwnershipData(parties, tuple(holdings))


def listed(*ids: str) -> dict[str, Entity]:
    return {i: Entity(i, "Person", {"name": (f"NAME {i.split(':')[1]}",)}) for i in ids}


def run(
    data: OwnershipData,
    entities: dict[str, Entity],
    day: dt.date = DAY,
    names: str | None = None,
    sources: Iterable[str] = ("ofac-sdn", "eu-fsf", "uk-ofsi"),
) -> Derived:
    return derive(HoldingTable.build(data), day, rules(names), entities, sources)


def blocked(result: Derived, rule: str = "ofac-50") -> dict[str, float]:
    """party key -> share in percent, for one rule."""
    return {
        d.key: round(d.share * 100, 6) for d in result.derivations.values() if d.rule.name == rule
    }
