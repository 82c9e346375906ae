"""The one fail-closed check: may screening answer from these list versions on this day?

Every surface (CLI `screen`, `batch`, `text`, book re-screening, the monitor, Spark and the
API) asks this one question through `ScreeningService`, so "ready" has one meaning:

- every required source (`SANCTIO_REQUIRED_SOURCES`) has a version in force;
- no source is older than its maximum age (`SANCTIO_MAX_AGE_DAYS`), counted from the day
  screened (today, or the `as_of` date of a past screening);
- the index is complete: it holds every entity of the versions it names.

`refusal()` returns the reason screening is refused (None when ready); `check_ready()`
raises `NotReadyError` with it. Both are pure: callers pass the versions and the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sanctio.exceptions import NotReadyError
from sanctio.store.versions import Version

if TYPE_CHECKING:
    from sanctio.settings import Settings


@dataclass(frozen=True, slots=True)
class ReadinessPolicy:
    """What screening requires of the lists it answers from."""

    required_sources: tuple[str, ...] = ()
    max_age_days: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadinessPolicy:
        return cls(tuple(settings.required_sources), dict(settings.max_age_days))


def refusal(
    versions: Mapping[str, Version],
    policy: ReadinessPolicy,
    day: dt.date,
    *,
    indexed: int | None = None,
) -> str | None:
    """Why screening on `day` from `versions` must be refused, or None when it may answer.

    `indexed` is the number of entities the index holds, when there is one: an index
    holding fewer than its versions' entities is incomplete.
    """
    if not versions:
        return "no sanctions list is loaded"
    missing = [s for s in policy.required_sources if s not in versions]
    if missing:
        return f"required list(s) not loaded: {', '.join(missing)}"
    for source, days in sorted(policy.max_age_days.items()):
        version = versions.get(source)
        if version is None:
            continue
        if days < 1:
            return f"{source}: maximum age {days} is not a whole number of days >= 1"
        age = (day - version.published).days
        if age > days:
            return (
                f"{source} is stale: latest version {version.published.isoformat()} is "
                f"{age} days old on {day.isoformat()}, older than the configured maximum "
                f"age of {days} days"
            )
    if indexed is not None:
        expected = sum(v.entity_count for v in versions.values())
        if indexed < expected:
            return (
                f"the screening index is incomplete: it holds {indexed} of the "
                f"{expected} entities of {', '.join(v.label for v in versions.values())}"
            )
    return None


def check_ready(
    versions: Mapping[str, Version],
    policy: ReadinessPolicy,
    day: dt.date,
    *,
    indexed: int | None = None,
) -> None:
    """Raise NotReadyError naming why screening must be refused; return when ready."""
    reason = refusal(versions, policy, day, indexed=indexed)
    if reason is not None:
        raise NotReadyError(reason)
