"""Ownership versions in the store, on SQLite and PostgreSQL: migration 0003, round trip,
immutability, all or nothing, and `db copy` carrying them to a server."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sanctio.exceptions import StoreError
from sanctio.model import Problem
from sanctio.model.ownership import Holding, OwnershipData, Party
from sanctio.store import migrations
from sanctio.store.connection import connect
from sanctio.store.copy import copy_store
from sanctio.store.ownership import OwnershipStore, StoredParties
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

#: A trigger that fails every insert into ownership_problems (the last table a load writes).
_FAIL = {
    "sqlite": (
        "CREATE TRIGGER fail BEFORE INSERT ON ownership_problems "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
    ),
    "postgresql": (
        "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'disk full'; END; $$; "
        "CREATE TRIGGER fail BEFORE INSERT ON ownership_problems "
        "FOR EACH ROW EXECUTE FUNCTION fail();"
    ),
}


def test_migration_0003_needs_only_the_lists_schema(store_target: str) -> None:
    db = connect(store_target)
    try:
        known = migrations.migrations(db.dialect)
        assert (3, "ownership") in [(m.number, m.name) for m in known]
        with db.transaction(exclusive=True):
            db.script(known[0].sql)  # a 0001-only store
            db.script(next(m.sql for m in known if m.number == 3))  # 0003 alone on top
        for table in ("ownership_versions", "ownership_holdings", "ownership_parties"):
            assert db.has_table(table)
        assert not db.has_table("alerts")  # 0002 was not needed
    finally:
        db.close()


def test_round_trip_and_versions_in_order(store_target: str) -> None:
    with Store.open(store_target) as store:
        owned = OwnershipStore(store)
        version = owned.add(fmt="csv", path="f.csv", sha256="abc", data=DATA, problems=PROBLEMS)
        assert version.label == "ownership@1" and version.holding_count == 2
        assert owned.find("abc") == version
        assert owned.latest() == version
        assert owned.data(version.id) == DATA
        assert owned.problems(version.id) == PROBLEMS
        assert owned.holding_rows(version.id) == [
            ("ofac-sdn:1", "a", "33.33", "2020", "", 0),
            ("ofac-sdn:1", "a", None, "", "2021-05", 1),
        ]
        assert owned.listed_parties(version.id) == {"ofac-sdn:1": ("ofac-sdn:1", "uk-ofsi:9")}
        parties = StoredParties(owned, version.id)
        assert list(parties) == ["a", "ofac-sdn:1"] and len(parties) == 2
        assert parties["a"] == DATA.parties["a"]
        assert "b" not in parties
        again = owned.add(fmt="csv", path="f.csv", sha256="abc", data=DATA, problems=[])
        assert owned.find("abc") == again and owned.latest() == again  # the latest wins
        assert owned.versions() == [version, again]


def test_versions_are_immutable(store_target: str) -> None:
    with Store.open(store_target) as store:
        OwnershipStore(store).add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=[])
    db = connect(store_target)
    try:
        for sql in (
            "UPDATE ownership_versions SET path = 'x'",
            "DELETE FROM ownership_versions",
            "UPDATE ownership_holdings SET percentage = '99'",
            "DELETE FROM ownership_holdings",
        ):
            with pytest.raises(StoreError, match="immutable"):
                db.run(sql)
        assert db.one("SELECT count(*) FROM ownership_holdings") == (2,)
    finally:
        db.close()


def test_a_failed_load_writes_nothing(store_target: str) -> None:
    with Store.open(store_target) as store:
        owned = OwnershipStore(store)
        db = store.database
        # the last insert of a load fails: versions, parties and holdings are rolled back
        db.script(_FAIL[db.dialect])
        with pytest.raises(StoreError, match="disk full"):
            owned.add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=PROBLEMS)
        assert owned.versions() == []
        assert db.one("SELECT count(*) FROM ownership_holdings") == (0,)
        assert db.one("SELECT count(*) FROM ownership_parties") == (0,)
        # the next load lands (its id may skip one: PostgreSQL sequences are not rolled back)
        loaded = owned.add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=[])
        assert owned.versions() == [loaded] and owned.data(loaded.id) == DATA


@pytest.mark.pg
def test_db_copy_carries_ownership_versions(tmp_path: Path, pg_url: str) -> None:
    with Store.open(tmp_path / "s.db") as store:
        owned = OwnershipStore(store)
        first = owned.add(fmt="csv", path="f.csv", sha256="a", data=DATA, problems=PROBLEMS)
        second = owned.add(fmt="csv", path="g.csv", sha256="b", data=DATA, problems=[])
        source = store.database
        target = connect(pg_url)
        try:
            copied = {c.table: c.rows for c in copy_store(source, target)}
        finally:
            target.close()
    assert copied["ownership_versions"] == 2 and copied["ownership_holdings"] == 4
    assert copied["ownership_parties"] == 4 and copied["ownership_problems"] == 1
    with Store.open(pg_url, create=False) as server:
        owned = OwnershipStore(server)
        assert owned.versions() == [first, second]
        assert owned.data(first.id) == DATA and owned.problems(first.id) == PROBLEMS
        third = owned.add(fmt="csv", path="h.csv", sha256="c", data=DATA, problems=[])
        assert third.id == second.id + 1  # ids continue after the copied ones
