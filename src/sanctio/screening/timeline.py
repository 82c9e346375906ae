"""Entity timelines: when each publisher listed an entity and when it was delisted.

Two kinds of evidence, kept apart because they mean different things:
- the listing date the publisher states in its list (`createdAt`: UK "Date Designated",
  UN "LISTED_ON", OFAC enhanced XML publication dates, SEMA "DateOfListing");
- the versions loaded into the store: first seen, last seen, and the first version that
  no longer carries the entity (delisted between the last version that had it and that
  one: the store only knows the snapshots it was given).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sanctio.store.sqlite import Store
from sanctio.store.versions import EntityHistory, Version


@dataclass(frozen=True, slots=True)
class Period:
    """One stretch of versions carrying the entity; `until` is the first without it."""

    since: Version
    last: Version
    until: Version | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.label,
            "last_seen": self.last.label,
            "until": self.until.label if self.until else None,
        }


@dataclass(frozen=True, slots=True)
class ListingTimeline:
    """One entity on one publisher's list."""

    entity_id: str
    source: str
    publisher: str
    caption: str
    listed_on: tuple[str, ...]  # the publisher's own listing date(s), ISO
    periods: tuple[Period, ...]
    history: EntityHistory
    versions: tuple[Version, ...] = ()  # every loaded version of the source, oldest first

    @property
    def first_seen(self) -> Version | None:
        return self.periods[0].since if self.periods else None

    @property
    def last_seen(self) -> Version | None:
        return self.periods[-1].last if self.periods else None

    @property
    def delisted(self) -> Version | None:
        """The first loaded version without the entity, when it is gone at the end."""
        return self.periods[-1].until if self.periods else None

    def listed_at(self, day: dt.date) -> bool | None:
        """Was the entity on the version in force on `day`? None before any version."""
        in_force = [v for v in self.versions if v.published <= day]
        if not in_force:
            return None
        carried = {e.version.id for e in self.history.events if e.event != "removed"}
        return in_force[-1].id in carried

    def to_dict(self) -> dict[str, Any]:
        first, last, gone = self.first_seen, self.last_seen, self.delisted
        return {
            "entity_id": self.entity_id,
            "source": self.source,
            "publisher": self.publisher,
            "caption": self.caption,
            "listed_on": list(self.listed_on),
            "first_seen": first.label if first else None,
            "last_seen": last.label if last else None,
            "delisted_in": gone.label if gone else None,
            "delisted_between": (
                [last.published.isoformat(), gone.published.isoformat()]
                if gone is not None and last is not None
                else None
            ),
            "periods": [p.to_dict() for p in self.periods],
            "events": [
                {
                    "version": e.version.label,
                    "published": e.version.published.isoformat(),
                    "event": e.event,
                }
                for e in self.history.events
            ],
        }


def periods(history: EntityHistory) -> tuple[Period, ...]:
    """Stretches of presence: added/relisted ... removed."""
    out: list[Period] = []
    since: Version | None = None
    last: Version | None = None
    for event in history.events:
        if event.event == "removed":
            if since is not None and last is not None:
                out.append(Period(since, last, event.version))
            since = last = None
            continue
        if since is None:
            since = event.version
        last = event.version
    if since is not None and last is not None:
        out.append(Period(since, last, None))
    return tuple(out)


def listing_timeline(store: Store, entity_id: str) -> ListingTimeline:
    """The timeline of one entity id; NotFoundError when the store never had it."""
    history = store.history(entity_id)
    entity, _ = store.entity(entity_id)
    return ListingTimeline(
        entity_id,
        entity.source,
        entity.first("publisher") or entity.source,
        entity.caption,
        tuple(sorted(entity.get("createdAt"))),
        periods(history),
        history,
        tuple(store.versions(entity.source)),
    )


@dataclass(frozen=True, slots=True)
class Timeline:
    """An entity and the same party on other lists, one listing timeline per publisher."""

    listings: tuple[ListingTimeline, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"listings": [t.to_dict() for t in self.listings]}


def entity_timeline(store: Store, entity_id: str, related: Iterable[str] = ()) -> Timeline:
    """Timelines of `entity_id` and of the ids the caller knows to be the same party.

    sanctio does not link entries across publishers by itself; pass the other lists'
    ids (for instance from a screening of the entity's name) as `related`.
    """
    ids = list(dict.fromkeys([entity_id, *related]))
    listings = [listing_timeline(store, i) for i in ids]
    listings.sort(key=lambda t: (t.listed_on[:1] or ("9999",), t.source))
    return Timeline(tuple(listings))
