"""Derived designations: the entities a rule blocks on a day without any list naming them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from sanctio.model import Entity
from sanctio.ownership.aggregate import OwnershipCycleError, aggregate
from sanctio.ownership.explain import PATH_LIMIT, aggregate_paths, majority_paths, total
from sanctio.ownership.graph import BoolArray, Graph, HoldingTable
from sanctio.ownership.majority import owned_by_each
from sanctio.ownership.rules import Rule

PREFIX = "derived"


def derived_id(rule: str, key: str) -> str:
    return f"{PREFIX}:{rule}:{key}"


@dataclass(frozen=True, slots=True)
class Derivation:
    """One entity blocked by one rule: its share, and every path as the explanation."""

    rule: Rule
    key: str
    share: float  # aggregate (OFAC) or the largest single person's (EU, UK), 0-1
    control: bool
    paths: tuple[str, ...]
    path_count: int
    complete: bool = True  # every path was found (the listing search has a step bound)

    @property
    def id(self) -> str:
        return derived_id(self.rule.name, self.key)

    @property
    def explanation(self) -> str:
        more = self.path_count - len(self.paths)
        tail = f" + {more} more path(s)" if more > 0 else ""
        if not self.complete:
            tail += " + further paths not listed"
        joiner = " + " if self.rule.aggregate else "; "
        head = f"{total(self.share)}% = " if self.rule.reached(self.share) else ""
        return head + joiner.join(self.paths) + tail

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "rule": self.rule.name,
            "rule_version": self.rule.version,
            "authority": self.rule.authority,
            "party": self.key,
            "share": round(self.share * 100, 4),
            "control": self.control,
            "explanation": self.explanation,
            "paths": list(self.paths),
            "path_count": self.path_count,
            "paths_complete": self.complete,
        }


@dataclass(slots=True)
class Derived:
    """Every derived designation on one day, and the rules that could not be applied."""

    day: dt.date
    derivations: dict[str, Derivation] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # rule -> why


def listed_mask(table: HoldingTable, rule: Rule, in_force: Callable[[str], bool]) -> BoolArray:
    """Nodes that are entries of the rule's lists in force."""
    mask = np.zeros(table.size, dtype=np.bool_)
    nodes = {key: node for node, key in enumerate(table.keys) if key in table.listed}
    for key, ids in table.listed.items():
        if key in nodes:
            mask[nodes[key]] = any(i.split(":", 1)[0] in rule.sources and in_force(i) for i in ids)
    return mask


def derive_rule(
    graph: Graph,
    rule: Rule,
    listed: BoolArray,
    keys: Callable[[int], str],
    name: Callable[[int, bool], str],
) -> list[Derivation]:
    """Derivations of one rule; `name(node, derived)` renders a party for the paths."""
    out: list[Derivation] = []
    if rule.aggregate:
        blocked, agg = aggregate(graph, listed, rule.reached)
        incoming = graph.incoming()

        def namer(v: int) -> str:
            return name(v, bool(blocked[v] and not listed[v]))

        for node in np.flatnonzero(blocked & ~listed).tolist():
            paths, count, complete = aggregate_paths(graph, incoming, node, blocked, agg, namer)
            out.append(
                Derivation(rule, keys(node), float(agg[node]), False, tuple(paths), count, complete)
            )
        return out
    return _majority(graph, rule, listed, keys, name)


def _majority(
    graph: Graph,
    rule: Rule,
    listed: BoolArray,
    keys: Callable[[int], str],
    name: Callable[[int, bool], str],
) -> list[Derivation]:
    out: list[Derivation] = []

    def namer(v: int) -> str:
        return name(v, False)

    persons = np.flatnonzero(listed).tolist()
    for node, owners in sorted(owned_by_each(graph, persons, rule.reached).items()):
        if listed[node]:
            continue
        paths: list[str] = []
        for owned in owners:
            paths.extend(majority_paths(graph, owned, namer))
        best = max(owners, key=lambda o: o.share)
        out.append(
            Derivation(
                rule,
                keys(node),
                best.share,
                any(o.control for o in owners),
                tuple(paths[:PATH_LIMIT]),
                len(paths),
            )
        )
    return out


def derive(
    table: HoldingTable,
    day: dt.date,
    rules: Iterable[Rule],
    entities: Mapping[str, Entity],
    loaded_sources: Iterable[str],
) -> Derived:
    """Every rule's derivations on `day`, from the list entities in force then."""
    graph = table.on(day)
    loaded = set(loaded_sources)
    result = Derived(day)
    for rule in rules:
        if not loaded & set(rule.sources):
            result.skipped[rule.name] = (
                f"no list of {rule.authority} ({', '.join(rule.sources)}) is in force on "
                f"{day.isoformat()}"
            )
            continue
        listed = listed_mask(table, rule, entities.__contains__)

        def name(node: int, derived: bool, rule: Rule = rule, listed: BoolArray = listed) -> str:
            key = table.keys[node]
            party = table.parties.get(key)
            ref = key
            caption = party.caption if party is not None else key
            if caption == key and key in entities:
                caption = entities[key].caption
            if listed[node]:
                ref = next(
                    i
                    for i in table.listed.get(key, ())
                    if i.split(":", 1)[0] in rule.sources and i in entities
                )
                caption = entities[ref].caption
            elif derived:
                ref = derived_id(rule.name, key)
            return f"{caption} ({ref})"

        try:
            found = derive_rule(graph, rule, listed, table.keys.__getitem__, name)
        except OwnershipCycleError as exc:
            # Said in the snapshot's description (rules_not_applied), not guessed at.
            result.skipped[rule.name] = str(exc)
            continue
        for d in found:
            result.derivations[d.id] = d
    return result
