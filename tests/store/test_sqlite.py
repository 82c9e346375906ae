"""Store round trips, immutability, history and diffs on hand-made entities."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctio.exceptions import NotFoundError, StoreError
from sanctio.model import Entity, EntityBuilder, Problem
from sanctio.store.diff import diff_versions
from sanctio.store.sqlite import Store
from sanctio.store.versions import StoredFile


def person(native: str, name: str, **props: str) -> Entity:
    b = EntityBuilder("ofac-sdn", native, "Person")
    b.add("name", name)
    for prop, value in props.items():
        b.add(prop, value)
    return b.build()


def add(store: Store, day: str, entities: list[Entity], tag: str) -> int:
    with store.transaction():
        v = store.add_version(
            source="ofac-sdn",
            format="ofac-csv",
            published=dt.date.fromisoformat(day),
            published_from="option",
            fingerprint=tag,
            files=[StoredFile(f"/x/{tag}/sdn.csv", tag, 1)],
            entities=entities,
            problems=[Problem("sdn.csv", "line 3", "DOB", "32 Foo", "bad date")],
        )
    return v.id


def test_round_trip_history_and_diff() -> None:
    store = Store.open(":memory:")
    a = person("1", "PUTIN, Vladimir", birthDate="1952-10-07")
    b = person("2", "LUKASHENKA, Alyaksandr")
    b2 = person("2", "LUKASHENKA, Alyaksandr", alias="LUKASHENKO, Aleksandr")
    v1 = add(store, "2022-02-23", [b], "f1")
    v2 = add(store, "2022-02-26", [a, b2], "f2")
    v3 = add(store, "2022-03-01", [b2], "f3")

    assert [v.id for v in store.versions("ofac-sdn")] == [v1, v2, v3]
    got, version = store.entity("ofac-sdn:1")
    assert got == a and version.id == v2
    assert store.version(v1).problem_count == 1
    assert store.problems(v1)[0].field == "DOB"

    hist = store.history("ofac-sdn:1")
    assert [e.event for e in hist.events] == ["added", "removed"]
    assert hist.first_seen is not None and hist.first_seen.id == v2
    assert hist.removed is not None and hist.removed.id == v3
    assert [e.event for e in store.history("ofac-sdn:2").events] == [
        "added",
        "changed",
        "unchanged",
    ]

    d = diff_versions(store, store.version(v1), store.version(v2))
    assert [e.id for e in d.added] == ["ofac-sdn:1"]
    assert [c.entity.id for c in d.changed] == ["ofac-sdn:2"]
    assert d.changed[0].changes[0].prop == "alias"
    assert d.changed[0].changes[0].added == ("LUKASHENKO, Aleksandr",)

    assert store.in_force(dt.date(2022, 2, 24))["ofac-sdn"].id == v1
    assert store.in_force(dt.date(2020, 1, 1)) == {}
    assert store.resolve("ofac-sdn@2022-02-26").id == v2
    assert store.resolve("2022-03-01", "ofac-sdn").id == v3
    with pytest.raises(NotFoundError):
        store.resolve("2022-03-02", "ofac-sdn")


def test_versions_are_immutable() -> None:
    store = Store.open(":memory:")
    vid = add(store, "2022-02-23", [person("1", "X")], "f1")
    conn = store._conn
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        conn.execute("UPDATE versions SET published = '2000-01-01' WHERE id = ?", (vid,))
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        conn.execute("DELETE FROM version_entities WHERE version_id = ?", (vid,))


def test_failed_transaction_leaves_store_unchanged() -> None:
    store = Store.open(":memory:")
    add(store, "2022-02-23", [person("1", "X")], "f1")
    dup = [person("9", "A"), person("9", "B")]
    with pytest.raises(StoreError, match="duplicate entity id"):
        add(store, "2022-02-24", dup, "f2")
    assert len(store.versions()) == 1
    assert store.find_fingerprint("f2") is None


def test_open_missing_store_without_create(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="no store here"):
        Store.open(tmp_path / "nope.db", create=False)


texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    native=st.from_regex(r"[A-Za-z0-9.]{1,8}", fullmatch=True),
    schema=st.sampled_from(["Person", "Company", "Vessel", "LegalEntity"]),
    props=st.dictionaries(
        st.sampled_from(["name", "alias", "notes", "program"]),
        st.lists(texts, min_size=1, max_size=3),
        max_size=4,
    ),
)
def test_entity_round_trip(native: str, schema: str, props: dict[str, list[str]]) -> None:
    b = EntityBuilder("ftm", native, schema)
    for prop, values in props.items():
        b.add_all(prop, values)
    entity = b.build()
    store = Store.open(":memory:")
    with store.transaction():
        v = store.add_version(
            source="ftm",
            format="ftm-jsonl",
            published=dt.date(2024, 1, 1),
            published_from="option",
            fingerprint="x",
            files=[],
            entities=[entity],
            problems=[],
        )
    assert list(store.entities([v.id])) == [entity]
