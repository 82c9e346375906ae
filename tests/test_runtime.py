"""Runtime tuning: one reset for every memo; the collector restored; csv's limit raised only."""

from __future__ import annotations

import csv
import gc
import sys

from sanctio import runtime
from sanctio.normalize import keys


def test_clear_caches_empties_every_memo() -> None:
    calls: list[str] = []

    @runtime.memo(8)
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert shout("a") == shout("a") == "A"
    assert calls == ["a"]
    keys.phonetic_key("Lukashenko")
    assert keys.phonetic_key.cache_info().currsize > 0  # type: ignore[attr-defined]
    assert runtime.clear_caches() >= 2  # every memo of the modules imported so far
    assert keys.phonetic_key.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert shout("a") == "A"
    assert calls == ["a", "a"]


def test_collector_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with runtime.collector_paused():
        assert not gc.isenabled()
        with runtime.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_frozen_for_fork_unfreezes_after() -> None:
    before = gc.get_freeze_count()
    with runtime.frozen_for_fork():
        assert gc.get_freeze_count() > before
    assert gc.get_freeze_count() == 0


def test_switch_interval_is_restored() -> None:
    interval = sys.getswitchinterval()
    with runtime.switch_interval(interval / 10):
        assert sys.getswitchinterval() < interval
    assert sys.getswitchinterval() == interval


def test_csv_field_limit_is_raised_only() -> None:
    current = csv.field_size_limit()
    runtime.allow_csv_fields(current - 1)
    assert csv.field_size_limit() == current
    runtime.allow_csv_fields(current + 1)
    assert csv.field_size_limit() == current + 1
    csv.field_size_limit(current)
