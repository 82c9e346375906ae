"""Process-wide runtime tuning, in one place: the garbage collector, the GIL switch interval,
csv's field limit, and the memo caches of pure functions.

Python keeps these per process, so whatever sanctio changes must be changed here, at run
time, by the code that owns the work (an index build, a forked pool, a worker's start-up),
never at import. Why each one pays for itself is measured and written down below; see also
docs/architecture.md ("Runtime tuning").
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

#: Every memo made by `memo`, so that `clear_caches()` resets them all with one call.
_CACHES: list[Any] = []


def memo(maxsize: int | None = 128) -> Callable[[F], F]:
    """`functools.lru_cache` for pure functions of hashable arguments, registered so that
    `clear_caches()` can empty it (tests, a long-lived worker after a normaliser change)."""

    def wrap(fn: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cast(F, cached)

    return wrap


def field_values(obj: Any) -> tuple[object, ...]:
    """A dataclass's values in field order, for `__reduce__`: a frozen dataclass compiled
    with mypyc (setup.py) unpickles through its constructor, as pickle's default would
    assign to its frozen fields."""
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


def clear_caches() -> int:
    """Empty every memo made by `memo`; how many there are."""
    for cached in _CACHES:
        cached.cache_clear()
    return len(_CACHES)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector around work that allocates millions of acyclic
    objects (parsing a list, building an index, unpickling one on a Spark executor): the
    full collections those bursts trigger re-traverse everything built so far (measured:
    an index build 9.9 -> 7.7 s; an OFAC CSV read ~40% faster). Reference counting still
    frees what the work drops."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_heap(*, collect: bool = False) -> None:
    """Move everything alive now out of the collector's reach (after a full collection
    when `collect`). Called once a long-lived structure (an index) is complete: later
    collections never walk it again, which held the GIL for 180-470 ms per collection on a
    serving worker."""
    if collect:
        gc.collect()
    gc.freeze()


def unfreeze_heap() -> None:
    """Give frozen objects back to the collector (when the structure is replaced)."""
    gc.unfreeze()


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Collect, then freeze the heap while forked workers share it copy-on-write: the
    collector would otherwise touch (and so copy) every shared page in every child."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def switch_interval(at_most: float) -> Iterator[None]:
    """Shorten the GIL switch interval while a background build runs beside request
    threads: the build releases the GIL at every SQLite step and numpy call, and waited a
    full default interval (5 ms) to take it back each time, stretching 3 s to minutes."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, at_most))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def allow_csv_fields(limit: int) -> None:
    """Let `csv` read fields up to `limit` characters (its default is 131,072); raised
    only, never lowered, since the limit is the process's."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
