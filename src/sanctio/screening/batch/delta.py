"""Delta re-screening: screen a book only against list entities added or changed since a
baseline, and find the hits that disappeared (delisted or changed away).

The delta index holds just the added and changed entities, prepared with the token
weights of the full current index, so a hit scores exactly as it would in a full run;
old bodies of changed and removed entities are prepared with the same weights, so "was a
hit before, is not now" compares like with like.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.match import prepare_entity
from sanctio.model.customer import BatchRow
from sanctio.screening.batch.pool import ChunkResult
from sanctio.screening.batch.run import BatchOptions, parse_row
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener, ScreenHit
from sanctio.store.sqlite import Store
from sanctio.store.versions import Version

#: status of a delta record: a hit that appeared, one still there after its entity
#: changed, one whose entity changed so it no longer matches, one whose entity left the list.
STATUSES = ("new", "changed", "gone", "delisted")


@dataclass(frozen=True, slots=True)
class DeltaPlan:
    """Entity ids added, changed and removed from the baseline to the current versions."""

    baseline: Mapping[str, Version]
    current: Mapping[str, Version]
    added: frozenset[str]
    changed: frozenset[str]
    removed: frozenset[str]
    #: entity id -> content hash in the current version (for added and changed ones)
    hashes: Mapping[str, str]

    def describe(self) -> dict[str, Any]:
        return {
            "since": {s: v.label for s, v in sorted(self.baseline.items())},
            "current": {s: v.label for s, v in sorted(self.current.items())},
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }


def baseline_versions(store: Store, refs: Sequence[str]) -> dict[str, Version]:
    """`--since` values: version ids, SOURCE@DATE, or a bare date (every source in force then)."""
    import datetime as dt

    out: dict[str, Version] = {}
    for ref in refs:
        ref = ref.strip()
        try:
            day = dt.date.fromisoformat(ref)
        except ValueError:
            version = store.resolve(ref)
            out[version.source] = version
            continue
        found = store.in_force(day)
        if not found:
            raise InputError("since", f"no list version was published on or before {ref}")
        out.update(found)
    return out


def plan_delta(
    store: Store, baseline: Mapping[str, Version], current: Mapping[str, Version]
) -> DeltaPlan:
    """Compare content hashes per source; a source absent from the baseline is all new."""
    added: set[str] = set()
    changed: set[str] = set()
    removed: set[str] = set()
    hashes: dict[str, str] = {}
    for source, version in current.items():
        base = baseline.get(source)
        if base is not None and base.published > version.published:
            raise InputError(
                "since", f"{base.label} is newer than the version in force, {version.label}"
            )
        before = store.hashes(base.id) if base is not None else {}
        after = store.hashes(version.id)
        for eid, digest in after.items():
            old = before.get(eid)
            if old is None:
                added.add(eid)
            elif old != digest:
                changed.add(eid)
            else:
                continue
            hashes[eid] = digest
        removed.update(before.keys() - after.keys())
    return DeltaPlan(
        dict(baseline),
        dict(current),
        frozenset(added),
        frozenset(changed),
        frozenset(removed),
        hashes,
    )


def delta_index(full: NameIndex, ids: frozenset[str]) -> NameIndex:
    """A small index over `ids`, reusing the full index's prepared entities and weights."""
    prepared = [p for p in full.prepared if p.entity.id in ids]
    return NameIndex(prepared, full.weights, full.versions)


def old_index(store: Store, plan: DeltaPlan, full: NameIndex) -> NameIndex:
    """Baseline bodies of changed and removed entities, weighed like the current index."""
    prepared = []
    for eid in sorted(plan.changed | plan.removed):
        source = eid.split(":", 1)[0]
        version = plan.baseline[source]
        entity, _ = store.entity(eid, version.id)
        prepared.append(prepare_entity(entity, full.weights))
    return NameIndex(prepared, full.weights, {s: v.label for s, v in plan.baseline.items()})


@dataclass(frozen=True, slots=True)
class DeltaScreener:
    """Screens rows against the delta (new bodies) and the baseline (old bodies)."""

    plan: DeltaPlan
    new: Screener
    old: Screener

    @classmethod
    def build(cls, store: Store, plan: DeltaPlan, full: NameIndex) -> DeltaScreener:
        new = delta_index(full, plan.added | plan.changed)
        return cls(plan, Screener(new), Screener(old_index(store, plan, full)))


def _record(row: BatchRow, name: str, hit: ScreenHit, status: str) -> dict[str, Any]:
    return {
        "query_id": row.query_id,
        "line": row.line,
        "query_name": name,
        "entity_id": hit.entity_id,
        "entity_name": hit.caption,
        "entity_schema": hit.schema,
        "score": round(hit.score, 4),
        "match": hit.match,
        "status": status,
    }


def _matches(screener: Screener, query: Query, options: BatchOptions) -> dict[str, ScreenHit]:
    if not len(screener.index):
        return {}
    result = screener.screen(
        query,
        threshold=options.threshold,
        limit=options.limit,
        sources=options.sources,
        cutoff=options.threshold,  # matches only
    )
    return {h.entity_id: h for h in result.matches}


def screen_delta_rows(
    delta: DeltaScreener, rows: Sequence[BatchRow], *, options: BatchOptions
) -> ChunkResult:
    """New, changed, gone and delisted hits per row (matches only)."""
    records: list[dict[str, Any]] = []
    hits = errors = 0
    plan = delta.plan
    for row in rows:
        query = parse_row(row, records)
        if query is None:
            errors += 1
            continue
        now = _matches(delta.new, query, options)
        before = _matches(delta.old, query, options)
        found: list[dict[str, Any]] = []
        for eid, hit in now.items():
            was = before.get(eid)
            rec = _record(row, (query.names or query.wallets)[0], hit, "changed" if was else "new")
            if was is not None:
                rec["previous_score"] = round(was.score, 4)
            rec["entity_version"] = plan.current[eid.split(":", 1)[0]].label
            found.append(rec)
        for eid, hit in before.items():
            if eid in now:
                continue
            status = "delisted" if eid in plan.removed else "gone"
            rec = _record(row, (query.names or query.wallets)[0], hit, status)
            rec["previous_score"] = rec.pop("score")
            rec["match"] = False
            rec["entity_version"] = plan.baseline[eid.split(":", 1)[0]].label
            found.append(rec)
        found.sort(
            key=lambda r: (-(r.get("score") or r.get("previous_score") or 0.0), r["entity_id"])
        )
        for rank, rec in enumerate(found, start=1):
            rec["rank"] = rank
        records.extend(found)
        hits += bool(now)
    return ChunkResult(records, len(rows), hits, errors)
