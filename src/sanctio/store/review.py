"""Persistence of alert review: runs, evidence of screening, alerts, decisions, audit log,
webhook deliveries. All the SQL of review lives here, behind `ReviewStore`'s plain methods.

The tables come from migration 0002 and live in the list store (one file, one backup; or
the PostgreSQL store, where every instance reads and decides the same alerts).
The rules (when an alert opens, how an audit record is hashed) are the caller's: this
module stores and reads rows, and appends audit records under the write lock so the
chain has no fork.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.store.connection import Database
from sanctio.store.sqlite import Store

#: The columns of an alert no one has decided yet: every writer of a new alert (the review
#: run, tests, benchmarks) starts from this one definition.
UNDECIDED: Mapping[str, Any] = MappingProxyType(
    {
        "status": "open",
        "state": "new",
        "decision": None,
        "decided_by": None,
        "decided_at": None,
        "reason": None,
        "proposed_by": None,
        "decided_customer_hash": None,
        "decided_match_hash": None,
        "changes": None,
        "revision": 1,
    }
)

#: The hash the first audit record chains to.
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One stored alert (see 0002_review.sql for the meaning of each column)."""

    id: int
    book: str
    customer_id: str
    customer_name: str
    customer_hash: str
    customer_fields: str
    entity_id: str
    entity_name: str
    entity_hash: str
    match_hash: str
    version_id: int
    list_version: str
    algorithm: str
    threshold: float
    score: float
    features: str
    status: str
    state: str
    decision: str | None
    decided_by: str | None
    decided_at: str | None
    reason: str | None
    proposed_by: str | None
    decided_customer_hash: str | None
    decided_match_hash: str | None
    changes: str | None
    listed: int
    revision: int
    opened_at: str
    updated_at: str
    first_run_id: int
    last_run_id: int


_ALERT_COLUMNS = tuple(f.name for f in fields(AlertRow))
_ALERT_SELECT = "SELECT " + ", ".join(_ALERT_COLUMNS) + " FROM alerts"


@dataclass(frozen=True, slots=True)
class DecisionRow:
    id: int
    alert_id: int
    at: str
    actor: str
    decision: str
    reason: str
    customer_hash: str
    match_hash: str
    score: float
    revision: int


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One audit record as stored; `hash` seals every other field and `prev_hash`."""

    seq: int
    at: str
    actor: str
    action: str
    book: str | None
    customer_id: str | None
    entity_id: str | None
    alert_id: int | None
    run_id: int | None
    decision: str | None
    reason: str | None
    evidence: str
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        """The sealed fields (all but `hash`)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "hash"}


_AUDIT_COLUMNS = tuple(f.name for f in fields(AuditRow))

#: seal(content without hash) -> hash; the rule lives in review.audit.
Sealer = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True, slots=True)
class RunRow:
    id: int
    book: str
    kind: str
    status: str
    started_at: str
    finished_at: str
    actor: str
    versions: dict[str, str]
    version_ids: dict[str, int]
    settings: dict[str, Any]
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ScreeningRow:
    """Evidence: one customer screened in one run, against the run's versions."""

    run: RunRow
    customer_id: str
    outcome: str
    hits: int


