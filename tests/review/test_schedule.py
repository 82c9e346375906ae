"""Monitor schedules: intervals and cron-like lines."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctio.exceptions import InputError
from sanctio.review.schedule import Cron, Schedule, parse_interval

T0 = dt.datetime(2026, 12, 6, 23, 37, 12, tzinfo=dt.UTC)  # a Sunday


def test_intervals() -> None:
    assert parse_interval("15m") == dt.timedelta(minutes=15)
    assert Schedule(interval=parse_interval("6h")).next_after(T0) == T0 + dt.timedelta(hours=6)
    for bad in ("0m", "15", "1w", "m15"):
        with pytest.raises(InputError, match="every"):
            parse_interval(bad)


def test_cron_next_times() -> None:
    assert Cron.parse("*/15 * * * *").next_after(T0) == T0.replace(minute=45, second=0)
    assert Cron.parse("0 6 * * *").next_after(T0) == dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.UTC)
    # weekdays 1-5: Monday 07:30 follows Sunday night
    assert Cron.parse("30 7 * * 1-5").next_after(T0) == dt.datetime(
        2026, 12, 7, 7, 30, tzinfo=dt.UTC
    )
    assert Cron.parse("0 0 1 1 *").next_after(T0) == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def test_bad_cron_lines_say_what_was_expected() -> None:
    for bad in ("* * * *", "61 * * * *", "a * * * *", "* * 0 * *"):
        with pytest.raises(InputError, match="cron"):
            Cron.parse(bad)
