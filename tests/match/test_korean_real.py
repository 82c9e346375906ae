"""Korean names in Hangul and Hanja find their Latin-only entries on the real lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.index import NameIndex
from sanctio.model import Entity, EntityBuilder
from sanctio.normalize.korean import is_hangul
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener
from sanctio.sources.ofac.csv_reader import READER
from sanctio.sources.registry import read_all

#: The UK's five persons listed with a Hangul name (OFAC lists none of them).
UK_HANGUL = {
    "김영복": "uk-ofsi:16816",  # KIM YONG BOK
    "리창호": "uk-ofsi:16815",  # RI CHANG HO
    "노광철": "uk-ofsi:16818",  # NO KWANG CHOL
    "리송진": "uk-ofsi:16820",  # RI SONG JIN
    "신금철": "uk-ofsi:16817",  # SIN KUM CHOL
}


def _latin_only(entity: Entity) -> Entity:
    """The entity with its Hangul names removed: the query must meet a Latin spelling."""
    source, native = entity.id.split(":", 1)
    b = EntityBuilder(source, native, entity.schema)
    for name in entity.names():
        if not any(map(is_hangul, name)):
            b.add("name", name)
    return b.build()


@pytest.fixture(scope="module")
def screener(lists_dir: Path) -> Screener:
    """OFAC SDN 2024-05-03 (written in Latin letters only), and the UK's Hangul-named
    persons of 2025-04-14 without their Hangul names."""
    ofac = READER.read(sorted((lists_dir / "ofac-sdn/2024-05-03").glob("*.csv")), "ofac-sdn")
    uk = read_all(sorted((lists_dir / "uk-ofsi/2025-04-14").glob("*.xlsx")), "uk-ofsi")
    wanted = set(UK_HANGUL.values())
    korean = [_latin_only(e) for parsed in uk for e in parsed.entities if e.id in wanted]
    assert len(korean) == len(wanted)
    index = NameIndex.build(
        [*ofac.entities, *korean], versions={"ofac-sdn": "2024-05-03", "uk-ofsi": "2025-04-14"}
    )
    return Screener(index)


@pytest.mark.parametrize(("query", "entity_id"), sorted(UK_HANGUL.items()))
def test_a_hangul_name_finds_its_mccune_reischauer_entry(
    screener: Screener, query: str, entity_id: str
) -> None:
    top = screener.screen(Query.create(query, schema="Person")).results[0]
    assert top.entity_id == entity_id and top.score > 0.7, (query, top)


def test_a_hanja_name_finds_its_korean_reading(screener: Screener) -> None:
    # OFAC lists KIM, Chol Sam in Latin letters only; the UK and UN give 金铁三, whose
    # Mandarin reading (Jin Tiesan) shares nothing with it.
    top = screener.screen(Query.create("金铁三", schema="Person")).results[0]
    assert top.entity_id == "ofac-sdn:16084" and top.score > 0.7, top


def test_kim_jong_un_in_hangul_finds_him_and_no_other_kim_jong(screener: Screener) -> None:
    result = screener.screen(Query.create("김정은", schema="Person"), limit=10)
    assert result.results[0].entity_id == "ofac-sdn:20157"  # KIM, Jong Un
    assert [h.entity_id for h in result.matches] == ["ofac-sdn:20157"]


@pytest.mark.parametrize("query", ["김민준", "김경수", "Kim Kyong Su", "김서연"])
def test_another_koreans_name_does_not_alert_on_dprk_kims(screener: Screener, query: str) -> None:
    # Korean syllables are names, not typos: kyong is not yong, min jun not Min Chol.
    result = screener.screen(Query.create(query, schema="Person"), limit=10)
    kims = [h for h in result.results if h.caption.upper().startswith("KIM")]
    assert kims and all(h.score < 0.7 for h in kims), [(h.caption, h.score) for h in kims]
