"""The monitoring cycle: obtain the lists (fetch with `sources.fetch`, or a folder), load
new versions, re-screen every book, open alerts, notify.

It fails closed: when a fetch or a load fails, or the screening service refuses the lists
in force (missing, stale: `ScreeningService.current`), the cycle stops before any book is
screened, so no "no hit" is ever recorded against lists it could not refresh. The failure
is written to the audit trail and notified.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sanctio.exceptions import FetchError, FormatError, NotReadyError, SanctioError, StoreError
from sanctio.ingest.importer import MAX_SHRINK, import_paths
from sanctio.review import audit
from sanctio.review.alerts import alert_dict
from sanctio.review.notify import Webhook, deliver
from sanctio.review.rescreen import Clock, ReviewOutcome, review_rescreen, stamp, utc_now
from sanctio.screening.batch.output import RecordWriter
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService, ServiceConfig
from sanctio.sources.fetch import fetch
from sanctio.store.book import Book, book_names
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class MonitorConfig:
    """Where the lists come from, what counts as fresh, whom to notify."""

    db_path: Path
    folder: Path | None = None  # load this folder instead of fetching
    db_url: str | None = None  # the store on a PostgreSQL server (db_path: downloads only)
    fetch_dir: Path | None = None
    sources: tuple[str, ...] | None = None  # fetched sources (None: every official one)
    mirror: str | None = None
    fetch_timeout: float = 60.0
    fetch_retries: int = 3
    fetch_backoff: float = 1.0
    max_age_days: Mapping[str, int] = field(default_factory=dict)
    required_sources: tuple[str, ...] = ()
    max_shrink: float = MAX_SHRINK  # SANCTIO_MAX_SHRINK: a bigger loss is held, not loaded
    books: tuple[str, ...] | None = None  # None: every book in the store
    options: BatchOptions = field(default_factory=BatchOptions)
    workers: int = 1
    webhook: Webhook | None = None
    stdout: bool = True
    actor: str = "monitor"

    @property
    def store(self) -> str:
        """What the stores open: the server URL, else the SQLite path."""
        return self.db_url or str(self.db_path)


@dataclass(slots=True)
class CycleResult:
    ok: bool
    started_at: str
    error: str | None = None
    failure: SanctioError | None = None
    loaded: list[str] = field(default_factory=list)
    runs: list[ReviewOutcome] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "started_at": self.started_at,
            "error": self.error,
            "loaded": self.loaded,
            "runs": [
                {"run_id": r.run_id, "book": r.book, "kind": r.rescreen.kind, "alerts": r.summary}
                for r in self.runs
            ],
        }


def _obtain(config: MonitorConfig, client: httpx.Client | None) -> list[str]:
    """Fetch or read the lists and load new versions; the labels of versions loaded."""
    served: dict[Path, dt.date] = {}
    if config.folder is not None:
        folders: Sequence[Path] = [config.folder]
    else:
        dest = config.fetch_dir or config.db_path.parent / "downloads"
        results = fetch(
            config.sources,
            dest,
            base_url_override={"*": config.mirror} if config.mirror else None,
            timeout=config.fetch_timeout,
            retries=config.fetch_retries,
            backoff=config.fetch_backoff,
            client=client,
        )
        served = {r.path.resolve(): r.last_modified.date() for r in results if r.last_modified}
        folders = sorted({r.path.parent for r in results})
    with Store.open(config.store) as store:
        outcomes = import_paths(store, folders, served=served, max_shrink=config.max_shrink)
    return [o.version.label for o in outcomes if o.created]


def monitor_service(config: MonitorConfig, clock: Clock = utc_now) -> ScreeningService:
    """The screening service of a monitor: its checks refuse missing and stale lists."""
    return ScreeningService(
        config.store,
        ServiceConfig(
            max_age_days=dict(config.max_age_days), required_sources=config.required_sources
        ),
        today=lambda: clock().date(),
    )


def run_cycle(
    config: MonitorConfig,
    *,
    service: ScreeningService | None = None,
    emit: Callable[[str], None] = print,
    client: httpx.Client | None = None,
    writer: RecordWriter | None = None,
    clock: Clock = utc_now,
    sleep: Callable[[float], None] | None = None,
) -> CycleResult:
    """One cycle (see the module docstring); never raises for a refused or failed list.

    Pass the same `service` to every cycle so an index is rebuilt only when lists change.
    """
    result = CycleResult(False, stamp(clock()))
    with ReviewStore.open(config.store) as review:
        try:
            result.loaded = _obtain(config, client)
            service = service or monitor_service(config, clock)
            service.refresh()  # a no-op when the versions in force did not change
            snapshot = service.ready()
        except (FetchError, FormatError, NotReadyError, StoreError) as exc:
            result.error, result.failure = f"{type(exc).__name__}: {exc}", exc
            _failed(config, review, result, emit, client, clock, sleep)
            return result
        if result.loaded:
            with review.transaction():
                review.append_audit(
                    [
                        {
                            "at": stamp(clock()),
                            "actor": config.actor,
                            "action": "lists-loaded",
                            "evidence": {"versions": result.loaded},
                        }
                    ],
                    audit.seal,
                )
        names = config.books if config.books is not None else tuple(book_names(config.store))
        with Store.open(config.store, create=False) as store:
            for name in names:
                with Book.open(config.store, name) as book:
                    outcome = review_rescreen(
                        book,
                        store,
                        review,
                        snapshot,
                        config.options,
                        actor=config.actor,
                        writer=writer,
                        workers=config.workers,
                        clock=clock,
                    )
                result.runs.append(outcome)
                _notify_run(config, review, outcome, emit, client, clock, sleep)
        result.ok = True
    return result


def _failed(
    config: MonitorConfig,
    review: ReviewStore,
    result: CycleResult,
    emit: Callable[[str], None],
    client: httpx.Client | None,
    clock: Clock,
    sleep: Callable[[float], None] | None,
) -> None:
    with review.transaction():
        review.append_audit(
            [
                {
                    "at": stamp(clock()),
                    "actor": config.actor,
                    "action": "cycle-failed",
                    "reason": result.error,
                    "evidence": {"loaded": result.loaded, "screened": False},
                }
            ],
            audit.seal,
        )
    payload = {"error": result.error, "loaded": result.loaded, "at": result.started_at}
    if config.stdout:
        emit(f"monitor: cycle FAILED CLOSED, no book screened: {result.error}")
    if config.webhook is not None:
        _deliver(config.webhook, "cycle-failed", payload, review, None, client, clock, sleep)


def _notify_run(
    config: MonitorConfig,
    review: ReviewStore,
    outcome: ReviewOutcome,
    emit: Callable[[str], None],
    client: httpx.Client | None,
    clock: Clock,
    sleep: Callable[[float], None] | None,
) -> None:
    if config.stdout:
        counts = ", ".join(f"{k} {v}" for k, v in outcome.summary.items())
        emit(
            f"monitor: book {outcome.book} run {outcome.run_id} ({outcome.rescreen.kind}): {counts}"
        )
        for alert in outcome.notify:
            emit(
                f"monitor: alert {alert.id} {alert.state}: {alert.customer_id} ~ "
                f"{alert.entity_id} ({alert.entity_name}) score {alert.score:.3f}"
            )
    if config.webhook is not None and outcome.notify:
        payload = {
            "book": outcome.book,
            "run_id": outcome.run_id,
            "summary": outcome.summary,
            "alerts": [alert_dict(a) for a in outcome.notify],
        }
        _deliver(config.webhook, "alerts", payload, review, outcome.run_id, client, clock, sleep)


def _deliver(
    hook: Webhook,
    event: str,
    payload: Mapping[str, Any],
    review: ReviewStore,
    run_id: int | None,
    client: httpx.Client | None,
    clock: Clock,
    sleep: Callable[[float], None] | None,
) -> None:
    if sleep is None:
        deliver(hook, event, payload, review, run_id=run_id, client=client, clock=clock)
    else:
        deliver(
            hook, event, payload, review, run_id=run_id, client=client, clock=clock, sleep=sleep
        )
