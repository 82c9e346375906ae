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

from sanctio.exceptions import (
    InputError,
    NotFoundError,
    NotReadyError,
    StoreError,
    StoreMissingError,
)
from sanctio.index import NameIndex
from sanctio.match.prepared import FormsMemo
from sanctio.model import Entity
from sanctio.runtime import collector_paused, freeze_heap, switch_interval
from sanctio.screening.derived import DerivedSet, derived_set, latest_ownership_id
from sanctio.screening.readiness import ReadinessPolicy, check_ready
from sanctio.screening.screen import Screener
from sanctio.settings import Settings
from sanctio.store.pool import ServerPool
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

    @classmethod
    def from_settings(cls, settings: Settings) -> ServiceConfig:
        """The policy the environment sets (`SANCTIO_REQUIRED_SOURCES`, `..._MAX_AGE_DAYS`)."""
        return cls(dict(settings.max_age_days), tuple(settings.required_sources))

    @property
    def policy(self) -> ReadinessPolicy:
        return ReadinessPolicy(tuple(self.required_sources), dict(self.max_age_days))


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
        #: The store failure (unreadable, damaged, locked, server down) that kept the last
        #: refresh from reading it: with no snapshot yet, screening fails with it (exit 5 /
        #: 503), not as "no list"; a snapshot being served stays in service meanwhile.
        self._store_failure: StoreError | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        pool: ServerPool | None = None,
        required_sources: tuple[str, ...] = (),
        today: Callable[[], dt.date] = dt.date.today,
    ) -> ScreeningService:
        """The service every surface uses: the store (`settings.db`, a SQLite path or a
        PostgreSQL URL, through `pool` when given) and the fail-closed policy of `settings`,
        with `required_sources` required on top of SANCTIO_REQUIRED_SOURCES."""
        config = ServiceConfig.from_settings(settings)
        config.required_sources = tuple(
            dict.fromkeys((*config.required_sources, *required_sources))
        )
        db = settings.db
        opener = (lambda: Store.open(db, create=False, pool=pool)) if pool is not None else None
        return cls(db, config, today=today, opener=opener)

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
                self._last_error = str(exc)
                # No store there yet is "no list loaded"; any other store failure is one.
                missing = isinstance(exc, StoreMissingError)
                self._store_failure = exc if isinstance(exc, StoreError) and not missing else None
                return False
            self._store_failure = None
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
        return str(self._store_failure) if self._store_failure is not None else None

    # -- reading -----------------------------------------------------------------------

    def serving(self) -> Snapshot:
        """The snapshot being served, checked (see `check`); never starts a build."""
        return self.check(self._current)

    def check(self, snapshot: Snapshot | None) -> Snapshot:
        """Fail closed (see `screening.readiness`): no lists, first build running, a required
        source missing, a stale source, an incomplete index; returns the snapshot when ready.
        A past date's snapshot is judged on its date."""
        if snapshot is None:
            if self._building:
                raise NotReadyError("the screening index is being built for the first time")
            if self._store_failure is not None:
                raise StoreError(str(self._store_failure))
            reason = f" ({self._last_error})" if self._last_error else ""
            raise NotReadyError(f"no sanctions list is loaded{reason}")
        check_ready(
            snapshot.versions,
            self.config.policy,
            snapshot.as_of or self._today(),
            indexed=len(snapshot.index),
        )
        return snapshot

    def ready(self, as_of: dt.date | None = None) -> Snapshot:
        """The checked snapshot to screen from, today or on a past date: the one call every
        surface makes (CLI, API, batch, book, monitor, Spark). Raises NotReadyError naming
        why screening is refused (exit 7 / HTTP 503), InputError for a bad date."""
        return self.as_of(as_of)

    def current(self) -> Snapshot:
        """The snapshot for today's lists, building it on first use."""
        if self._current is None and not self._building:
            self.refresh()
        return self.check(self._current)

    def as_of(self, day: dt.date | None) -> Snapshot:
        """The checked snapshot for the versions in force on `day` (today's when None).

        A date before the first list version is a NotFoundError naming the earliest date
        there is (a bad question, not a temporary state: exit 4, HTTP 404); the fail-closed
        policy is applied on `day` (required sources in force then, ages counted to then).
        """
        if day is None:
            return self.current()
        if day > self._today():
            raise InputError("as_of", f"{day.isoformat()} is in the future; expected a past date")
        with self._open() as store:
            versions = store.in_force(day)
            known = store.sources()
            ownership = latest_ownership_id(store)
            first = None if versions else min((v.published for v in store.versions()), default=None)
        if not versions:
            if first is None:
                raise NotReadyError("no sanctions list is loaded")
            raise NotFoundError(
                f"as_of: no list version was published on or before {day.isoformat()}; "
                f"the earliest list version available is of {first.isoformat()}"
            )
        check_ready(versions, self.config.policy, day)
        missing = tuple(s for s in known if s not in versions)
        key = tuple(sorted(v.id for v in versions.values()))
        with self._lock:
            current = self._current
            found = (
                current
                if current is not None
                and current.key == key
                and not missing
                and current.ownership_id == ownership
                and (ownership is None or current.derived_day == day)
                else None
            )
            cache_key = (key, ownership, day if ownership else None)
            if found is None:
                found = self._dated.get(cache_key)
                if found is not None:
                    self._dated.move_to_end(cache_key)
        if found is None:
            found = self._build(versions, day, missing)
            with self._lock:
                self._dated[cache_key] = found
                while len(self._dated) > self.config.cache_size:
                    self._dated.popitem(last=False)
        check_ready(found.versions, self.config.policy, day, indexed=len(found.index))
        return found
