"""The screening service: which list versions are in force, their index, and fail-closed checks.

Adapters (CLI, API, batch, text) ask this service for a `Snapshot`: an immutable index over
the versions in force today or on a past date. Snapshots are built from the store, cached
with a bound, and swapped atomically when a newer version is loaded; a request holding a
snapshot keeps using it while a new one is built. The service refuses (NotReadyError)
rather than answer from missing, stale or half-built lists.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sanctio.exceptions import InputError, NotReadyError
from sanctio.index import NameIndex
from sanctio.match.prepared import FormsMemo
from sanctio.model import Entity
from sanctio.runtime import collector_paused, freeze_heap, switch_interval
from sanctio.screening.derived import DerivedSet, derived_set, latest_ownership_id
from sanctio.screening.screen import Screener
from sanctio.store.sqlite import Store
from sanctio.store.versions import Version

_BUILD_SWITCH_INTERVAL = 0.0002


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An index over one set of list versions; never changes once built."""

    versions: Mapping[str, Version]
    screener: Screener
    built_at: dt.datetime
    build_seconds: float
    as_of: dt.date | None = None
    missing: tuple[str, ...] = ()  # sources with no version on or before `as_of`
    #: The entities by content hash and the name analyses, for the next build to reuse.
    by_hash: Mapping[str, Entity] = field(default_factory=dict, repr=False)
    forms: FormsMemo | None = field(default=None, repr=False)
    #: Entities the ownership rules block without a list naming them (in the index too).
    derived: DerivedSet = field(default_factory=lambda: DerivedSet(None, None))

    @property
    def key(self) -> tuple[int, ...]:
        return tuple(sorted(v.id for v in self.versions.values()))

    @property
    def index(self) -> NameIndex:
        return self.screener.index

    def describe(self) -> dict[str, object]:
        """The list versions used, for results that must be reproducible."""
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "versions": {s: v.label for s, v in sorted(self.versions.items())},
            "version_ids": list(self.key),
            "missing_sources": list(self.missing),
            "index": self.index.identity,
            **self.derived.describe(),
        }

    @property
    def ownership_id(self) -> int | None:
        return self.derived.ownership.id if self.derived.ownership else None

    @property
    def derived_day(self) -> dt.date | None:
        """The day the derived designations were computed for (None without ownership)."""
        return self.derived.derived.day if self.derived.derived else None


@dataclass(slots=True)
class ServiceConfig:
    """Fail-closed policy and cache bounds."""

    max_age_days: Mapping[str, int] = field(default_factory=dict)
    required_sources: tuple[str, ...] = ()
    cache_size: int = 4


