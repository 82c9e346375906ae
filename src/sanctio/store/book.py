"""A saved customer book and its last screening results, for nightly delta re-screening.

Tables live beside the list store (same SQLite file by default) under a `book_` prefix,
created here on SQLite because they belong to the batch use case, not to list versions; on
PostgreSQL (a URL) the store's migrations create them. A book remembers, per customer, the
input fields, whether they have been screened, and the current hits with the list versions
that produced them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.model.customer import BatchRow
from sanctio.store import migrations
from sanctio.store.connection import Database, connect

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
CREATE TABLE IF NOT EXISTS book_keys (
    book       TEXT NOT NULL,
    id         TEXT NOT NULL,
    digest     TEXT NOT NULL,         -- the customer's fields the keys were computed from
    normalizer TEXT NOT NULL,         -- and the normaliser that analysed them
    keys       TEXT NOT NULL,         -- candidate keys (screening.batch.keys)
    PRIMARY KEY (book, id)
) WITHOUT ROWID;
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
class Customer:
    """One customer of a book as a run reads it (see `Book.scan`)."""

    id: str
    line: int
    fields_json: str
    digest: str
    screened: bool
    keys: str | None

    def row(self) -> BatchRow:
        return BatchRow(self.line, json.loads(self.fields_json))


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
    """One named customer book in a SQLite file or the PostgreSQL store."""

    def __init__(self, db: Database, name: str) -> None:
        self._db = db
        self.name = name

    @classmethod
    def open(cls, target: Path | str, name: str = "default") -> Book:
        db = connect(target)
        try:
            if db.dialect == "sqlite":
                db.run("PRAGMA journal_mode=WAL")
                db.script(_SCHEMA)
            elif migrations.pending(db):
                migrations.migrate(db)
        except StoreError as exc:
            db.close()
            raise StoreError(f"{target}: cannot open the customer book: {exc}") from exc
        return cls(db, name)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- customers ---------------------------------------------------------------------

    def add(self, rows: Iterable[BatchRow]) -> dict[str, int]:
        """Insert or update customers; a customer whose fields changed is marked unscreened."""
        counts = {"added": 0, "updated": 0, "unchanged": 0, "errors": 0}
        with self._db.transaction():
            for row in rows:
                if row.error is not None or not row.fields.get("name"):
                    counts["errors"] += 1
                    continue
                digest = fields_digest(row.fields)
                old = self._db.one(
                    "SELECT digest FROM book_customers WHERE book = ? AND id = ?",
                    (self.name, row.query_id),
                )
                if old is not None and old[0] == digest:
                    counts["unchanged"] += 1
                    continue
                counts["updated" if old else "added"] += 1
                self._db.run(
                    "INSERT INTO book_customers (book, id, line, fields, digest, screened) "
                    "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (book, id) DO UPDATE SET "
                    "line = excluded.line, fields = excluded.fields, digest = excluded.digest, "
                    "screened = 0",
                    (self.name, row.query_id, row.line, json.dumps(row.fields), digest),
                )
                self._db.run(
                    "DELETE FROM book_hits WHERE book = ? AND customer_id = ?",
                    (self.name, row.query_id),
                )
                self._db.run(
                    "DELETE FROM book_keys WHERE book = ? AND id = ?", (self.name, row.query_id)
                )
        return counts

    def size(self) -> int:
        row = self._db.one("SELECT count(*) FROM book_customers WHERE book = ?", (self.name,))
        return int(row[0]) if row else 0

    def ids(self) -> Iterator[str]:
        """Every customer id of the book, in id order."""
        for batch in self._db.batches(
            "SELECT id FROM book_customers WHERE book = ? ORDER BY id", (self.name,), size=10000
        ):
            yield from (r[0] for r in batch)

    def fields(self, ids: Iterable[str]) -> dict[str, tuple[dict[str, str], str]]:
        """customer id -> (fields, digest) for the given ids (unknown ids left out)."""
        out: dict[str, tuple[dict[str, str], str]] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            rows = self._db.rows(
                "SELECT id, fields, digest FROM book_customers WHERE book = ? AND id IN ("
                + ", ".join("?" for _ in part)
                + ")",
                (self.name, *part),
            )
            for cid, fields, digest in rows:
                out[cid] = (json.loads(fields), digest)
        return out

    def customers(self, *, screened: bool | None = None) -> Iterator[BatchRow]:
        """The book's customers in input order, streamed (SQLite) in batches."""
        sql = "SELECT id, line, fields FROM book_customers WHERE book = ?"
        args: tuple[Any, ...] = (self.name,)
        if screened is not None:
            sql += " AND screened = ?"
            args = (self.name, int(screened))
        for batch in self._db.batches(sql + " ORDER BY line, id", args):
            for _cid, line, fields in batch:
                yield BatchRow(int(line), json.loads(fields))

    def scan(self, normalizer: str) -> Iterator[Customer]:
        """Every customer in input order, with whether it was screened and its saved
        candidate keys when they still hold (same fields, same normaliser); the fields
        are parsed only for the customers the caller asks `row()` of."""
        sql = (
            "SELECT c.id, c.line, c.fields, c.digest, c.screened, k.keys FROM book_customers c "
            "LEFT JOIN book_keys k ON k.book = c.book AND k.id = c.id AND k.digest = c.digest "
            "AND k.normalizer = ? WHERE c.book = ? ORDER BY c.line, c.id"
        )
        for batch in self._db.batches(sql, (normalizer, self.name)):
            for cid, line, fields, digest, screened, keys in batch:
                yield Customer(cid, int(line), fields, digest, bool(screened), keys)

    def save_keys(self, normalizer: str, keys: Iterable[tuple[str, str, str]]) -> None:
        """Remember (customer id, fields digest, keys) for later delta runs."""
        with self._db.transaction():
            self._db.many(
                "INSERT INTO book_keys (book, id, digest, normalizer, keys) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (book, id) DO UPDATE SET "
                "digest = excluded.digest, normalizer = excluded.normalizer, "
                "keys = excluded.keys",
                [(self.name, cid, digest, normalizer, k) for cid, digest, k in keys],
            )

    # -- results -----------------------------------------------------------------------

    def hits(self) -> dict[tuple[str, str], float]:
        """(customer id, entity id) -> score of every current hit."""
        rows = self._db.rows(
            "SELECT customer_id, entity_id, score FROM book_hits WHERE book = ?", (self.name,)
        )
        return {(c, e): float(s) for c, e, s in rows}

    def last_run(self) -> BookRun | None:
        row = self._db.one(
            "SELECT id, at, kind, versions, settings, summary FROM book_runs WHERE book = ? "
            "ORDER BY id DESC LIMIT 1",
            (self.name,),
        )
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
        with self._db.transaction():
            self._db.many(
                "DELETE FROM book_hits WHERE book = ? AND entity_id = ?",
                [(self.name, e) for e in drop_entities],
            )
            self._db.many(
                "INSERT INTO book_hits (book, customer_id, entity_id, score, version, found_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (book, customer_id, entity_id) DO UPDATE "
                "SET score = excluded.score, version = excluded.version, "
                "found_at = excluded.found_at",
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
            self._db.many(
                "UPDATE book_customers SET screened = 1 WHERE book = ? AND id = ?",
                [(self.name, c) for c in screened],
            )
            self._db.run(
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


def book_names(target: Path | str) -> list[str]:
    """The books saved in the store at `target` (none when it has no book tables)."""
    db = connect(target)
    try:
        if not db.has_table("book_customers"):
            return []
        return [r[0] for r in db.rows("SELECT DISTINCT book FROM book_customers ORDER BY 1")]
    except StoreError as exc:
        raise StoreError(f"{target}: cannot read the customer books: {exc}") from exc
    finally:
        db.close()
