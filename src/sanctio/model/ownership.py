"""Ownership data as loaded: parties, holdings between them, and one stored version of it.

A holding says `owner` holds `percentage` of `asset` (and/or controls it) between `start`
and `end`. Parties are the entities an ownership file describes; an owner or asset may also
be a listed entity named by its sanctio id (`ofac-sdn:35096`), which then needs no party row.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

#: Lowest and highest day ordinals: an open start or end.
OPEN_START = 1
OPEN_END = dt.date.max.toordinal()


def day_bounds(text: str, *, end: bool) -> int:
    """The first (start) or last (end) day ordinal of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    if not text:
        return OPEN_END if end else OPEN_START
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    last = calendar.monthrange(year, month)[1] if end else 1
    day = parts[2] if len(parts) > 2 else last
    return dt.date(year, month, day).toordinal()


@dataclass(frozen=True, slots=True)
class Party:
    """An owner or asset as the ownership file describes it.

    `listed_ids` are the sanctio ids of list entries that are this party (its own id when it
    is one, plus any the file links to it); `properties` are FtM properties (`name`, `alias`,
    `registrationNumber`, `leiCode`, `country`, ...).
    """

    key: str
    schema: str
    properties: Mapping[str, tuple[str, ...]]
    listed_ids: tuple[str, ...] = ()

    @property
    def caption(self) -> str:
        for prop in ("name", "alias"):
            values = self.properties.get(prop)
            if values:
                return values[0]
        return self.key

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "schema": self.schema,
            "properties": {k: list(v) for k, v in sorted(self.properties.items())},
            "listed_ids": list(self.listed_ids),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Party:
        return cls(
            str(data["key"]),
            str(data["schema"]),
            {str(k): tuple(str(x) for x in v) for k, v in data.get("properties", {}).items()},
            tuple(str(x) for x in data.get("listed_ids", ())),
        )


@dataclass(frozen=True, slots=True)
class Holding:
    """`owner` holds `percentage` (0-100, None when only control is stated) of `asset`."""

    owner: str
    asset: str
    percentage: Decimal | None
    start: str = ""  # ISO date, possibly partial; "" = open
    end: str = ""
    control: bool = False
    role: str = ""
    file: str = ""
    line: int = 0

    @property
    def share(self) -> float:
        """The fraction held, 0.0-1.0."""
        return float(self.percentage) / 100.0 if self.percentage is not None else 0.0

    def covers(self, day: dt.date) -> bool:
        """In force on `day`: start and end dates inclusive, open when missing."""
        ordinal = day.toordinal()
        return day_bounds(self.start, end=False) <= ordinal <= day_bounds(self.end, end=True)


@dataclass(frozen=True, slots=True)
class OwnershipData:
    """One ownership file, read: parties by key, holdings in file order."""

    parties: Mapping[str, Party]
    holdings: tuple[Holding, ...]


@dataclass(frozen=True, slots=True)
class OwnershipVersion:
    """One stored, immutable load of ownership data."""

    id: int
    format: str
    path: str
    sha256: str
    loaded_at: str
    party_count: int
    holding_count: int
    problem_count: int
    files: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"ownership@{self.id}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "format": self.format,
            "path": self.path,
            "sha256": self.sha256,
            "loaded_at": self.loaded_at,
            "parties": self.party_count,
            "holdings": self.holding_count,
            "problems": self.problem_count,
        }
