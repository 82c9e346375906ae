"""Ownership versions in the store: migration 0003, round trip, immutability, all or nothing."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from sanctio.model import Problem
from sanctio.model.ownership import Holding, OwnershipData, Party
from sanctio.store import migrations
from sanctio.store.ownership import OwnershipStore
from sanctio.store.sqlite import Store

DATA = OwnershipData(
    {
        "ofac-sdn:1": Party("ofac-sdn:1", "Person", {"name": ("X",)}, ("ofac-sdn:1", "uk-ofsi:9")),
        "a": Party("a", "Company", {"name": ("A LLC",), "leiCode": ("LEI1",)}),
    },
    (
        Holding("ofac-sdn:1", "a", Decimal("33.33"), "2020", "", False, "", "f.csv", 2),
        Holding("ofac-sdn:1", "a", None, "", "2021-05", True, "control", "f.csv", 3),
    ),
)
PROBLEMS = [Problem("f.csv", "line 4", "percentage", "120", "outside 0-100")]


def test_migration_0003_needs_only_the_lists_schema(tmp_path: Path) -> None:
    names = [(m.number, m.name) for m in migrations.migrations()]
    assert (3, "ownership") in names
    conn = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    conn.executescript(migrations.migrations()[0].sql)  # a 0001-only store
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    sql = next(m.sql for m in migrations.migrations() if m.number == 3)
    for statement in migrations._statements(sql):
        conn.execute(statement)  # 0003 alone applies on top of 0001
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"ownership_versions", "ownership_holdings", "ownership_parties"} <= tables


def test_round_trip_and_versions_in_order(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        owned = OwnershipStore(store)
        version = owned.add(fmt="csv", path="f.csv", sha256="abc", data=DATA, problems=PROBLEMS)
        assert version.label == "ownership@1" and version.holding_count == 2
        assert owned.find("abc") == version
        assert owned.latest() == version
        assert owned.data(version.id) == DATA
        assert owned.problems(version.id) == PROBLEMS
        again = owned.add(fmt="csv", path="f.csv", sha256="abc", data=DATA, problems=[])
        assert owned.find("abc") == again and owned.latest() == again  # the latest wins
        assert owned.versions() == [version, again]


def test_versions_are_immutable(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        OwnershipStore(store).add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=[])
    conn = sqlite3.connect(tmp_path / "s.db")
    for sql in (
        "UPDATE ownership_versions SET path = 'x'",
        "DELETE FROM ownership_versions",
        "UPDATE ownership_holdings SET percentage = '99'",
        "DELETE FROM ownership_holdings",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            conn.execute(sql)


def test_a_failed_load_writes_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        owned = OwnershipStore(store)
        conn = store._conn
        # the last insert of a load fails: versions, parties and holdings are rolled back
        conn.execute(
            "CREATE TRIGGER fail BEFORE INSERT ON ownership_problems "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
        with pytest.raises(sqlite3.DatabaseError, match="disk full"):
            owned.add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=PROBLEMS)
        assert owned.versions() == []
        assert conn.execute("SELECT count(*) FROM ownership_holdings").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM ownership_parties").fetchone() == (0,)
        assert owned.add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=[]).id == 1
