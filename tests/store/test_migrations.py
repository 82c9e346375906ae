"""Schema migrations: new stores get every one, older stores are brought forward, newer refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sanctio.exceptions import StoreError
from sanctio.store import migrations
from sanctio.store.sqlite import Store


def test_a_new_store_records_every_migration(tmp_path: Path) -> None:
    Store.open(tmp_path / "s.db").close()
    conn = sqlite3.connect(tmp_path / "s.db")
    numbers = [row[0] for row in conn.execute("SELECT number FROM schema_migrations")]
    assert numbers == [m.number for m in migrations.migrations()]
    version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == (str(migrations.latest()),)


def test_a_store_of_the_previous_release_is_migrated_on_open(tmp_path: Path) -> None:
    """The previous release wrote the lists schema and meta.schema_version = '1' only."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(migrations.migrations()[0].sql)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    assert migrations.applied(sqlite3.connect(path)) == {1}
    Store.open(path).close()
    conn = sqlite3.connect(path)
    assert migrations.applied(conn) == {m.number for m in migrations.migrations()}
    assert not migrations.pending(conn)


def test_a_store_from_a_later_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', '2030-01-01')")
    conn.commit()
    with pytest.raises(StoreError, match="9999"):
        Store.open(path)


def test_a_failing_migration_leaves_nothing_of_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    migrations.migrate(conn)
    bad = migrations.Migration(9000, "bad", "CREATE TABLE half (x);\nSELECT * FROM missing;")
    shipped = migrations.migrations()
    monkeypatch.setattr(migrations, "migrations", lambda: (*shipped, bad))
    with pytest.raises(StoreError, match="9000_bad"):
        migrations.migrate(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables
    assert 9000 not in migrations.applied(conn)
