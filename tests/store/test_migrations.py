"""Schema migrations: new stores get every one, older stores are brought forward, newer refused."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from sanctio.exceptions import StoreError
from sanctio.store import migrations
from sanctio.store.connection import connect
from sanctio.store.sqlite import Store


def test_both_backends_ship_the_same_migration_numbers() -> None:
    sqlite = [(m.number, m.name) for m in migrations.migrations("sqlite")]
    postgresql = [(m.number, m.name) for m in migrations.migrations("postgresql")]
    assert sqlite == postgresql
    assert migrations.latest("sqlite") == migrations.latest("postgresql")


def test_a_new_store_records_every_migration(store_target: str) -> None:
    Store.open(store_target).close()
    db = connect(store_target)
    numbers = [row[0] for row in db.rows("SELECT number FROM schema_migrations ORDER BY number")]
    assert numbers == [m.number for m in migrations.migrations(db.dialect)]
    version = db.one("SELECT value FROM meta WHERE key = 'schema_version'")
    assert version == (str(migrations.latest(db.dialect)),)
    db.close()


def test_a_store_of_the_previous_release_is_migrated_on_open(tmp_path: Path) -> None:
    """The previous release wrote the lists schema and meta.schema_version = '1' only."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(migrations.migrations()[0].sql)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    assert migrations.applied(connect(path)) == {1}
    Store.open(path).close()
    db = connect(path)
    assert migrations.applied(db) == {m.number for m in migrations.migrations()}
    assert not migrations.pending(db)


@pytest.mark.pg
def test_a_postgresql_store_at_0001_is_migrated_forward(pg_url: str) -> None:
    """A server store written at the first schema is brought to the latest on open."""
    db = connect(pg_url)
    first = migrations.migrations("postgresql")[0]
    with db.transaction():
        db.script(first.sql)
        db.run("INSERT INTO schema_migrations VALUES (1, 'lists', '2026-01-01T00:00:00Z')")
        db.run("INSERT INTO meta VALUES ('schema_version', '1')")
    assert migrations.applied(db) == {1}
    Store.open(pg_url).close()
    assert migrations.applied(db) == {m.number for m in migrations.migrations("postgresql")}
    db.close()


def test_a_store_from_a_later_release_is_refused(store_target: str) -> None:
    Store.open(store_target).close()
    db = connect(store_target)
    db.run("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01')")
    db.close()
    with pytest.raises(StoreError, match="9999"):
        Store.open(store_target)


def test_a_failing_migration_leaves_nothing_of_itself(
    store_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = connect(store_target)
    migrations.migrate(db)
    bad = migrations.Migration(
        9000, "bad", "CREATE TABLE half (x INTEGER);\nSELECT * FROM missing;"
    )
    shipped = migrations.migrations
    monkeypatch.setattr(migrations, "migrations", lambda dialect="sqlite": (*shipped(dialect), bad))
    with pytest.raises(StoreError, match="9000_bad"):
        migrations.migrate(db)
    assert not db.has_table("half")
    assert 9000 not in migrations.applied(db)
    db.close()


@pytest.mark.pg
def test_instances_starting_together_migrate_once(pg_url: str) -> None:
    """Several instances opening a new server store at once: each migration applied once."""
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store.open(pg_url).close()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = connect(pg_url)
    numbers = [r[0] for r in db.rows("SELECT number FROM schema_migrations ORDER BY number")]
    assert numbers == [m.number for m in migrations.migrations("postgresql")]
    db.close()
