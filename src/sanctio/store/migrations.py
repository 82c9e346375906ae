"""Forward schema migrations: numbered SQL files applied in order, each in one transaction.

`store/migrations/NNNN_name.sql` holds migration NNNN for SQLite and
`store/migrations/postgresql/NNNN_name.sql` the same migration for PostgreSQL (same numbers,
each in its own dialect: the DDL differs, the tables and guarantees do not). The store records
each one it applied in `schema_migrations` (and the highest as `meta.schema_version`); opening a
store applies every one it lacks, in order, so a store written by an earlier release is brought
forward on open, and one written by a later release (a migration this code does not know) is
refused rather than misread. A migration that fails is rolled back whole and the store stays as
it was. Migrations run under the writer's lock, so instances starting together apply each once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from sanctio.exceptions import StoreError
from sanctio.store.connection import Database

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
#: Where each dialect's files live, under `store/migrations/`.
_FOLDERS = {"sqlite": (), "postgresql": ("postgresql",)}


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered schema change."""

    number: int
    name: str
    sql: str


def migrations(dialect: str = "sqlite") -> tuple[Migration, ...]:
    """Every migration shipped with this release for `dialect`, in order of number."""
    folder = resources.files("sanctio.store").joinpath("migrations")
    for part in _FOLDERS[dialect]:
        folder = folder.joinpath(part)
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise StoreError(f"two store migrations share a number: {numbers}")
    return tuple(found)


def latest(dialect: str = "sqlite") -> int:
    """The highest schema version this release writes."""
    return migrations(dialect)[-1].number


def applied(db: Database) -> set[int]:
    """The migrations the store behind `db` has (empty: a new database)."""
    if db.has_table("schema_migrations"):
        return {int(row[0]) for row in db.rows("SELECT number FROM schema_migrations")}
    if db.has_table("meta"):
        # Stores written before schema_migrations existed hold the lists schema (0001) only.
        return {1}
    return set()


def pending(db: Database) -> tuple[Migration, ...]:
    """The migrations `db`'s store still needs; refuses a store newer than this release."""
    have, known = applied(db), migrations(db.dialect)
    unknown = have - {m.number for m in known}
    if unknown:
        raise StoreError(
            f"the store has schema migrations {sorted(unknown)} that this release does not "
            f"know (it knows up to {known[-1].number}); upgrade sanctio"
        )
    return tuple(m for m in known if m.number not in have)


def migrate(db: Database) -> list[int]:
    """Apply every pending migration, each in its own transaction; the numbers applied."""
    done: list[int] = []
    for migration in pending(db):
        try:
            with db.transaction(exclusive=True):
                if migration.number in applied(db):
                    continue  # another process applied it while this one waited
                db.script(migration.sql)
                _record(db, migration)
        except StoreError as exc:
            raise StoreError(
                f"migration {migration.number:04d}_{migration.name} failed, nothing of it "
                f"was applied: {exc}"
            ) from exc
        done.append(migration.number)
    return done


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record(db: Database, migration: Migration) -> None:
    if not db.has_table("schema_migrations"):
        db.run(
            "CREATE TABLE schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)"
        )
        if migration.number != 1:
            # An older store: record the lists schema it was created with.
            db.run("INSERT INTO schema_migrations VALUES (1, 'lists', ?)", (_now(),))
    db.run(
        "INSERT INTO schema_migrations VALUES (?, ?, ?)",
        (migration.number, migration.name, _now()),
    )
    db.run(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(max(applied(db))),),
    )
