"""A saved customer book and its last screening results, for nightly delta re-screening.

Tables live beside the list store (same SQLite file by default) under a `book_` prefix,
created here rather than in store/schema.sql because they belong to the batch use case,
not to list versions. A book remembers, per customer, the input fields, whether they have
been screened, and the current hits with the list versions that produced them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.model.customer import BatchRow

_SCHEMA = """
CREATE TABLE IF NOT EXISTS book_customers (
    book      TEXT NOT NULL,
    id        TEXT NOT NULL,
    line      INTEGER NOT NULL,
    fields    TEXT NOT NULL,          -- JSON {field: value}
    digest    TEXT NOT NULL,          -- hash of fields: a changed customer is re-screened
    screened  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (book, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS book_hits (
    book        TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    score       REAL NOT NULL,
    version     TEXT NOT NULL,        -- SOURCE@DATE the hit was found in
    found_at    TEXT NOT NULL,
    PRIMARY KEY (book, customer_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS book_hits_entity ON book_hits (book, entity_id);
CREATE TABLE IF NOT EXISTS book_runs (
    id        INTEGER PRIMARY KEY,
    book      TEXT NOT NULL,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,          -- full | delta
    versions  TEXT NOT NULL,          -- JSON {source: version id}
    settings  TEXT NOT NULL,          -- JSON {algorithm, threshold, index}
    summary   TEXT NOT NULL           -- JSON counts
);
"""


def fields_digest(fields: Mapping[str, str]) -> str:
    data = json.dumps(dict(sorted(fields.items())), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class BookRun:
    """The last screening of a book: which versions, with which settings."""

    id: int
    at: str
    kind: str
    versions: dict[str, int]
    settings: dict[str, Any]
    summary: dict[str, Any]


class Book:
    """One named customer book in a SQLite file."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self._conn = conn
        self.name = name

    @classmethod
    def open(cls, path: Path | str, name: str = "default") -> Book:
        try:
            conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the customer book: {exc}") from exc
        return cls(conn, name)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tx(self) -> _Transaction:
        return _Transaction(self._conn)

    # -- customers ---------------------------------------------------------------------

    def add(self, rows: Iterable[BatchRow]) -> dict[str, int]:
        """Insert or update customers; a customer whose fields changed is marked unscreened."""
        counts = {"added": 0, "updated": 0, "unchanged": 0, "errors": 0}
        with self._tx():
            for row in rows:
                if row.error is not None or not row.fields.get("name"):
                    counts["errors"] += 1
                    continue
                digest = fields_digest(row.fields)
                old = self._conn.execute(
                    "SELECT digest FROM book_customers WHERE book = ? AND id = ?",
                    (self.name, row.query_id),
                ).fetchone()
                if old is not None and old[0] == digest:
                    counts["unchanged"] += 1
                    continue
                counts["updated" if old else "added"] += 1
                self._conn.execute(
                    "INSERT OR REPLACE INTO book_customers (book, id, line, fields, digest, "
                    "screened) VALUES (?, ?, ?, ?, ?, 0)",
                    (self.name, row.query_id, row.line, json.dumps(row.fields), digest),
                )
                self._conn.execute(
                    "DELETE FROM book_hits WHERE book = ? AND customer_id = ?",
                    (self.name, row.query_id),
                )
        return counts

    def size(self) -> int:
        row = self._conn.execute(
            "SELECT count(*) FROM book_customers WHERE book = ?", (self.name,)
        ).fetchone()
        return int(row[0])

    def ids(self) -> Iterator[str]:
        """Every customer id of the book, in id order."""
        cur = self._conn.execute(
            "SELECT id FROM book_customers WHERE book = ? ORDER BY id", (self.name,)
        )
        while batch := cur.fetchmany(10000):
            yield from (r[0] for r in batch)

    def fields(self, ids: Iterable[str]) -> dict[str, tuple[dict[str, str], str]]:
        """customer id -> (fields, digest) for the given ids (unknown ids left out)."""
        out: dict[str, tuple[dict[str, str], str]] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            rows = self._conn.execute(
                "SELECT id, fields, digest FROM book_customers WHERE book = ? AND id IN ("
                + ", ".join("?" for _ in part)
                + ")",
                (self.name, *part),
            )
            for cid, fields, digest in rows:
                out[cid] = (json.loads(fields), digest)
        return out

    def customers(self, *, screened: bool | None = None) -> Iterator[BatchRow]:
        sql = "SELECT id, line, fields FROM book_customers WHERE book = ?"
        args: tuple[Any, ...] = (self.name,)
        if screened is not None:
            sql += " AND screened = ?"
            args = (self.name, int(screened))
        for _cid, line, fields in self._conn.execute(sql + " ORDER BY line, id", args).fetchall():
            yield BatchRow(int(line), json.loads(fields))

    # -- results -----------------------------------------------------------------------

    def hits(self) -> dict[tuple[str, str], float]:
        """(customer id, entity id) -> score of every current hit."""
        rows = self._conn.execute(
            "SELECT customer_id, entity_id, score FROM book_hits WHERE book = ?", (self.name,)
        )
        return {(c, e): float(s) for c, e, s in rows}

    def last_run(self) -> BookRun | None:
        row = self._conn.execute(
            "SELECT id, at, kind, versions, settings, summary FROM book_runs WHERE book = ? "
            "ORDER BY id DESC LIMIT 1",
            (self.name,),
        ).fetchone()
        if row is None:
            return None
        return BookRun(
            int(row[0]), row[1], row[2], json.loads(row[3]), json.loads(row[4]), json.loads(row[5])
        )

    def require_run(self) -> BookRun:
        run = self.last_run()
        if run is None:
            raise NotFoundError(f"book {self.name!r} has never been screened")
        return run

    def record(
        self,
        *,
        kind: str,
        versions: Mapping[str, int],
        settings: Mapping[str, Any],
        summary: Mapping[str, Any],
        records: Iterable[Mapping[str, Any]],
        screened: Iterable[str],
        drop_entities: Iterable[str] = (),
    ) -> None:
        """Apply one run's outcome in one transaction: drop hits on changed or removed
        entities, write the new matches, mark customers screened, log the run."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._tx():
            self._conn.executemany(
                "DELETE FROM book_hits WHERE book = ? AND entity_id = ?",
                [(self.name, e) for e in drop_entities],
            )
            self._conn.executemany(
                "INSERT OR REPLACE INTO book_hits (book, customer_id, entity_id, score, version, "
                "found_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        self.name,
                        r["query_id"],
                        r["entity_id"],
                        r["score"],
                        r.get("entity_version") or "",
                        now,
                    )
                    for r in records
                    if r.get("match") and r.get("entity_id")
                ],
            )
            self._conn.executemany(
                "UPDATE book_customers SET screened = 1 WHERE book = ? AND id = ?",
                [(self.name, c) for c in screened],
            )
            self._conn.execute(
                "INSERT INTO book_runs (book, at, kind, versions, settings, summary) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    self.name,
                    now,
                    kind,
                    json.dumps(dict(versions)),
                    json.dumps(dict(settings)),
                    json.dumps(dict(summary)),
                ),
            )


def book_names(path: Path | str) -> list[str]:
    """The books saved in the file at `path` (none when it has no book tables)."""
    conn = sqlite3.connect(str(path), timeout=30.0)
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'book_customers'"
        ).fetchone()
        if found is None:
            return []
        return [r[0] for r in conn.execute("SELECT DISTINCT book FROM book_customers ORDER BY 1")]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot read the customer books: {exc}") from exc
    finally:
        conn.close()


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")
