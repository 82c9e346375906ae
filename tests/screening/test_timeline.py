"""Entity timelines: listing dates stated by publishers, and presence across loaded versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctio.exceptions import NotFoundError
from sanctio.model import EntityBuilder
from sanctio.screening.service import ScreeningService
from sanctio.screening.timeline import entity_timeline, listing_timeline
from sanctio.store.sqlite import Store


@pytest.fixture(scope="module")
def store(history: ScreeningService) -> Store:
    return Store.open(history.db_path, create=False)


def test_delisted_between_two_versions(store: Store) -> None:
    noriega = listing_timeline(store, "ofac-sdn:1572")
    assert noriega.caption == "NORIEGA, Manuel Antonio"
    assert noriega.first_seen is not None and noriega.first_seen.label == "ofac-sdn@2021-08-18"
    assert noriega.last_seen is not None and noriega.last_seen.label == "ofac-sdn@2021-08-18"
    assert noriega.delisted is not None and noriega.delisted.label == "ofac-sdn@2022-02-23"
    data = noriega.to_dict()
    assert data["delisted_in"] == "ofac-sdn@2022-02-23"
    assert data["delisted_between"] == ["2021-08-18", "2022-02-23"]
    assert [e["event"] for e in data["events"]] == ["added", "removed"]
    assert noriega.listed_at(dt.date(2021, 12, 31)) is True
    assert noriega.listed_at(dt.date(2022, 3, 1)) is False
    assert noriega.listed_at(dt.date(2020, 1, 1)) is None


def test_added_and_still_listed(store: Store) -> None:
    putin = listing_timeline(store, "ofac-sdn:35096")
    assert putin.first_seen is not None and putin.first_seen.label == "ofac-sdn@2022-02-26"
    assert putin.delisted is None and len(putin.periods) == 1
    assert putin.publisher == "OFAC"
    assert putin.to_dict()["delisted_between"] is None
    assert putin.listed_at(dt.date(2022, 2, 24)) is False  # the 2022-02-23 list lacked him


def test_unknown_entity(store: Store) -> None:
    with pytest.raises(NotFoundError):
        listing_timeline(store, "ofac-sdn:99999999")


def test_stated_listing_dates_per_publisher_and_relisting(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    rows: tuple[tuple[str, str, str | None, list[str]], ...] = (
        ("uk-ofsi", "2022-03-01", "Listed", ["2022-02-28"]),
        ("un-sc", "2021-01-01", "Listed", ["2014-07-30"]),
        ("un-sc", "2022-01-01", None, []),
        ("un-sc", "2023-01-01", "Listed", ["2014-07-30"]),
    )
    with Store.open(db) as store, store.transaction():
        for n, (source, day, name, created) in enumerate(rows):
            entities = []
            if name:
                b = EntityBuilder(source, "7", "Person")
                b.add("name", "PERSON, Some")
                b.add("publisher", source.upper())
                b.add("createdAt", *created)
                entities.append(b.build())
            store.add_version(
                source=source,
                format="test",
                published=dt.date.fromisoformat(day),
                published_from="option",
                fingerprint=f"v{n}",
                files=[],
                entities=entities,
                problems=[],
            )
    with Store.open(db, create=False) as store:
        timeline = entity_timeline(store, "uk-ofsi:7", related=["un-sc:7"])
    un, uk = timeline.listings  # ordered by stated listing date
    assert (un.source, un.listed_on) == ("un-sc", ("2014-07-30",))
    assert (uk.source, uk.listed_on) == ("uk-ofsi", ("2022-02-28",))
    assert [(p.since.label, p.until.label if p.until else None) for p in un.periods] == [
        ("un-sc@2021-01-01", "un-sc@2022-01-01"),
        ("un-sc@2023-01-01", None),
    ]
    assert un.delisted is None  # relisted since
    assert [e["event"] for e in un.to_dict()["events"]] == ["added", "removed", "relisted"]
    assert timeline.to_dict()["listings"][1]["publisher"] == "UK-OFSI"
