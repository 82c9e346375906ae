"""Wallet screening: an address finds the listed wallet exactly, named by its holder."""

from __future__ import annotations

import pytest

from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.model import Entity, EntityBuilder
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener
from sanctio.sources.ofac.wallets import wallet_entities

ETH = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
XBT = "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"


def _holder(native: str, name: str, schema: str = "Organization") -> Entity:
    b = EntityBuilder("ofac-sdn", native, schema)
    b.add("name", name)
    return b.build()


@pytest.fixture(scope="module")
def screener() -> Screener:
    lazarus = _holder("27307", "LAZARUS GROUP")
    other = _holder("25308", "SOME EXCHANGE")
    entities = [
        lazarus,
        other,
        *wallet_entities(lazarus, [("ETH", ETH)]),
        *wallet_entities(other, [("XBT", XBT)]),
    ]
    return Screener(NameIndex.build(entities, versions={"ofac-sdn": "ofac-sdn@2024-05-03"}))


def test_hex_address_matches_without_case_and_names_the_holder(screener: Screener) -> None:
    result = screener.screen(Query.create([], wallets=[ETH.lower()]))
    assert [h.schema for h in result.results] == ["CryptoWallet"]
    hit = result.results[0]
    assert hit.match and hit.score == 1.0
    assert "LAZARUS GROUP" in hit.caption and "ETH" in hit.caption
    feature = hit.features[0]
    assert feature.name == "wallet_match"
    assert feature.query_value == ETH.lower() and feature.list_value == ETH
    assert "ETH" in feature.detail and "ofac-sdn:27307" in feature.detail


def test_base58_address_with_one_case_change_is_another_address(screener: Screener) -> None:
    assert screener.screen(Query.create([], wallets=[XBT])).results[0].match
    changed = XBT[:-1] + XBT[-1].upper()
    assert screener.screen(Query.create([], wallets=[changed])).results == ()


def test_wallets_never_match_by_name(screener: Screener) -> None:
    result = screener.screen(Query.create(XBT), cutoff=0.0)
    assert all(h.schema != "CryptoWallet" for h in result.results)
    named = screener.screen(Query.create("Lazarus Group", wallets=[ETH]))
    assert {h.schema for h in named.matches} == {"Organization", "CryptoWallet"}


def test_source_filter_applies_to_wallets(screener: Screener) -> None:
    assert screener.screen(Query.create([], wallets=[ETH]), sources=["un-sc"]).results == ()


def test_bad_wallet_queries_are_refused() -> None:
    with pytest.raises(InputError) as exc:
        Query.create([], wallets=["not an address; drop"])
    assert exc.value.field == "wallet"
    with pytest.raises(InputError) as exc:
        Query.create([], schema="CryptoWallet")
    assert exc.value.field == "wallet"
    with pytest.raises(InputError) as exc:
        Query.create([])
    assert exc.value.field == "name"
