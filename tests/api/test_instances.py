"""Several API instances on one PostgreSQL store: one set of list versions and keys."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.model.customer import BatchRow
from sanctio.review.rescreen import review_rescreen
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.settings import Settings
from sanctio.store.book import Book
from sanctio.store.keys import KeyStore
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

from .conftest import SDN_2024, add, make_store

pytestmark = pytest.mark.pg

BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}


def _instance(url: str, local: Path) -> FastAPI:
    """One API instance as a machine would run it: its own process state, the shared store."""
    local.mkdir()
    settings = Settings(local / "sanctio.db", db_url=url)
    config = ApiConfig(auth=True, watch_interval=0.1, key_cache_seconds=0.5)
    return create_app(settings, config)


def _until(check: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def _served(client: TestClient, token: str) -> str | None:
    r = client.post("/match/default", json=BODY, headers={"Authorization": f"Bearer {token}"})
    return r.json()["versions"]["versions"]["ofac-sdn"] if r.status_code == 200 else None


def _alerts(url: str) -> None:
    """A book screened once: an alert on Rotenberg waits for a decision."""
    with Book.open(url, "clients") as book:
        book.add([BatchRow(1, {"id": "k1", "name": "Arkady Rotenberg"})])
        with Store.open(url) as store, ReviewStore.open(url) as review:
            snapshot = ScreeningService(url).current()
            review_rescreen(book, store, review, snapshot, BatchOptions(), executor="inline")


def test_two_instances_share_versions_keys_and_alerts(pg_url: str, tmp_path: Path) -> None:
    make_store(pg_url, newest=False)
    _alerts(pg_url)
    with KeyStore(pg_url) as keys:
        key, token = keys.create("admin", "both instances")
    a_app, b_app = _instance(pg_url, tmp_path / "a"), _instance(pg_url, tmp_path / "b")
    with TestClient(a_app) as a, TestClient(b_app) as b:
        for client in (a, b):
            assert _until(lambda c=client: c.get("/readyz").status_code == 200)  # type: ignore[misc]
            assert _served(client, token) == "ofac-sdn@2022-02-26"
        # No SQLite file is written anywhere with a URL.
        assert list(tmp_path.rglob("*.db")) == []

        # A version loaded while both serve is answered by both.
        with Store.open(pg_url) as store:
            add(store, "ofac-sdn", "2024-05-03", SDN_2024)
        for client in (a, b):
            assert _until(lambda c=client: _served(c, token) == "ofac-sdn@2024-05-03")  # type: ignore[misc]
        answer = a.post(
            "/match/default", json=BODY, headers={"Authorization": f"Bearer {token}"}
        ).json()
        assert any(h["id"] == "ofac-sdn:48123" for h in answer["responses"]["q"]["results"])

        # An alert decided through one instance is decided on the other.
        auth = {"Authorization": f"Bearer {token}"}
        alerts = b.get("/alerts", headers=auth).json()["alerts"]
        assert [(x["customer_id"], x["status"]) for x in alerts] == [("k1", "open")]
        body = {
            "decision": "false-positive",
            "reason": "other man",
            "revision": alerts[0]["revision"],
        }
        decided = a.post(f"/alerts/{alerts[0]['id']}/decision", json=body, headers=auth)
        assert decided.status_code == 200, decided.text
        seen = b.get(f"/alerts/{alerts[0]['id']}", headers=auth).json()
        assert (seen["status"], seen["decision"]) == ("closed", "false-positive")
        assert b.get("/audit/verify", headers=auth).json()["ok"]
        again = b.post(f"/alerts/{alerts[0]['id']}/decision", json=body, headers=auth)
        assert again.status_code == 409

        # A key revoked through one instance is refused by the other.
        a_app.state.sanctio.keys.revoke(key.id)
        assert a.get("/catalog", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        assert _until(
            lambda: (
                b.get("/catalog", headers={"Authorization": f"Bearer {token}"}).status_code == 401
            ),
            seconds=5,
        )
