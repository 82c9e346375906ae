"""Given names across languages, from rigour's Wikidata name items (data/given_names.tsv)."""

from __future__ import annotations

import pytest

from sanctio.match.tokens import COGNATE, token_similarity
from sanctio.normalize.given_names import given_names, same_given_name

FAMILIES = [
    ("alexander", "aleksandr", "alyaksandr", "aliaksandr", "oleksandr", "aleksander", "alexandre"),
    ("mikhail", "michael", "mykhailo"),
    ("yuri", "yury", "yurii"),
    ("sergei", "sergey", "serhii"),
    ("grigory", "ryhor"),
    ("natalia", "natallia", "nataliya"),
    ("mohammed", "muhammad"),
    ("hussein", "husayn"),
]


@pytest.mark.parametrize("family", FAMILIES)
def test_spellings_of_one_name_meet(family: tuple[str, ...]) -> None:
    for a in family:
        for b in family:
            assert token_similarity(a, b) >= COGNATE, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("alexander", "mikhail"),
        ("yuri", "george"),  # cognates by etymology, different names in use
        ("ivan", "john"),
        ("chong", "sang"),  # one Chinese given name item, no shared letters
        ("ding", "jan"),
        ("petrovich", "petrovna"),  # male and female patronymic
        ("putin", "putina"),  # male and female surname: one Wikidata family-name item
        ("ivanov", "ivanova"),
        ("vysotsky", "vysotskaya"),
    ],
)
def test_different_names_do_not(a: str, b: str) -> None:
    assert not (same_given_name(a, b) and token_similarity(a, b) == COGNATE)
    assert token_similarity(a, b) < COGNATE


def test_table_is_symmetric_and_shipped() -> None:
    table = given_names()
    assert len(table.own) > 5000
    assert all(t.isascii() and len(t) >= 4 for t in table.own)
    sample = sorted(table.own)[::50]
    for a in sample:
        for b in sample:
            assert table.same(a, b) == table.same(b, a)
    assert not same_given_name("alexander", "alexander")
