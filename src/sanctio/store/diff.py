"""What changed between two versions of one list: added, removed, changed entities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanctio.exceptions import InputError
from sanctio.model import Entity, Relation
from sanctio.store.sqlite import Store
from sanctio.store.versions import Version


@dataclass(frozen=True, slots=True)
class PropertyChange:
    """Values of one property that left and arrived between two versions."""

    prop: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityChange:
    entity: Entity
    changes: tuple[PropertyChange, ...]


@dataclass(frozen=True, slots=True)
class VersionDiff:
    old: Version
    new: Version
    added: tuple[Entity, ...]
    removed: tuple[Entity, ...]
    changed: tuple[EntityChange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.label,
            "new": self.new.label,
            "added": [{"id": e.id, "caption": e.caption, "schema": e.schema} for e in self.added],
            "removed": [
                {"id": e.id, "caption": e.caption, "schema": e.schema} for e in self.removed
            ],
            "changed": [
                {
                    "id": c.entity.id,
                    "caption": c.entity.caption,
                    "changes": [
                        {"property": p.prop, "removed": list(p.removed), "added": list(p.added)}
                        for p in c.changes
                    ],
                }
                for c in self.changed
            ],
        }


def _relation_text(rel: Relation) -> str:
    target = f" [{rel.target_id}]" if rel.target_id else ""
    return f"{rel.kind}: {rel.target_name}{target}"


def compare_entities(old: Entity, new: Entity) -> tuple[PropertyChange, ...]:
    """Per-property value differences (schema changes show as property `schema`)."""
    out: list[PropertyChange] = []
    if old.schema != new.schema:
        out.append(PropertyChange("schema", (old.schema,), (new.schema,)))
    for prop in sorted(set(old.properties) | set(new.properties)):
        before, after = old.get(prop), new.get(prop)
        gone = tuple(v for v in before if v not in after)
        came = tuple(v for v in after if v not in before)
        if gone or came:
            out.append(PropertyChange(prop, gone, came))
    old_rel = {_relation_text(r) for r in old.relations}
    new_rel = {_relation_text(r) for r in new.relations}
    if old_rel != new_rel:
        out.append(
            PropertyChange(
                "relations", tuple(sorted(old_rel - new_rel)), tuple(sorted(new_rel - old_rel))
            )
        )
    return tuple(out)


def diff_versions(store: Store, old: Version, new: Version) -> VersionDiff:
    """Entities added, removed and changed from `old` to `new` (same source)."""
    if old.source != new.source:
        raise InputError(
            "version", f"cannot diff {old.label} against {new.label}: versions of different sources"
        )
    before, after = store.hashes(old.id), store.hashes(new.id)
    added = tuple(store.blob(after[i], i) for i in sorted(after.keys() - before.keys()))
    removed = tuple(store.blob(before[i], i) for i in sorted(before.keys() - after.keys()))
    changed: list[EntityChange] = []
    for eid in sorted(before.keys() & after.keys()):
        if before[eid] != after[eid]:
            new_entity = store.blob(after[eid], eid)
            changes = compare_entities(store.blob(before[eid], eid), new_entity)
            changed.append(EntityChange(new_entity, changes))
    return VersionDiff(old, new, added, removed, tuple(changed))


def default_pair(store: Store, source: str) -> tuple[Version, Version]:
    """The two latest versions of a source."""
    versions = store.versions(source)
    if len(versions) < 2:
        raise InputError(
            "source", f"{source} has {len(versions)} version(s) loaded; a diff needs two"
        )
    return versions[-2], versions[-1]
