"""Forward schema migrations: numbered SQL files applied in order, each in one transaction.

`store/migrations/NNNN_name.sql` holds migration NNNN. The store records each one it applied in
`schema_migrations` (and the highest as `meta.schema_version`); opening a store applies every
one it lacks, in order, so a store written by an earlier release is brought forward on open,
and one written by a later release (a migration this code does not know) is refused rather than
misread. A migration that fails is rolled back whole and the store stays as it was.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from sanctio.exceptions import StoreError

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered schema change."""

    number: int
    name: str
    sql: str


def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this release, in order of number (unique numbers)."""
    found: list[Migration] = []
    for entry in resources.files("sanctio.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise StoreError(f"two store migrations share a number: {numbers}")
    return tuple(found)


def latest() -> int:
    """The highest schema version this release writes."""
    return migrations()[-1].number


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def applied(conn: sqlite3.Connection) -> set[int]:
    """The migrations the store behind `conn` has (empty: a new database)."""
    if _has_table(conn, "schema_migrations"):
        return {int(row[0]) for row in conn.execute("SELECT number FROM schema_migrations")}
    if _has_table(conn, "meta"):
        # Stores written before schema_migrations existed hold the lists schema (0001) only.
        return {1}
    return set()


def pending(conn: sqlite3.Connection) -> tuple[Migration, ...]:
    """The migrations `conn`'s store still needs; refuses a store newer than this release."""
    have, known = applied(conn), migrations()
    unknown = have - {m.number for m in known}
    if unknown:
        raise StoreError(
            f"the store has schema migrations {sorted(unknown)} that this release does not "
            f"know (it knows up to {known[-1].number}); upgrade sanctio"
        )
    return tuple(m for m in known if m.number not in have)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every pending migration, each in its own transaction; the numbers applied."""
    done: list[int] = []
    for migration in pending(conn):
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Statement by statement: executescript would commit the open transaction.
            for statement in _statements(migration.sql):
                conn.execute(statement)
            _record(conn, migration)
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"migration {migration.number:04d}_{migration.name} failed, nothing of it "
                f"was applied: {exc}"
            ) from exc
        done.append(migration.number)
    return done


def _record(conn: sqlite3.Connection, migration: Migration) -> None:
    if not _has_table(conn, "schema_migrations"):
        conn.execute(
            "CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)"
        )
        if migration.number != 1:
            # An older store: record the lists schema it was created with.
            conn.execute(
                "INSERT INTO schema_migrations VALUES (1, 'lists', "
                "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
            )
    conn.execute(
        "INSERT INTO schema_migrations VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        (migration.number, migration.name),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(max(applied(conn))),),
    )


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their BEGIN ... END; bodies)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
