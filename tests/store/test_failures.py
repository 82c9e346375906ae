"""Store failures (full disk, lock held past the wait, read-only, not a store) give a
StoreError with the database's real cause and "nothing was changed", exit 5 in the CLI, and
leave the store as it was. The full disk is SQLite's own SQLITE_FULL, reached unprivileged by
capping the connection's `max_page_count` (what a small tmpfs would do); a read-only store
is tested on both backends (PostgreSQL: a database whose transactions are read-only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app
from sanctio.exceptions import StoreError
from sanctio.ingest.importer import import_paths
from sanctio.store import connection as connection_module
from sanctio.store.pool import ServerPool
from sanctio.store.sqlite import Store

runner = CliRunner()
SEMA = "ca-sema/2020-04-15"
UN = "un-sc/2018-10-29"


@pytest.fixture()
def loaded(lists_dir: Path, tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        import_paths(store, [lists_dir / SEMA], workers=0)
    return db


def snapshot(db: Path | str) -> list[tuple[str, int]]:
    with Store.open(db, create=False) as store:
        return [(v.label, v.entity_count) for v in store.versions()]


@pytest.fixture()
def pragma(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Statements run on every store connection the code under test opens."""
    statements: list[str] = []
    real = Store.open.__func__  # type: ignore[attr-defined]

    def open_with(
        cls: type[Store], path: str | Path, *, create: bool = True, pool: ServerPool | None = None
    ) -> Store:
        store: Store = real(cls, path, create=create, pool=pool)
        for sql in statements:
            store.database.run(sql)
        return store

    monkeypatch.setattr(Store, "open", classmethod(open_with))
    yield statements


def test_full_disk_import_fails_whole(lists_dir: Path, loaded: Path) -> None:
    before = snapshot(loaded)
    with Store.open(loaded, create=False) as store:
        pages = store.database.rows("PRAGMA page_count")[0][0]
        store.database.run(f"PRAGMA max_page_count={pages + 8}")
        with pytest.raises(StoreError) as err:
            import_paths(store, [lists_dir / UN], workers=0)
    message = str(err.value)
    assert "full" in message and "SQLITE_FULL" in message
    assert "nothing was changed" in message and "cannot rollback" not in message
    assert snapshot(loaded) == before


def test_full_disk_cli_exits_5(lists_dir: Path, loaded: Path, pragma: list[str]) -> None:
    before = snapshot(loaded)
    with Store.open(loaded, create=False) as store:
        pages = store.database.rows("PRAGMA page_count")[0][0]
    pragma.append(f"PRAGMA max_page_count={pages + 8}")
    result = runner.invoke(app, ["--db", str(loaded), "lists", "load", str(lists_dir / UN)])
    assert result.exit_code == 5, result.output
    text = " ".join(result.output.split())
    assert "SQLITE_FULL" in text and "nothing was changed" in text
    pragma.clear()
    assert snapshot(loaded) == before


def test_read_only_store_exits_5(lists_dir: Path, loaded: Path, pragma: list[str]) -> None:
    before = snapshot(loaded)
    pragma.append("PRAGMA query_only=1")  # as a read-only file would answer, even for root
    result = runner.invoke(app, ["--db", str(loaded), "lists", "load", str(lists_dir / UN)])
    assert result.exit_code == 5, result.output
    assert "nothing was changed" in " ".join(result.output.split())
    pragma.clear()
    assert snapshot(loaded) == before


def test_lock_held_past_the_wait_exits_5(
    lists_dir: Path, loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(loaded)
    monkeypatch.setattr(connection_module, "LOCK_WAIT", 0.2)
    holder = sqlite3.connect(loaded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = runner.invoke(app, ["--db", str(loaded), "lists", "load", str(lists_dir / UN)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 5, result.output
    text = " ".join(result.output.split())
    assert "locked" in text and "write lock" in text and "nothing was changed" in text
    assert snapshot(loaded) == before


def test_not_a_store_is_a_store_error_not_no_list(tmp_path: Path) -> None:
    db = tmp_path / "garbage.db"
    db.write_bytes(b"this is not an SQLite database at all, just text\n" * 100)
    result = runner.invoke(app, ["--db", str(db), "screen", "Vladimir Putin"])
    assert result.exit_code == 5, result.output
    text = " ".join(result.output.split())
    assert "not a database" in text and "no sanctions list is loaded" not in text


@pytest.mark.pg
def test_read_only_server_store_exits_5(lists_dir: Path, pg_url: str) -> None:
    with Store.open(pg_url) as store:
        import_paths(store, [lists_dir / SEMA], workers=0)
    before = snapshot(pg_url)
    name = pg_url.rsplit("/", 1)[1]
    conn: Any
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    result = runner.invoke(app, ["--db", pg_url, "lists", "load", str(lists_dir / UN)])
    assert result.exit_code == 5, result.output
    text = " ".join(result.output.split())
    assert "read-only transaction" in text and "nothing was changed" in text
    assert "Traceback" not in text
    assert snapshot(pg_url) == before
