"""Move a whole store from one database to another (`sanctio db copy`): SQLite to PostgreSQL.

Every table the store holds is copied as it is, ids included, in one transaction on the
target under the writer's lock: the copy lands whole or not at all. The target must hold no
list version yet (a copy never merges two histories). API keys kept in SQLite's separate key
file are copied when that file is given.
"""

from __future__ import annotations

from typing import NamedTuple

from sanctio.exceptions import StoreError
from sanctio.store import migrations
from sanctio.store.connection import Database

#: Tables in an order that satisfies their foreign keys; tables a store lacks are skipped,
#: and a table of a later migration comes after these (see `tables`).
ORDER = (
    "versions",
    "version_files",
    "blobs",
    "version_entities",
    "problems",
    "book_customers",
    "book_hits",
    "book_runs",
    "review_runs",
    "screenings",
    "alerts",
    "decisions",
    "audit_log",
    "webhook_deliveries",
    "ownership_versions",
    "ownership_parties",
    "ownership_holdings",
    "ownership_problems",
)
#: Bookkeeping each database keeps for itself.
_OWN = {"meta", "schema_migrations", "sqlite_sequence", "sqlite_stat1"}


class Copied(NamedTuple):
    """How many rows of one table were copied."""

    table: str
    rows: int


def tables(db: Database) -> list[str]:
    """The store's tables in copy order (known ones first, then the rest by name)."""
    if db.dialect == "sqlite":
        names = {r[0] for r in db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}
    else:
        names = {
            r[0]
            for r in db.rows(
                "SELECT table_name FROM information_schema.tables WHERE "
                "table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        }
    names -= _OWN
    return [t for t in ORDER if t in names] + sorted(names - set(ORDER))


def copy_store(source: Database, target: Database, *, keys: Database | None = None) -> list[Copied]:
    """Copy every table of `source` (and `keys`' api_keys) into the empty store `target`."""
    missing = {m.number for m in migrations.migrations(source.dialect)} - migrations.applied(source)
    if missing:
        raise StoreError(f"{source.target}: migrate the source first (lacks {sorted(missing)})")
    migrations.migrate(target)
    wanted = set(tables(target))
    done: list[Copied] = []
    with target.transaction(exclusive=True):
        row = target.one("SELECT count(*) FROM versions")
        if row is not None and int(row[0]) > 0:
            raise StoreError(
                f"{target.target}: already holds {row[0]} list version(s); copy into an empty store"
            )
        plan = [(source, t) for t in tables(source)]
        if keys is not None:
            plan.append((keys, "api_keys"))
        for origin, table in plan:
            if table not in wanted:
                raise StoreError(f"{target.target}: has no table {table} to copy into")
            columns = origin.columns(table)
            count = 0
            for batch in origin.batches(f"SELECT {', '.join(columns)} FROM {table}"):
                target.insert_rows(table, columns, batch)
                count += len(batch)
            done.append(Copied(table, count))
            if target.dialect == "postgresql" and "id" in columns and count:
                _continue_ids(target, table)
    return done


def _continue_ids(target: Database, table: str) -> None:
    """Copied ids were given explicitly: the next new row's id continues after them."""
    sequence = target.one("SELECT pg_get_serial_sequence(?, 'id')", (table,))
    if sequence is not None and sequence[0] is not None:
        target.rows(f"SELECT setval(?, (SELECT max(id) FROM {table}))", (sequence[0],))
