"""When the monitor runs: a fixed interval (`15m`, `6h`, `1d`) or a cron-like line
(`minute hour day-of-month month day-of-week`, with `*`, lists, ranges and `/steps`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sanctio.exceptions import InputError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day", 1, 31), ("month", 1, 12), ("weekday", 0, 6))


def parse_interval(text: str) -> dt.timedelta:
    """`90s`, `15m`, `6h`, `1d` -> a timedelta of at least one second."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text)
    if not match or int(match[1]) == 0:
        raise InputError("every", f"{text!r} is not an interval; expected e.g. 15m, 6h or 1d")
    return dt.timedelta(seconds=int(match[1]) * _UNITS[match[2]])


def _field(text: str, name: str, low: int, high: int) -> frozenset[int]:
    out: set[int] = set()
    for part in text.split(","):
        base, _, step_text = part.partition("/")
        try:
            step = int(step_text) if step_text else 1
            if base == "*":
                start, end = low, high
            elif "-" in base:
                a, b = base.split("-", 1)
                start, end = int(a), int(b)
            else:
                start = end = int(base)
                if step_text:
                    end = high
        except ValueError:
            raise InputError(
                "cron", f"{name} field {text!r}: expected numbers, *, a-b, /n"
            ) from None
        if step < 1 or start < low or end > high or start > end:
            raise InputError("cron", f"{name} field {text!r}: expected values in {low}-{high}")
        out.update(range(start, end + 1, step))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Cron:
    """A parsed cron line; weekday 0 = Sunday; times are UTC."""

    minute: frozenset[int]
    hour: frozenset[int]
    day: frozenset[int]
    month: frozenset[int]
    weekday: frozenset[int]

    @classmethod
    def parse(cls, text: str) -> Cron:
        parts = text.split()
        if len(parts) != 5:
            raise InputError(
                "cron", f"{text!r}: expected 5 fields: minute hour day-of-month month day-of-week"
            )
        sets = [_field(p, n, lo, hi) for p, (n, lo, hi) in zip(parts, _FIELDS, strict=True)]
        return cls(*sets)

    def matches(self, when: dt.datetime) -> bool:
        weekday = (when.weekday() + 1) % 7
        return (
            when.minute in self.minute
            and when.hour in self.hour
            and when.day in self.day
            and when.month in self.month
            and weekday in self.weekday
        )

    def next_after(self, when: dt.datetime) -> dt.datetime:
        """The first matching minute strictly after `when` (searches up to ~4 years)."""
        at = when.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        for _ in range(4 * 366 * 24 * 60):
            if self.matches(at):
                return at
            weekday = (at.weekday() + 1) % 7
            if at.month not in self.month or at.day not in self.day or weekday not in self.weekday:
                at = (at + dt.timedelta(days=1)).replace(hour=0, minute=0)
            elif at.hour not in self.hour:
                at = (at + dt.timedelta(hours=1)).replace(minute=0)
            else:
                at += dt.timedelta(minutes=1)
        raise InputError("cron", "the schedule never matches a date")


@dataclass(frozen=True, slots=True)
class Schedule:
    """Either an interval or a cron line."""

    interval: dt.timedelta | None = None
    cron: Cron | None = None

    def next_after(self, when: dt.datetime) -> dt.datetime:
        if self.cron is not None:
            return self.cron.next_after(when)
        assert self.interval is not None
        return when + self.interval
