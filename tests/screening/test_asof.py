"""Screening as of a date on the real OFAC SDN history: versions in force, gaps, caching."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctio.exceptions import InputError, NotFoundError
from sanctio.model import EntityBuilder
from sanctio.screening.query import Query
from sanctio.screening.service import ScreeningService
from sanctio.screening.text.screen import screen_text
from sanctio.store.sqlite import Store

PUTIN = "ofac-sdn:35096"


def _hits(svc: ScreeningService, day: dt.date, name: str) -> list[str]:
    result = svc.as_of(day).screener.screen(Query.create(name))
    return [h.entity_id for h in result.matches]


def test_putin_is_a_hit_after_his_designation(history: ScreeningService) -> None:
    snapshot = history.as_of(dt.date(2022, 3, 1))
    assert snapshot.describe()["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    assert snapshot.describe()["as_of"] == "2022-03-01"
    assert snapshot.describe()["missing_sources"] == []
    assert _hits(history, dt.date(2022, 3, 1), "Vladimir Putin") == [PUTIN]


def test_putin_is_not_a_hit_before(history: ScreeningService) -> None:
    snapshot = history.as_of(dt.date(2022, 2, 23))
    assert snapshot.describe()["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-23"}
    assert PUTIN not in snapshot.index
    assert _hits(history, dt.date(2022, 2, 23), "Vladimir Putin") == []
    # between versions, the older one is still in force
    assert history.as_of(dt.date(2022, 2, 25)).describe()["versions"] == {
        "ofac-sdn": "ofac-sdn@2022-02-23"
    }


def test_text_screening_as_of(history: ScreeningService) -> None:
    text = "Talks between Vladimir Putin and the delegation ended late."
    after = screen_text(history.as_of(dt.date(2022, 3, 1)).screener, text)
    before = screen_text(history.as_of(dt.date(2022, 2, 24)).screener, text)
    assert [m.entity_id for m in after.mentions] == [PUTIN]
    assert after.mentions[0].text == "Vladimir Putin"
    assert before.mentions == ()
    assert "ofac-sdn@2022-02-23" in before.index and "ofac-sdn@2022-02-26" in after.index


def test_snapshots_are_cached_per_version_set(history: ScreeningService) -> None:
    first = history.as_of(dt.date(2022, 2, 23))
    assert history.as_of(dt.date(2022, 2, 24)) is first  # same version in force


def test_before_any_version_and_in_the_future(history: ScreeningService) -> None:
    with pytest.raises(NotFoundError, match=r"2021-01-01.*earliest.*2021-08-18"):
        history.as_of(dt.date(2021, 1, 1))
    with pytest.raises(InputError, match="future"):
        history.as_of(dt.date.today() + dt.timedelta(days=1))


def test_a_source_without_a_version_then_is_named(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    with Store.open(db) as store, store.transaction():
        for source, day, name in (
            ("ofac-sdn", "2022-01-01", "IVANOV, Petr"),
            ("un-sc", "2023-01-01", "PETROV, Ivan"),
        ):
            b = EntityBuilder(source, "1", "Person")
            b.add("name", name)
            store.add_version(
                source=source,
                format="test",
                published=dt.date.fromisoformat(day),
                published_from="option",
                fingerprint=f"{source}-{day}",
                files=[],
                entities=[b.build()],
                problems=[],
            )
    svc = ScreeningService(db)
    snapshot = svc.as_of(dt.date(2022, 6, 1))
    assert snapshot.missing == ("un-sc",)
    assert snapshot.describe()["missing_sources"] == ["un-sc"]
    assert snapshot.describe()["versions"] == {"ofac-sdn": "ofac-sdn@2022-01-01"}
    assert svc.as_of(dt.date(2023, 6, 1)).missing == ()
