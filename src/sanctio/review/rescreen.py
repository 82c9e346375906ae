"""Re-screen a book and turn its hits into alerts: opened, updated, re-opened or suppressed
by the rules in `rules`, with the evidence of screening of every customer and one audit
record per step, all in one transaction committed before the book saves its new state."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sanctio.exceptions import StoreError
from sanctio.model import Entity
from sanctio.review import audit, content, rules
from sanctio.screening.batch.book import RescreenOutcome, rescreen, run_settings
from sanctio.screening.batch.output import RecordWriter
from sanctio.screening.batch.run import BatchOptions, Progress
from sanctio.screening.service import Snapshot
from sanctio.store.book import Book
from sanctio.store.review import UNDECIDED, AlertRow, ReviewStore
from sanctio.store.sqlite import Store

Clock = Callable[[], dt.datetime]
SUMMARY_KEYS = ("opened", "updated", "reopened", "suppressed", "seen", "gone", "delisted")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(slots=True)
class ReviewOutcome:
    """One reviewed run: the re-screening, the alert counts, the alerts to notify."""

    run_id: int
    book: str
    rescreen: RescreenOutcome
    summary: dict[str, int]
    notify: list[AlertRow] = field(default_factory=list)
    #: wall seconds: screening (up to the hits), review (alerts, evidence, audit), total
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "book": self.book,
            "alerts": self.summary,
            **self.rescreen.to_dict(),
        }


@dataclass(slots=True)
class Screened:
    """What one screening run hands to the alert rules: a book re-screening (`full`,
    `delta`) or a one-off screening of identified subjects (`match`, `batch`)."""

    kind: str
    #: match records: query_id (the customer id), entity_id, entity_name, score, features
    hits: list[dict[str, Any]]
    #: customer id -> (fields as screened, their digest), for every customer with a hit
    customers: Mapping[str, tuple[dict[str, str], str]]
    #: every customer id the run screened, once each (its evidence of screening)
    screened: Callable[[], Iterable[str]]
    errors: set[str] = field(default_factory=set)
    #: hits of a book's last run not found again (`gone`, `delisted`)
    lost: list[dict[str, Any]] = field(default_factory=list)
    #: the re-screening's record statuses (book runs), for the run's audit record
    statuses: dict[str, int] = field(default_factory=dict)


class Capture:
    """A RecordWriter that keeps hits, lost hits and bad rows, passing all on (without
    the hits' features when `features` is False: the caller did not ask for them)."""

    def __init__(self, inner: RecordWriter | None, *, features: bool = True) -> None:
        self.inner = inner
        self.features = features
        self.hits: list[dict[str, Any]] = []
        self.lost: list[dict[str, Any]] = []
        self.errors: set[str] = set()
        #: customer id -> fields, from hits carrying them (`subjects.with_fields`)
        self.fields: dict[str, dict[str, str]] = {}

    def write(self, records: Sequence[dict[str, Any]]) -> None:
        for rec in records:
            if "_fields" in rec:
                self.fields[rec["query_id"]] = rec.pop("_fields")
            if rec.get("error"):
                self.errors.add(str(rec.get("query_id")))
            elif rec.get("match") and rec.get("entity_id"):
                self.hits.append(dict(rec))
            elif rec.get("status") in ("gone", "delisted"):
                self.lost.append(rec)
        if self.inner is not None:
            if not self.features:
                records = [{k: v for k, v in r.items() if k != "features"} for r in records]
            self.inner.write(records)

    def close(self) -> None:
        pass


def review_rescreen(
    book: Book,
    store: Store,
    review: ReviewStore,
    snapshot: Snapshot,
    options: BatchOptions,
    *,
    actor: str = "system",
    writer: RecordWriter | None = None,
    full: bool = False,
    workers: int = 1,
    executor: str = "process",
    progress: Progress | None = None,
    clock: Clock = utc_now,
) -> ReviewOutcome:
    """Re-screen `book` (delta unless `full`) and record alerts, evidence and audit."""
    started = clock()
    capture = Capture(writer)
    options = replace(options, explain=True)
    done: list[ReviewOutcome] = []

    timer = time.perf_counter()

    def save(outcome: RescreenOutcome) -> None:
        screened = time.perf_counter()
        wanted = {r["query_id"] for r in capture.hits} | {r["query_id"] for r in capture.lost}
        run = Screened(
            outcome.kind,
            capture.hits,
            book.fields(wanted),
            book.ids,
            capture.errors,
            capture.lost,
            outcome.counts,
        )
        run_id, summary, notify = apply_run(
            book.name,
            store,
            review,
            snapshot,
            options,
            run,
            actor=actor,
            started=started,
            clock=clock,
        )
        done.append(ReviewOutcome(run_id, book.name, outcome, summary, notify))
        done[0].seconds = {
            "screening": round(screened - timer, 2),
            "review": round(time.perf_counter() - screened, 2),
        }

    rescreen(
        book,
        store,
        snapshot,
        capture,
        options,
        full=full,
        workers=workers,
        executor=executor,
        progress=progress,
        before_save=save,
    )
    done[0].seconds["total"] = round(time.perf_counter() - timer, 2)
    return done[0]


def apply_run(
    book: str,
    store: Store,
    review: ReviewStore,
    snapshot: Snapshot,
    options: BatchOptions,
    run: Screened,
    *,
    actor: str,
    started: dt.datetime,
    clock: Clock = utc_now,
) -> tuple[int, dict[str, int], list[AlertRow]]:
    """Open, update, re-open or suppress the alerts of one run's hits, record every
    customer's evidence of screening and the audit records, in one transaction:
    (review run id, alert counts, alerts to notify). The one path every alert takes."""
    return _Apply(book, store, review, snapshot, options, actor, clock).run(run, started)


class _Apply:
    """Applies one run's captured records to the alerts (see `apply_run`)."""

    def __init__(
        self,
        book: str,
        store: Store,
        review: ReviewStore,
        snapshot: Snapshot,
        options: BatchOptions,
        actor: str,
        clock: Clock,
    ) -> None:
        self.book, self.store, self.review, self.snapshot = book, store, review, snapshot
        self.settings = run_settings(snapshot, options)
        self.actor, self.clock = actor, clock
        self.audit: list[dict[str, Any]] = []
        self.summary = dict.fromkeys(SUMMARY_KEYS, 0)
        self.notify: list[int] = []
        self._hashes: dict[str, dict[str, str]] = {}

    def _entity_hash(self, entity_id: str) -> str:
        source = entity_id.split(":", 1)[0]
        if source not in self._hashes:
            self._hashes[source] = self.store.hashes(self.snapshot.versions[source].id)
        return self._hashes[source][entity_id]

    def _entity(self, digest: str) -> Entity:
        found = self.snapshot.by_hash.get(digest)
        return found if found is not None else self.store.blob(digest)

    def _record(self, action: str, **values: Any) -> None:
        self.audit.append(
            {
                "at": self.now,
                "actor": self.actor,
                "action": action,
                "book": self.book,
                **values,
            }
        )

    def run(
        self, run: Screened, started: dt.datetime
    ) -> tuple[int, dict[str, int], list[AlertRow]]:
        """Apply the run in one transaction: (run id, summary, alerts to notify)."""
        self.now = stamp(self.clock())
        versions = self.snapshot.versions
        with self.review.transaction():
            # Read under the write lock: a decision cannot slip in between read and update.
            alerts = self.review.book_alerts(self.book)
            self.run_id = self.review.add_run(
                book=self.book,
                kind=run.kind,
                status="ok",
                started_at=stamp(started),
                finished_at=self.now,
                actor=self.actor,
                versions={s: v.label for s, v in sorted(versions.items())},
                version_ids={s: v.id for s, v in sorted(versions.items())},
                settings=self.settings,
                summary={},
            )
            for rec in sorted(run.hits, key=lambda r: (r["query_id"], r["entity_id"])):
                fields, digest = run.customers[rec["query_id"]]
                hit = self._hit(rec, fields, digest)
                key = (hit.customer_id, hit.entity_id)
                alerts[key] = self._apply(hit, alerts.get(key))
            for rec in sorted(run.lost, key=lambda r: (r["query_id"], r["entity_id"])):
                key = (rec["query_id"], rec["entity_id"])
                if key in alerts:
                    alerts[key] = self._lose(alerts[key], rec["status"])
            screened = self._evidence(alerts, run.errors, run.screened)
            summary = {**self.summary, "customers": screened, "errors": len(run.errors)}
            self.review.set_run_summary(self.run_id, summary)
            evidence: dict[str, Any] = {
                "kind": run.kind,
                "versions": {s: v.label for s, v in sorted(versions.items())},
                "settings": self.settings,
                "summary": summary,
            }
            if run.kind in ("full", "delta"):
                evidence["statuses"] = run.statuses
            action = "book-screened" if run.kind in ("full", "delta") else f"{run.kind}-screened"
            self._record(action, run_id=self.run_id, evidence=evidence)
            self.review.append_audit(self.audit, audit.seal)
        notify = [self.review.alert(i) for i in self.notify]
        return self.run_id, summary, notify

    def _hit(self, rec: Mapping[str, Any], fields: dict[str, str], digest: str) -> rules.Hit:
        eid = rec["entity_id"]
        entity_hash = self._entity_hash(eid)
        version = self.snapshot.versions[eid.split(":", 1)[0]]
        return rules.Hit(
            book=self.book,
            customer_id=rec["query_id"],
            customer_name=fields.get("name", ""),
            customer_fields=content.screened_fields(fields),
            customer_hash=digest,
            entity_id=eid,
            entity_name=rec.get("entity_name") or eid,
            entity_hash=entity_hash,
            match_hash=content.match_hash(self._entity(entity_hash)),
            version_id=version.id,
            list_version=version.label,
            algorithm=str(self.settings["algorithm"]),
            threshold=float(self.settings["threshold"]),
            score=float(rec["score"]),
            features=list(rec.get("features") or []),
        )

    def _values(self, hit: rules.Hit) -> dict[str, Any]:
        return {
            "customer_name": hit.customer_name,
            "customer_hash": hit.customer_hash,
            "customer_fields": json.dumps(hit.customer_fields, ensure_ascii=False),
            "entity_name": hit.entity_name,
            "entity_hash": hit.entity_hash,
            "match_hash": hit.match_hash,
            "version_id": hit.version_id,
            "list_version": hit.list_version,
            "algorithm": hit.algorithm,
            "threshold": hit.threshold,
            "score": hit.score,
            "features": json.dumps(hit.features, ensure_ascii=False),
            "listed": 1,
            "updated_at": self.now,
            "last_run_id": self.run_id,
        }

    def _evidence_of(self, hit: rules.Hit) -> dict[str, Any]:
        return {
            "score": hit.score,
            "list_version": hit.list_version,
            "entity_hash": hit.entity_hash,
            "match_hash": hit.match_hash,
            "customer_hash": hit.customer_hash,
            "algorithm": hit.algorithm,
            "threshold": hit.threshold,
            "features": hit.features,
        }

    def _apply(self, hit: rules.Hit, alert: AlertRow | None) -> AlertRow:
        act = rules.action(hit, alert)
        ids = {"customer_id": hit.customer_id, "entity_id": hit.entity_id, "run_id": self.run_id}
        if act == "open":
            values = {
                **self._values(hit),
                "book": hit.book,
                "customer_id": hit.customer_id,
                "entity_id": hit.entity_id,
                **UNDECIDED,
                "opened_at": self.now,
                "first_run_id": self.run_id,
            }
            alert_id = self.review.insert_alert(values)
            self.summary["opened"] += 1
            self.notify.append(alert_id)
            self._record("alert-opened", alert_id=alert_id, evidence=self._evidence_of(hit), **ids)
            return self.review.alert(alert_id)
        assert alert is not None
        if act == "seen":
            self.summary["seen"] += 1
            return alert
        if act == "suppress":
            self.summary["suppressed"] += 1
            self._record(
                "hit-suppressed",
                alert_id=alert.id,
                decision=alert.decision,
                reason=f"decided {alert.decision} by {alert.decided_by} at {alert.decided_at}; "
                "nothing that matters changed since",
                evidence=self._evidence_of(hit),
                **ids,
            )
            return alert
        values = self._values(hit)
        evidence = self._evidence_of(hit)
        if act == "update":
            keep = alert.state in ("escalated", "awaiting-confirmation")
            values["state"] = alert.state if keep else "updated"
            evidence["before"] = {"score": alert.score, "entity_hash": alert.entity_hash}
            self.summary["updated"] += 1
            action = "alert-updated"
        else:
            before = content.matching_content(self._entity(alert.entity_hash))
            after = content.matching_content(self._entity(hit.entity_hash))
            changed = {
                "reasons": rules.reopen_reasons(alert, hit),
                "since": {
                    "decision": alert.decision,
                    "decided_by": alert.decided_by,
                    "decided_at": alert.decided_at,
                    "list_version": alert.list_version,
                },
                "entity": content.changes(before, after),
                "customer": content.changes(json.loads(alert.customer_fields), hit.customer_fields),
            }
            values.update(status="open", state="reopened", changes=json.dumps(changed))
            values["proposed_by"] = None
            evidence["changes"] = changed
            self.summary["reopened"] += 1
            self.notify.append(alert.id)
            action = "alert-reopened"
        self._update(alert, values)
        self._record(action, alert_id=alert.id, evidence=evidence, **ids)
        return self.review.alert(alert.id)

    def _update(self, alert: AlertRow, values: dict[str, Any]) -> None:
        if not self.review.update_alert(alert.id, alert.revision, values):
            raise StoreError(f"alert {alert.id} changed during the run; run it again")

    def _lose(self, alert: AlertRow, status: str) -> AlertRow:
        values: dict[str, Any] = {"updated_at": self.now, "last_run_id": self.run_id}
        if status == "delisted":
            values["listed"] = 0
        if alert.status == "open":
            values["state"] = status
        self._update(alert, values)
        self.summary[status] += 1
        self._record(
            "entity-delisted" if status == "delisted" else "hit-gone",
            alert_id=alert.id,
            customer_id=alert.customer_id,
            entity_id=alert.entity_id,
            run_id=self.run_id,
            evidence={"previous_score": alert.score, "list_version": alert.list_version},
        )
        return self.review.alert(alert.id)

    def _evidence(
        self,
        alerts: Mapping[tuple[str, str], AlertRow],
        errors: set[str],
        ids: Callable[[], Iterable[str]],
    ) -> int:
        """One screening record per customer screened; the number recorded."""
        state: dict[str, tuple[int, bool]] = {}
        for (cid, _), alert in alerts.items():
            current = bool(alert.listed) and alert.state not in ("gone", "delisted")
            hits, is_open = state.get(cid, (0, False))
            state[cid] = (hits + int(current), is_open or (alert.status == "open" and current))
        count = 0

        def rows() -> Any:
            nonlocal count
            for cid in ids():
                count += 1
                if cid in errors:
                    yield cid, "error", 0
                    continue
                hits, is_open = state.get(cid, (0, False))
                yield cid, "alert" if is_open else ("decided" if hits else "clear"), hits

        self.review.add_screenings(self.run_id, rows())
        return count