class ReviewStore:
    """Review tables of the store at `path` (a SQLite path or a PostgreSQL URL).
    Use `ReviewStore.open(path)`."""

    def __init__(self, db: Database, path: str) -> None:
        self._db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> ReviewStore:
        # The list store's opening: same file or server, same migrations.
        store = Store.open(path)
        return cls(store.database, store.path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes inside land together or not at all; takes the write lock at once (on
        PostgreSQL the advisory lock every writer takes, so the audit chain cannot fork
        even when two instances append at once)."""
        with self._db.transaction(exclusive=True):
            yield

    def _writing(self) -> None:
        if not self._db.in_transaction:
            raise StoreError("review writes must run inside ReviewStore.transaction()")

    # -- runs and evidence -------------------------------------------------------------

    def add_run(
        self,
        *,
        book: str,
        kind: str,
        status: str,
        started_at: str,
        finished_at: str,
        actor: str,
        versions: Mapping[str, str],
        version_ids: Mapping[str, int],
        settings: Mapping[str, Any],
        summary: Mapping[str, Any],
    ) -> int:
        self._writing()
        return self._insert(
            "INSERT INTO review_runs (book, kind, status, started_at, finished_at, actor, "
            "versions, version_ids, settings, summary) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                book,
                kind,
                status,
                started_at,
                finished_at,
                actor,
                _json(versions),
                _json(version_ids),
                _json(settings),
                _json(summary),
            ),
        )

    def _insert(self, sql: str, args: Sequence[Any]) -> int:
        """Insert one row; its new id (RETURNING works on SQLite >= 3.35 and PostgreSQL)."""
        row = self._db.one(sql + " RETURNING id", args)
        return int(row[0]) if row else 0

    def set_run_summary(self, run_id: int, summary: Mapping[str, Any]) -> None:
        self._writing()
        self._db.run("UPDATE review_runs SET summary = ? WHERE id = ?", (_json(summary), run_id))

    def run(self, run_id: int) -> RunRow:
        row = self._db.one("SELECT * FROM review_runs WHERE id = ?", (run_id,))
        if row is None:
            raise NotFoundError(f"no review run {run_id}")
        return _run(row)

    def runs(self, book: str | None = None, limit: int = 100) -> list[RunRow]:
        sql, args = "SELECT * FROM review_runs", ()  # type: tuple[str, tuple[Any, ...]]
        if book is not None:
            sql, args = sql + " WHERE book = ?", (book,)
        rows = self._db.rows(sql + " ORDER BY id DESC LIMIT ?", (*args, limit))
        return [_run(r) for r in rows]

    def add_screenings(self, run_id: int, rows: Iterable[tuple[str, str, int]]) -> None:
        """(customer id, outcome, hits) for every customer the run screened."""
        self._writing()
        self._db.insert_rows(
            "screenings",
            ("customer_id", "run_id", "outcome", "hits"),
            [(cid, run_id, outcome, hits) for cid, outcome, hits in rows],
        )

    def screenings(self, customer_id: str, book: str | None = None) -> list[ScreeningRow]:
        sql = (
            "SELECT r.*, s.customer_id, s.outcome, s.hits FROM screenings s "
            "JOIN review_runs r ON r.id = s.run_id WHERE s.customer_id = ?"
        )
        args: tuple[Any, ...] = (customer_id,)
        if book is not None:
            sql, args = sql + " AND r.book = ?", (customer_id, book)
        rows = self._db.rows(sql + " ORDER BY r.id", args)
        return [ScreeningRow(_run(r[:11]), r[11], r[12], int(r[13])) for r in rows]

    # -- alerts ------------------------------------------------------------------------

    def book_alerts(self, book: str) -> dict[tuple[str, str], AlertRow]:
        """Every alert of `book`, by (customer id, entity id)."""
        rows = self._db.rows(_ALERT_SELECT + " WHERE book = ?", (book,))
        return {(r[2], r[6]): AlertRow(*r) for r in rows}

    def insert_alert(self, values: Mapping[str, Any]) -> int:
        """A new alert from column values (all but id)."""
        self._writing()
        columns = [c for c in _ALERT_COLUMNS if c != "id"]
        missing = [c for c in columns if c not in values]
        if missing:
            raise StoreError(f"alert without {', '.join(missing)}")
        return self._insert(
            f"INSERT INTO alerts ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            [values[c] for c in columns],
        )

    def update_alert(self, alert_id: int, revision: int, values: Mapping[str, Any]) -> bool:
        """Change an alert if it is still at `revision` (bumped by one); False if it moved."""
        self._writing()
        unknown = set(values) - set(_ALERT_COLUMNS) - {"id"}
        if unknown or "id" in values or "revision" in values:
            raise StoreError(f"cannot set alert columns {sorted(unknown | {'id', 'revision'})}")
        sets = ", ".join(f"{c} = ?" for c in values)
        changed = self._db.run(
            f"UPDATE alerts SET {sets}, revision = revision + 1 WHERE id = ? AND revision = ?",
            (*values.values(), alert_id, revision),
        )
        return changed == 1

    def alert(self, alert_id: int) -> AlertRow:
        if not 0 < alert_id < 2**63:
            raise NotFoundError(f"no alert {alert_id}")
        row = self._db.one(_ALERT_SELECT + " WHERE id = ?", (alert_id,))
        if row is None:
            raise NotFoundError(f"no alert {alert_id}")
        return AlertRow(*row)

    def alerts(
        self,
        *,
        status: str | None = "open",
        book: str | None = None,
        source: str | None = None,
        min_score: float | None = None,
        order: str = "score",
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[AlertRow]:
        """Alerts filtered by status/book/list/score; most likely first (`score`), or by id."""
        where: list[str] = []
        args: list[Any] = []
        if status is not None:
            where.append("status = ?")
            args.append(status)
        if book is not None:
            where.append("book = ?")
            args.append(book)
        if source is not None:
            where.append("entity_id LIKE ?")
            args.append(source.replace("%", "").replace("_", "\\_") + ":%")
        if min_score is not None:
            where.append("score >= ?")
            args.append(min_score)
        sql = _ALERT_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        if source is not None:
            sql = sql.replace("LIKE ?", "LIKE ? ESCAPE '\\'")
        sql += " ORDER BY score DESC, id" if order == "score" else " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [AlertRow(*r) for r in self._db.rows(sql, args)]

    def count_alerts(self, *, status: str | None = None, book: str | None = None) -> int:
        where, args = [], []  # type: tuple[list[str], list[Any]]
        if status is not None:
            where.append("status = ?")
            args.append(status)
        if book is not None:
            where.append("book = ?")
            args.append(book)
        sql = "SELECT count(*) FROM alerts" + (" WHERE " + " AND ".join(where) if where else "")
        row = self._db.one(sql, args)
        return int(row[0]) if row else 0

    def add_decision(
        self,
        *,
        alert_id: int,
        at: str,
        actor: str,
        decision: str,
        reason: str,
        customer_hash: str,
        match_hash: str,
        score: float,
        revision: int,
    ) -> int:
        self._writing()
        return self._insert(
            "INSERT INTO decisions (alert_id, at, actor, decision, reason, customer_hash, "
            "match_hash, score, revision) VALUES (?,?,?,?,?,?,?,?,?)",
            (alert_id, at, actor, decision, reason, customer_hash, match_hash, score, revision),
        )

    def decisions(self, alert_id: int) -> list[DecisionRow]:
        rows = self._db.rows("SELECT * FROM decisions WHERE alert_id = ? ORDER BY id", (alert_id,))
        return [DecisionRow(*r) for r in rows]

    # -- audit log ---------------------------------------------------------------------

    def append_audit(self, records: Sequence[Mapping[str, Any]], seal: Sealer) -> list[AuditRow]:
        """Append records in order, each chained to the one before and sealed by `seal`."""
        self._writing()
        last = self._db.one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS)
        out: list[AuditRow] = []
        for record in records:
            seq += 1
            content: dict[str, Any] = {
                c: record.get(c) for c in _AUDIT_COLUMNS if c not in ("seq", "hash")
            }
            content["seq"] = seq
            content["prev_hash"] = prev
            if not isinstance(content["evidence"], str):
                content["evidence"] = _json(content["evidence"] or {})
            row = AuditRow(**content, hash=seal(content))
            out.append(row)
            prev = row.hash
        self._db.insert_rows(
            "audit_log", _AUDIT_COLUMNS, [tuple(getattr(r, c) for c in _AUDIT_COLUMNS) for r in out]
        )
        return out

    def audit(self, *, after: int = 0, alert_id: int | None = None) -> Iterator[AuditRow]:
        """Audit records in chain order (from `after`, or of one alert)."""
        sql = f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audit_log WHERE seq > ?"
        args: tuple[Any, ...] = (after,)
        if alert_id is not None:
            sql, args = sql + " AND alert_id = ?", (after, alert_id)
        for batch in self._db.batches(sql + " ORDER BY seq", args):
            yield from (AuditRow(*r) for r in batch)

    # -- webhook deliveries ------------------------------------------------------------

    def add_delivery(
        self,
        *,
        at: str,
        url: str,
        event: str,
        run_id: int | None,
        body_sha256: str,
        attempts: int,
        status_code: int | None,
        ok: bool,
        error: str | None,
    ) -> int:
        with self.transaction():
            return self._insert(
                "INSERT INTO webhook_deliveries (at, url, event, run_id, body_sha256, attempts, "
                "status_code, ok, error) VALUES (?,?,?,?,?,?,?,?,?)",
                (at, url, event, run_id, body_sha256, attempts, status_code, int(ok), error),
            )

    def deliveries(self, run_id: int | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM webhook_deliveries", ()  # type: tuple[str, tuple[Any, ...]]
        if run_id is not None:
            sql, args = sql + " WHERE run_id = ?", (run_id,)
        names = self._db.columns("webhook_deliveries")
        sql = sql.replace("*", ", ".join(names), 1)
        return [dict(zip(names, r, strict=True)) for r in self._db.rows(sql + " ORDER BY id", args)]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _run(row: Sequence[Any]) -> RunRow:
    return RunRow(
        int(row[0]),
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        json.loads(row[7]),
        json.loads(row[8]),
        json.loads(row[9]),
        json.loads(row[10]),
    )
