"""Mandarin syllables: in a person's name two different ones are two names, not a typo."""

from __future__ import annotations

import icu

from sanctio.match import compare
from sanctio.model import EntityBuilder
from sanctio.normalize.syllables import is_syllable, pinyin_syllables
from sanctio.screening.query import Query


def test_the_frozen_syllables_are_icus_readings_of_chinese_characters() -> None:
    table = pinyin_syllables()
    assert 380 <= len(table) <= 450
    han = icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")
    for ch in "张章庄郑杨洪宋冰京习近平刘宝霞":
        assert han.transliterate(ch).lower() in table, ch
    assert is_syllable("zhuang") and not is_syllable("zhnag") and not is_syllable("bingo")


def _entity(schema: str, name: str) -> EntityBuilder:
    b = EntityBuilder("test", name, schema)
    b.add("name", name)
    return b


def test_syllables_pair_on_an_edit_in_vessel_names_but_not_in_persons() -> None:
    person = _entity("Person", "SONG, Jing").build()
    vessel = _entity("Vessel", "FU YUAN YU 8696").build()
    assert compare(Query.create("Song Bing", schema="Person"), person).score < 0.7
    assert compare(Query.create("Song Jing", schema="Person"), person).score > 0.9
    assert compare(Query.create("Song Jnig", schema="Person"), person).score > 0.7  # a typo
    assert compare(Query.create("FU YAN YU 8696", schema="Vessel"), vessel).score > 0.85
