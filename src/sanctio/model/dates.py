"""Partial dates as list publishers write them: a year, a month or a full day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; renders as an ISO prefix."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 2999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            dt.date(self.year, self.month, self.day)  # raises ValueError when invalid

    def iso(self) -> str:
        """`1952`, `1952-10` or `1952-10-07` (FollowTheMoney date form)."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raises ValueError otherwise."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"not an ISO date: {text!r}")
        if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError(f"not an ISO date: {text!r}")
        nums = [int(p) for p in parts]
        return cls(nums[0], nums[1] if len(nums) > 1 else None, nums[2] if len(nums) > 2 else None)

    def __str__(self) -> str:
        return self.iso()


def year_span(start: int, end: int, limit: int = 12) -> list[PartialDate]:
    """Every year from start to end inclusive (a range such as `1958 to 1960`).

    Spans longer than `limit` years keep only their end points, so that a vague
    range does not turn into a long list of equally weak birth years.
    """
    if end < start:
        start, end = end, start
    if end - start + 1 > limit:
        return [PartialDate(start), PartialDate(end)]
    return [PartialDate(y) for y in range(start, end + 1)]
