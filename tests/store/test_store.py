"""Store round trips, immutability, history and diffs on hand-made entities, on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture
def store(store_target: str) -> Iterator[Store]:
    with Store.open(store_target) as opened:
        yield opened


def test_round_trip_history_and_diff(store: Store) -> None:
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


def test_versions_are_immutable(store_target: str) -> None:
    """The database itself refuses edits, whoever connects to it."""
    store = Store.open(store_target)
    vid = add(store, "2022-02-23", [person("1", "X")], "f1")
    db = store.database
    with pytest.raises(StoreError, match="immutable"):
        db.run("UPDATE versions SET published = '2000-01-01' WHERE id = ?", (vid,))
    with pytest.raises(StoreError, match="immutable"):
        db.run("DELETE FROM version_entities WHERE version_id = ?", (vid,))
    assert store.version(vid).published == dt.date(2022, 2, 23)
    assert [e.id for e in store.entities([vid])] == ["ofac-sdn:1"]
    store.close()


def test_failed_transaction_leaves_store_unchanged(store: Store) -> None:
    add(store, "2022-02-23", [person("1", "X")], "f1")
    dup = [person("9", "A"), person("9", "B")]
    with pytest.raises(StoreError, match="duplicate entity id"):
        add(store, "2022-02-24", dup, "f2")
    assert len(store.versions()) == 1
    assert store.find_fingerprint("f2") is None


def test_open_missing_store_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store.open(tmp_path / "nope.db", create=False)


@pytest.mark.pg
def test_open_an_empty_database_without_create(pg_url: str) -> None:
    with pytest.raises(StoreError, match="no sanctio store in this database"):
        Store.open(pg_url, create=False)


def test_entities_come_in_id_order_with_their_hashes(store_target: str) -> None:
    """Both backends hand an index build the same entities in the same (byte) order."""
    names = {"b": "Zed", "B": "Ann", "a2": "Éva", "a10": "Bo", "é": "Ü"}
    store = Store.open(store_target)
    vid = add(store, "2022-02-23", [person(k, v) for k, v in names.items()], "f1")
    ids = [e.id for e in store.entities([vid])]
    assert ids == sorted(ids, key=lambda i: i.encode("utf-8"))
    hashes = store.hashes(vid)
    assert [h for h, _ in store.hashed_entities([vid])] == [hashes[i] for i in ids]
    store.close()


texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20)


def _content(entity: Entity) -> dict[str, Any]:
    """An entity as the store keys its body: values in any order are one content."""
    data = entity.to_dict()
    data["properties"] = {k: sorted(v) for k, v in data["properties"].items()}
    return data


def _round_trip(store: Store, entity: Entity, fingerprint: str, *, shared: bool = False) -> None:
    """`shared`: the store outlives one example, so a body with the same content in
    another value order may be stored already, and is the one read back."""
    with store.transaction():
        v = store.add_version(
            source="ftm",
            format="ftm-jsonl",
            published=dt.date(2024, 1, 1),
            published_from="option",
            fingerprint=fingerprint,
            files=[],
            entities=[entity],
            problems=[Problem("f.json", "line 1", "name", "nul\x00byte", "odd")],
        )
    read = list(store.entities([v.id]))
    if shared:
        assert [_content(e) for e in read] == [_content(entity)]
        assert [e.id for e in read] == [entity.id]
    else:
        assert read == [entity]
    assert store.problems(v.id)[0].value.startswith("nul")


def _entity(native: str, schema: str, props: dict[str, list[str]]) -> Entity:
    b = EntityBuilder("ftm", native, schema)
    for prop, values in props.items():
        b.add_all(prop, values)
    return b.build()


entities = st.builds(
    _entity,
    native=st.from_regex(r"[A-Za-z0-9.]{1,8}", fullmatch=True),
    schema=st.sampled_from(["Person", "Company", "Vessel", "LegalEntity"]),
    props=st.dictionaries(
        st.sampled_from(["name", "alias", "notes", "program"]),
        st.lists(texts, min_size=1, max_size=3),
        max_size=4,
    ),
)


@settings(max_examples=60, deadline=None)
@given(entity=entities)
def test_entity_round_trip(entity: Entity) -> None:
    with Store.open(":memory:") as store:
        _round_trip(store, entity, "x")


@pytest.mark.pg
def test_entity_round_trip_on_postgresql(pg_cluster: Any) -> None:
    """Any text (control characters included) comes back from the server as it went in."""
    store = Store.open(pg_cluster.create_database("round_trip"))
    counter = iter(range(1_000_000))

    @settings(max_examples=60, deadline=None)
    @given(entity=entities)
    def check(entity: Entity) -> None:
        _round_trip(store, entity, f"x{next(counter)}", shared=True)

    try:
        check()
    finally:
        store.close()


def test_entities_with_the_same_content_keep_their_own_ids(store: Store) -> None:
    """A list's duplicate records share one stored body; each still reads as itself."""
    twins = [person("1", "DOE, John"), person("2", "DOE, John")]
    vid = add(store, "2022-02-23", twins, "f1")
    assert [e.id for e in store.entities([vid])] == ["ofac-sdn:1", "ofac-sdn:2"]
    known = dict(store.hashed_entities([vid]))  # one body for both: the reuse path
    assert [e.id for _, e in store.hashed_entities([vid], known)] == ["ofac-sdn:1", "ofac-sdn:2"]
    assert store.entity("ofac-sdn:2")[0].id == "ofac-sdn:2"
