"""Saved candidate keys: what they hold, and that `reachable` answers as screening does."""

from __future__ import annotations

import pytest

from sanctio.index import NameIndex
from sanctio.model import EntityBuilder
from sanctio.screening.batch.keys import keys_reach, query_keys
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener


@pytest.fixture(scope="module")
def screener() -> Screener:
    person = EntityBuilder("test", "1", "Person")
    person.add("name", "PUTIN, Vladimir Vladimirovich")
    person.add("weakAlias", "Vova")
    arabic = EntityBuilder("test", "4", "Person")
    arabic.add("name", "OMAR, Mullah")
    company = EntityBuilder("test", "2", "Company")
    company.add("name", "Rosneft Trading SA")
    company.add("registrationNumber", "CHE-123.456.789")
    wallet = EntityBuilder("test", "3", "CryptoWallet")
    wallet.add("publicKey", "0xAbC0000000000000000000000000000000000001")
    entities = [b.build() for b in (person, company, wallet, arabic)]
    return Screener(NameIndex.build(entities, versions={"test": "test@2024-01-01"}))


QUERIES = [
    Query.create("Vladimir Putin"),
    Query.create("Wladimir Poutine"),  # fuzzy tokens
    Query.create("Vova"),  # the weak alias alone
    Query.create("Acme Holdings", id_numbers=["CHE123456789"]),  # the identifier alone
    Query.create([], wallets=["0xabc0000000000000000000000000000000000001"]),
    Query.create("Johanna Lindqvist"),
    Query.create("عمر"),  # Arabic script: reaches OMAR through its consonants only
    Query.create("Acme Holdings", id_numbers=["XY998877"]),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: (q.names or q.wallets)[0])
def test_keys_reach_exactly_when_screening_finds_something(
    screener: Screener, query: Query
) -> None:
    pq = screener.prepare(query) if query.names else None
    keys = query_keys(query, pq)
    assert keys is not None
    found = screener.screen(query, cutoff=0.0, prepared=pq).results
    reach = keys_reach(screener.index, keys, {})
    # Never weaker: whatever screening finds, the keys reach.
    assert reach or not found
    if query.names and query.names[0] == "Johanna Lindqvist":
        assert not reach  # and they do skip the unrelated
    if query.names and query.names[0] == "عمر":
        assert found and reach


def test_keys_hold_forms_identifiers_and_wallets(screener: Screener) -> None:
    query = Query.create(
        "Acme Holdings",
        id_numbers=["che-123 456 789"],
        wallets=["0xABC0000000000000000000000000000000000001"],
    )
    keys = query_keys(query, screener.prepare(query))
    assert keys is not None
    forms, identifiers, wallets = keys.split("\x1d")
    assert "acme" in forms.split()
    assert identifiers == "CHE123456789"
    assert wallets == "0xabc0000000000000000000000000000000000001"
    assert keys_reach(screener.index, keys, {})  # the identifier and the wallet are listed
