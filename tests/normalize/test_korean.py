"""Korean names: Hangul romanised per syllable as the lists write them, Hanja read in Korean."""

from __future__ import annotations

import pytest

from sanctio.match import compare
from sanctio.match.tokens import token_similarity
from sanctio.model import EntityBuilder
from sanctio.normalize import analyze_name
from sanctio.normalize.korean import (
    MR,
    RR,
    all_syllables,
    hangul_readings,
    hanja_readings,
    is_korean_syllable,
    korean_variants,
    romanise_hangul,
    same_korean_syllable,
    syllable_spellings,
    syllables_differ,
)
from sanctio.normalize.syllables import is_syllable
from sanctio.screening.query import Query


@pytest.mark.parametrize(
    ("hangul", "mr", "rr"),
    [
        ("김영복", "kim yong bok", "kim yeong bok"),  # 복 voiced after 영 (inside the given name)
        ("리창호", "ri chang ho", "ri chang ho"),  # initial ㄹ is r (BGN writes the South's ni)
        ("노광철", "no kwang chol", "no gwang cheol"),  # the given name's first syllable: initial
        ("신금철", "sin kum chol", "sin geum cheol"),
        ("김정은", "kim jong un", "kim jeong eun"),  # ㅈ is j, as the lists write it
        ("최룡해", "choe ryong hae", "choe ryong hae"),
        ("박도춘", "pak to chun", "pak do chun"),
        ("이재명", "yi jae myong", "yi jae myeong"),  # the surname 이 is Yi
    ],
)
def test_a_hangul_name_reads_syllable_by_syllable_in_both_schemes(
    hangul: str, mr: str, rr: str
) -> None:
    assert romanise_hangul(hangul, MR, person=True) == mr
    assert romanise_hangul(hangul, RR, person=True) == rr
    forms = [" ".join(f.tokens) for f in analyze_name(hangul, "person")]
    assert forms == list(dict.fromkeys([mr, rr]))


def test_a_family_name_written_apart_reads_as_one_name() -> None:
    assert analyze_name("김 영복", "person") == analyze_name("김영복", "person")


def test_an_organisations_hangul_keeps_the_generic_romanisation() -> None:
    forms = analyze_name("조선광선은행", "org")
    assert len(forms) == 1 and "joseongwangseon" in forms[0].tokens


def test_hanja_readings_come_from_unihan_simplified_through_traditional() -> None:
    table = hanja_readings()
    assert len(table) > 9000
    assert table["金"] == ("금", "김") and table["三"] == ("삼",)
    assert table["铁"] == table["鐵"] == ("철",)  # simplified 铁 read as its traditional 鐵
    assert table["龙"] == table["龍"]


def test_a_three_character_han_name_gets_at_most_two_korean_readings() -> None:
    assert hangul_readings("金铁三") == ("금철삼", "김철삼")
    assert hangul_readings("李明博") == ("리명박",)  # 이, the South's form of 리, is left out
    assert hangul_readings("王秀") == ()  # two characters: far more often a Chinese name
    forms = [" ".join(f.tokens) for f in analyze_name("金铁三", "person")]
    assert forms == ["jin tiesan", "kum chol sam", "kim chol sam"]
    assert [f.tokens for f in analyze_name("金铁三", "org")] == [("jin", "tie", "san")]


def test_the_frozen_syllable_spellings_are_what_the_rules_compute() -> None:
    for syllable in list(all_syllables())[::97]:
        for spelling in syllable_spellings(syllable):
            assert is_korean_syllable(spelling), (syllable, spelling)
    assert korean_variants("yong") == ("yeong",)
    assert set(korean_variants("kim")) == {"gim"}
    assert not is_korean_syllable("young") and not is_korean_syllable("o")


def test_one_syllables_spellings_pair_and_two_syllables_do_not() -> None:
    assert same_korean_syllable("yong", "yeong") and same_korean_syllable("pok", "bok")
    assert token_similarity("kum", "geum") == token_similarity("chol", "cheol") == 0.95
    assert syllables_differ("jong", "yong") and syllables_differ("jin", "in")
    assert token_similarity("jong", "yong") < 0.95  # one tolerant key, two characters
    assert is_syllable("kyong") and is_syllable("cheol")


def _person(name: str) -> EntityBuilder:
    b = EntityBuilder("test", name, "Person")
    b.add("name", name)
    return b


def test_korean_syllables_are_names_not_typos() -> None:
    listed = _person("KIM, Yong Su").build()
    assert compare(Query.create("Kim Kyong Su", schema="Person"), listed).score < 0.7
    assert compare(Query.create("김영수", schema="Person"), listed).score > 0.95
    assert compare(Query.create("Kim Yeong Su", schema="Person"), listed).score > 0.9


def test_jieut_is_spelt_j_and_ch() -> None:
    # 조 is the North's JO and McCune-Reischauer's CHO (CHO, Chun-ryong / JO Chun Ryong);
    # 장 is JANG and CHANG (JANG Song Thaek / CHANG Song-thaek)
    assert {"jo", "cho"} <= set(syllable_spellings("조"))
    assert {"jang", "chang"} <= set(syllable_spellings("장"))
    assert same_korean_syllable("jong", "chong") and same_korean_syllable("jo", "cho")