class ScreeningService:
    """Builds, caches and swaps index snapshots over the store at `db_path` (a SQLite path
    or a PostgreSQL URL)."""

    def __init__(
        self,
        db_path: Path | str,
        config: ServiceConfig | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        opener: Callable[[], Store] | None = None,
    ) -> None:
        self.db_path = str(db_path)
        self._opener = opener  # how to open the store (a pooled server connection)
        self.config = config or ServiceConfig()
        self._today = today
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._current: Snapshot | None = None
        self._dated: OrderedDict[tuple[object, ...], Snapshot] = OrderedDict()
        self._building = False
        self._last_error: str | None = None
        self._store_error: str | None = None

    # -- building ----------------------------------------------------------------------

    def _open(self) -> Store:
        if self._opener is not None:
            return self._opener()
        return Store.open(self.db_path, create=False)

    def _build(
        self, versions: Mapping[str, Version], as_of: dt.date | None, missing: tuple[str, ...] = ()
    ) -> Snapshot:
        start = time.perf_counter()
        # A build in a background thread releases the GIL at every SQLite step and numpy
        # call; with request threads busy scoring, each re-acquisition waits a full switch
        # interval (5 ms), stretching a 3 s build to minutes. A short interval while the
        # build runs lets it take the GIL back promptly.
        with switch_interval(_BUILD_SWITCH_INTERVAL):
            # The collector stays off for the whole build and the result is frozen before
            # it comes back on. The build allocates hundreds of thousands of objects; with
            # the collector on, the collections they trigger (during the build, or the
            # first one after it, over everything built) held the GIL for 180-470 ms,
            # stalling every request of a serving worker. Frozen, the long-lived index is
            # never walked again. What else is frozen with it is the cyclic garbage other
            # threads made in those seconds: measured on a serving worker, 1,039 objects
            # over 15,000 requests. The snapshot this one replaces needs no collection:
            # dropping it frees its objects by reference counting (measured: the frozen
            # count falls back to its baseline; a full collection then finds nothing).
            # A build reuses what the snapshot being served already has: entities whose
            # content hash it holds are not decoded again, names it analysed are not
            # analysed again (a new version shares almost all of both with the last).
            base = self._current
            with collector_paused():
                with self._open() as store:
                    read = list(
                        store.hashed_entities(
                            (v.id for v in versions.values()), base.by_hash if base else None
                        )
                    )
                    derived = derived_set(
                        store, versions, (e for _, e in read), as_of or self._today()
                    )
                by_hash = dict(read)
                forms = FormsMemo(base.forms if base is not None else None)
                index = NameIndex.build(
                    [entity for _, entity in read] + list(derived.entities),
                    versions={s: v.published.isoformat() for s, v in sorted(versions.items())},
                    forms=forms,
                )
                forms.done()
                screener = Screener(index)
                del base, read
                freeze_heap()
        return Snapshot(
            versions=dict(versions),
            screener=screener,
            by_hash=by_hash,
            forms=forms,
            built_at=dt.datetime.now(dt.UTC),
            build_seconds=time.perf_counter() - start,
            as_of=as_of,
            missing=missing,
            derived=derived,
        )

    def in_force(self, as_of: dt.date | None = None) -> dict[str, Version]:
        with self._open() as store:
            return store.in_force(as_of)

    def _ownership_id(self) -> int | None:
        with self._open() as store:
            return latest_ownership_id(store)

    def refresh(self) -> bool:
        """Build a new current snapshot if the store has newer versions; True if swapped."""
        with self._build_lock:
            try:
                versions = self.in_force()
                ownership = self._ownership_id()
            except Exception as exc:  # store missing or unreadable: stay closed
                self._last_error = self._store_error = str(exc)
                return False
            self._store_error = None
            current = self._current
            if (
                current is not None
                and dict(current.versions) == versions
                and current.ownership_id == ownership
                and (ownership is None or current.derived_day == self._today())
            ):
                return False
            if not versions:
                return False
            self._building = True
            try:
                snapshot = self._build(versions, None)
            finally:
                self._building = False
            with self._lock:
                self._current = snapshot  # atomic swap: readers hold the old one
            self._last_error = None
            return True

    def start_watching(self, interval: float = 2.0) -> threading.Event:
        """Poll the store in a daemon thread and swap in new snapshots; set the event to stop."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.is_set():
                self.refresh()
                stop.wait(interval)

        threading.Thread(target=loop, name="sanctio-index-watch", daemon=True).start()
        return stop

    @property
    def store_error(self) -> str | None:
        """Why the last look at the store failed (server down, login refused), else None;
        the snapshot being served stays in service meanwhile."""
        return self._store_error

    # -- reading -----------------------------------------------------------------------

    def serving(self) -> Snapshot:
        """The snapshot being served, checked (see `check`); never starts a build."""
        return self.check(self._current)

    def check(self, snapshot: Snapshot | None) -> Snapshot:
        """Fail closed: no lists, first build running, missing required or stale source."""
        if snapshot is None:
            if self._building:
                raise NotReadyError("the screening index is being built for the first time")
            reason = f" ({self._last_error})" if self._last_error else ""
            raise NotReadyError(f"no sanctions list is loaded{reason}")
        missing = [s for s in self.config.required_sources if s not in snapshot.versions]
        if missing:
            raise NotReadyError(f"required list(s) not loaded: {', '.join(missing)}")
        today = self._today()
        for source, days in self.config.max_age_days.items():
            version = snapshot.versions.get(source)
            if version is not None and days > 0 and (today - version.published).days > days:
                raise NotReadyError(
                    f"{source} is stale: latest version {version.published.isoformat()} is "
                    f"older than the configured maximum age of {days} days"
                )
        return snapshot

    def current(self) -> Snapshot:
        """The snapshot for today's lists, building it on first use."""
        if self._current is None and not self._building:
            self.refresh()
        return self.check(self._current)

    def as_of(self, day: dt.date | None) -> Snapshot:
        """The snapshot for the versions in force on `day` (today's when None)."""
        if day is None:
            return self.current()
        if day > self._today():
            raise InputError("as_of", f"{day.isoformat()} is in the future; expected a past date")
        with self._open() as store:
            versions = store.in_force(day)
            known = store.sources()
            ownership = latest_ownership_id(store)
        if not versions:
            raise NotReadyError(f"no list version was published on or before {day.isoformat()}")
        missing = tuple(s for s in known if s not in versions)
        key = tuple(sorted(v.id for v in versions.values()))
        with self._lock:
            current = self._current
            if (
                current is not None
                and current.key == key
                and not missing
                and current.ownership_id == ownership
                and (ownership is None or current.derived_day == day)
            ):
                return current
            cache_key = (key, ownership, day if ownership else None)
            cached = self._dated.get(cache_key)
            if cached is not None:
                self._dated.move_to_end(cache_key)
                return cached
        snapshot = self._build(versions, day, missing)
        with self._lock:
            self._dated[cache_key] = snapshot
            while len(self._dated) > self.config.cache_size:
                self._dated.popitem(last=False)
        return snapshot
