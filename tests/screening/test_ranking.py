"""Equal scores are ranked by the evidence behind them (birth date, nationality, ids)."""

from __future__ import annotations

from sanctio.index import NameIndex
from sanctio.model import EntityBuilder
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener


def _person(native: str, **props: str) -> EntityBuilder:
    b = EntityBuilder("test", native, "Person")
    b.add("name", "HASSAN, Ali")
    for prop, value in props.items():
        b.add(prop, value)
    return b


def test_ties_at_one_are_broken_by_agreeing_evidence() -> None:
    # Three namesakes: the query's name matches each exactly (1.0 before qualifiers).
    plain = _person("1").build()
    dated = _person("2", birthDate="1970-05-01").build()
    both = _person("3", birthDate="1970-05-01", nationality="iq").build()
    index = NameIndex.build([plain, dated, both], versions={"test": "test@2024-01-01"})
    result = Screener(index).screen(
        Query.create(
            "Ali Hassan", schema="Person", birth_dates=["1970-05-01"], nationalities=["iq"]
        )
    )
    scores = [h.score for h in result.results]
    assert scores == [1.0, 1.0, 1.0]  # a tie: the score alone cannot order them
    assert [h.entity_id for h in result.results] == ["test:3", "test:2", "test:1"]
