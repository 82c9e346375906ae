"""Whatever a customer file holds as a name, screening answers, and answers the same.

Names are drawn from pieces of every script and shape the matcher reads specially:
Arabic with its vowel marks, Persian, Hebrew, Cyrillic, Han, Hangul, Vietnamese letters,
brackets holding another writing, hyphens, "son of" and "s/o", particles, legal forms,
digits, invisible joiners and direction marks. No name may raise, score outside 0 to 1,
rank out of order, or answer differently the second time.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.match.entities import ALL, make

from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

#: Pieces of names, invisible joiners and marks among them.
PIECES = tuple(
    [
        "Ali",
        "al-",
        "AL",
        "bin",
        "ibn",
        "son of",
        "s/o",
        "d/o",
        "daughter of",
        "Abd al-Rahman",
        "محمد",
        "مُحَمَّد",
        "عبد",
        "الرحمن",
        "بن",
        "ة",
        "ع",
        "آل",
        "السيد",
        "شرکت",
        "ملی",
        "\u200c",
        "Лукашенко",
        "Александр",
        "Ёж",
        "Łukasz",
        "Gdańsk",
        "Nguyễn",
        "Đức",
        "ƯƠ",
        "习近平",
        "金正恩",
        "김정은",
        "박",
        "株式会社",
        "(주)",
        "שלום",
        "Δημήτρης",
        "(",
        ")",
        "[",
        "]",
        "-",
        ",",
        "/",
        ".",
        "'",
        " ",
        "  ",
        "LLC",
        "OOO",
        "PJSC",
        "d.o.o.",
        "1",
        "2021",
        "M/V",
        "Dr.",
        "Haji",
        "Mullah",
        "\u200f",
        "\u202e",
        "\u0301",
        "tsch",
        "tj",
        "Kim Jong-Un",
        "NAM-SAN",
        "Carpentier-Mace",
        "V.V.",
        "ОАО «",
        "»",
    ]
)
NAMES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=9).map("".join) | st.text(
    max_size=40
)
SCHEMAS = st.sampled_from(["Person", "Company", "Organization", "Vessel", "LegalEntity", None])


@pytest.fixture(scope="module")
def screener() -> Screener:
    extra: tuple[Entity, ...] = (
        make("90", "Person", "AKRIN, Akrin Saleh (أقرين صالح أقرين)"),
        make("91", "Organization", "كتيبة أنصار الشريعة (Katibat Ansar al Charia)"),
        make("92", "Person", "KIM, Jong Un", "김정은"),
        make("93", "Company", "NAMSAN TRADING CO"),
    )
    return Screener(NameIndex.build((*ALL, *extra), versions={"test": "1"}))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, schema=SCHEMAS, threshold=st.floats(0.0, 1.0))
def test_any_name_screens_in_range_in_order_and_the_same_twice(
    screener: Screener, name: str, schema: str | None, threshold: float
) -> None:
    try:
        query = Query.create(name, schema=schema)
    except InputError as err:  # blank, no letters, control characters: refused by field
        assert err.field == "name"
        return
    first = screener.screen(query, threshold=threshold, cutoff=0.0)
    again = screener.screen(query, threshold=threshold, cutoff=0.0)
    scores = [h.score for h in first.results]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert all(h.match == (h.score >= threshold) for h in first.results)
    assert [(h.entity_id, h.score) for h in again.results] == [
        (h.entity_id, h.score) for h in first.results
    ]
