"""What a running API holds: the screening service, its watcher, keys and per-snapshot dates."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from sanctio.api.config import ApiConfig
from sanctio.api.render import Rendered
from sanctio.exceptions import NotReadyError, SanctioError
from sanctio.screening.service import ScreeningService, Snapshot
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore
from sanctio.store.pool import ServerPool
from sanctio.store.provenance import Seen, seen_dates
from sanctio.store.sqlite import Store

log = logging.getLogger("sanctio.api")

#: The longest wait between two looks at an unreachable store, in seconds.
_MAX_BACKOFF = 30.0


class Provenance:
    """first_seen / last_change per entity, computed once per snapshot and kept for a few,
    with the snapshot's `Rendered` (its description and entity JSON, built on those dates)."""

    def __init__(self, db_path: Path | str, size: int = 4) -> None:
        self.db_path = db_path
        self._size = size
        self._by_key: OrderedDict[tuple[object, ...], Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, snapshot: Snapshot) -> dict[str, Seen]:
        return self.rendered(snapshot).seen

    def rendered(self, snapshot: Snapshot) -> Rendered:
        # Everything describe() says: a past date's snapshot over today's versions is
        # described with its date, and one missing a source names it.
        key = (snapshot.key, snapshot.as_of, snapshot.missing, snapshot.derived.label)
        with self._lock:
            found = self._by_key.get(key)
            if found is not None:
                self._by_key.move_to_end(key)
                return found
            # Computed under the lock: concurrent first requests wait for one computation.
            dates = seen_dates(self.db_path, snapshot.versions)
            found = self._by_key[key] = Rendered(dates, snapshot.versions, snapshot.describe())
            while len(self._by_key) > self._size:
                self._by_key.popitem(last=False)
            return found


@dataclass(slots=True)
class ApiState:
    """Shared by every request of one worker process."""

    settings: Settings
    config: ApiConfig
    service: ScreeningService
    provenance: Provenance
    keys: KeyStore | None
    #: Open connections to a PostgreSQL store (None on SQLite).
    pool: ServerPool | None = None
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    _stop: threading.Event | None = None
    _thread: threading.Thread | None = None

    @classmethod
    def create(
        cls, settings: Settings, config: ApiConfig, service: ScreeningService | None = None
    ) -> ApiState:
        pool = ServerPool(settings.db_url) if settings.db_url else None
        # One policy for every surface (screening.readiness); sources the API config
        # names are required on top of SANCTIO_REQUIRED_SOURCES.
        service = service or ScreeningService.from_settings(
            settings, pool=pool, required_sources=config.required_sources
        )
        keys = (
            KeyStore(config.keys_target(settings), cache_seconds=config.key_cache_seconds)
            if config.auth
            else None
        )
        return cls(settings, config, service, Provenance(settings.db), keys, pool)

    def open_store(self, *, create: bool = False) -> Store:
        """The store, for a request that reads or writes it (pooled on a server)."""
        return Store.open(self.settings.db, create=create, pool=self.pool)

    def snapshot(self) -> Snapshot:
        """Today's snapshot, or NotReadyError naming why screening is refused.

        Never builds in the request: the watcher thread does, so requests during the
        first build get 503 instead of waiting on it.
        """
        return self.service.serving()

    def warm(self) -> None:
        """Build the index and its dates for what is in force now (watcher thread)."""
        try:
            swapped = self.service.refresh()
            snapshot = self.service.current() if swapped else None
        except NotReadyError:
            return
        except SanctioError as exc:
            log.warning("index refresh failed: %s", exc)
            return
        if snapshot is not None:
            try:
                self.provenance.get(snapshot)
            except SanctioError as exc:
                log.warning("entity dates unavailable: %s", exc)
            log.info("serving %s", ", ".join(v.label for v in snapshot.versions.values()))

    def start(self) -> None:
        """Start the watcher: first build, then poll the store for new versions."""
        if self._thread is not None:
            return
        stop = threading.Event()

        def loop() -> None:
            failures = 0
            while not stop.is_set():
                self.warm()
                # Store unreachable: back off (2, 4, 8... up to 30 s) rather than hammer it.
                failures = failures + 1 if self.service.store_error is not None else 0
                wait = self.config.watch_interval * 2 ** min(failures, 4)
                stop.wait(min(wait, max(self.config.watch_interval, _MAX_BACKOFF)))

        self._stop = stop
        self._thread = threading.Thread(target=loop, name="sanctio-api-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._stop = self._thread = None
        if self.keys is not None:
            self.keys.close()
        if self.pool is not None:
            self.pool.close()
            self.pool = None
