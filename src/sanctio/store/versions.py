"""Value types the store hands out: list versions and per-entity history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class StoredFile:
    """One file a version was read from, with its checksum."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Version:
    """One immutable imported version of one list."""

    id: int
    source: str
    format: str
    published: dt.date
    published_from: str
    fingerprint: str
    loaded_at: str
    entity_count: int
    problem_count: int
    schema_counts: dict[str, int] = field(default_factory=dict)
    files: tuple[StoredFile, ...] = ()

    @property
    def label(self) -> str:
        """`ofac-sdn@2022-02-26`: how users name a version."""
        return f"{self.source}@{self.published.isoformat()}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "published": self.published.isoformat(),
            "published_from": self.published_from,
            "fingerprint": self.fingerprint,
            "loaded_at": self.loaded_at,
            "entity_count": self.entity_count,
            "problem_count": self.problem_count,
            "schema_counts": self.schema_counts,
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files],
        }


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """What happened to one entity in one version: added, changed, unchanged or removed."""

    version: Version
    event: str


@dataclass(frozen=True, slots=True)
class EntityHistory:
    """An entity across the loaded versions of its list."""

    entity_id: str
    events: tuple[HistoryEvent, ...]

    @property
    def first_seen(self) -> Version | None:
        present = [e.version for e in self.events if e.event != "removed"]
        return present[0] if present else None

    @property
    def last_seen(self) -> Version | None:
        present = [e.version for e in self.events if e.event != "removed"]
        return present[-1] if present else None

    @property
    def changes(self) -> tuple[Version, ...]:
        return tuple(e.version for e in self.events if e.event == "changed")

    @property
    def removed(self) -> Version | None:
        """The first version no longer carrying the entity, if it is gone at the end."""
        if self.events and self.events[-1].event == "removed":
            return self.events[-1].version
        return None

    def to_dict(self) -> dict[str, Any]:
        first, last, removed = self.first_seen, self.last_seen, self.removed
        return {
            "entity_id": self.entity_id,
            "first_seen": first.label if first else None,
            "last_seen": last.label if last else None,
            "removed": removed.label if removed else None,
            "events": [
                {"version": e.version.label, "version_id": e.version.id, "event": e.event}
                for e in self.events
            ],
        }
