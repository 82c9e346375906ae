"""`POST /match` with a yente CryptoWallet example: listed addresses found exactly."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's httpx2 hint, as in conftest
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.model import EntityBuilder
from sanctio.settings import Settings
from sanctio.sources.ofac.wallets import wallet_entities
from sanctio.store.sqlite import Store

ETH = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"


@pytest.fixture(scope="module")
def wallet_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("wallet") / "w.db"
    b = EntityBuilder("ofac-sdn", "27307", "Organization")
    b.add("name", "LAZARUS GROUP")
    lazarus = b.build()
    with Store.open(db) as store, store.transaction():
        store.add_version(
            source="ofac-sdn",
            format="test",
            published=dt.date(2024, 5, 3),
            published_from="option",
            fingerprint="wallets",
            files=[],
            entities=[lazarus, *wallet_entities(lazarus, [("ETH", ETH)])],
            problems=[],
        )
    app = create_app(
        Settings(db, max_age_days={}),
        ApiConfig(auth=False, keys_path=db.with_suffix(".keys")),
        watch=False,
    )
    app.state.sanctio.warm()
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _query(*keys: str) -> dict[str, object]:
    example = {"schema": "CryptoWallet", "properties": {"publicKey": list(keys)}}
    return {"queries": {"w": example}}


def test_wallet_query_finds_the_listed_wallet_and_its_holder(wallet_client: TestClient) -> None:
    r = wallet_client.post("/match/default", json=_query(ETH.upper().replace("0X", "0x")))
    assert r.status_code == 200, r.text
    [top] = r.json()["responses"]["w"]["results"]
    assert top["schema"] == "CryptoWallet" and top["match"] is True and top["score"] == 1.0
    assert top["properties"]["publicKey"] == [ETH]
    assert top["properties"]["currency"] == ["ETH"]
    assert top["properties"]["holder"] == ["ofac-sdn:27307"]


def test_unknown_or_bad_address(wallet_client: TestClient) -> None:
    r = wallet_client.post("/match/default", json=_query("1BoatSLRHtKNngkdXEeobR76b53LETtpyT"))
    assert r.status_code == 200 and r.json()["responses"]["w"]["results"] == []
    r = wallet_client.post("/match/default", json=_query("no"))
    assert r.status_code in {400, 422}
    assert "publicKey" in r.text
