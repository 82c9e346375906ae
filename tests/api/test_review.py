"""/alerts and /audit: screen keys read, review keys decide (as their label), 409 on closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sanctio.model.customer import BatchRow
from sanctio.review.rescreen import review_rescreen
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.store.book import Book
from sanctio.store.keys import KeyStore
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

from .conftest import build_app, make_store


@pytest.fixture
def reviewed(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app with auth over a store whose book produced alerts; tokens by scope."""
    db = make_store(tmp_path / "sanctio.db")
    with Book.open(db, "clients") as book:
        book.add(
            [
                BatchRow(1, {"id": "k1", "name": "Arkady Rotenberg"}),
                BatchRow(2, {"id": "k2", "name": "Vladimir Putin", "birth_date": "1952-10-07"}),
            ]
        )
        with Store.open(db) as store, ReviewStore.open(db) as review:
            snapshot = ScreeningService(db).current()
            review_rescreen(book, store, review, snapshot, BatchOptions(), executor="inline")
    tokens: dict[str, str] = {}
    with KeyStore(db.with_name(db.stem + ".keys.db")) as keys:
        for scope in ("screen", "review", "admin"):
            tokens[scope] = keys.create(scope, f"{scope}-person")[1]
    with TestClient(build_app(db, auth=True), raise_server_exceptions=False) as client:
        yield client, tokens


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_screen_keys_list_and_read_alerts(reviewed: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = reviewed
    r = client.get("/alerts", headers=_auth(tokens["screen"]))
    assert r.status_code == 200
    alerts = r.json()["alerts"]
    assert {a["customer_id"] for a in alerts} == {"k1", "k2"}
    scores = [a["score"] for a in alerts]
    assert scores == sorted(scores, reverse=True)
    one = client.get(f"/alerts/{alerts[0]['id']}", headers=_auth(tokens["screen"])).json()
    assert one["customer"]["fields"]["name"] in ("Arkady Rotenberg", "Vladimir Putin")
    assert one["entity"]["id"] == one["entity_id"] and one["features"]
    assert [r["action"] for r in one["audit"]] == ["alert-opened"]
    assert client.get("/alerts?book=nobody", headers=_auth(tokens["screen"])).json()["alerts"] == []
    assert client.get("/alerts/999", headers=_auth(tokens["screen"])).status_code == 404


def test_deciding_needs_a_review_key_and_records_its_label(
    reviewed: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = reviewed
    alert = client.get("/alerts", headers=_auth(tokens["screen"])).json()["alerts"][0]
    body = {"decision": "false-positive", "reason": "other person", "revision": alert["revision"]}
    url = f"/alerts/{alert['id']}/decision"
    assert client.post(url, json=body, headers=_auth(tokens["screen"])).status_code == 403
    r = client.post(url, json=body, headers=_auth(tokens["review"]))
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["decided_by"]) == ("closed", "review-person")
    again = client.post(url, json=body, headers=_auth(tokens["admin"]))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    bad = client.post(
        url, json={"decision": "maybe", "reason": "x"}, headers=_auth(tokens["review"])
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "decision"


def test_a_stale_revision_gets_409(reviewed: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = reviewed
    alert = client.get("/alerts", headers=_auth(tokens["screen"])).json()["alerts"][0]
    url = f"/alerts/{alert['id']}/decision"
    first = {"decision": "escalate", "reason": "ask for ID", "revision": alert["revision"]}
    assert client.post(url, json=first, headers=_auth(tokens["review"])).status_code == 200
    second = {"decision": "false-positive", "reason": "x", "revision": alert["revision"]}
    r = client.post(url, json=second, headers=_auth(tokens["review"]))
    assert r.status_code == 409 and "changed since revision" in r.json()["error"]["message"]


def test_audit_routes(reviewed: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = reviewed
    page = client.get("/audit?limit=1", headers=_auth(tokens["screen"])).json()
    assert len(page["records"]) == 1 and page["next_after"] == 1
    verified = client.get("/audit/verify", headers=_auth(tokens["screen"])).json()
    assert verified["ok"] and verified["records"] >= 3
    export = client.get("/audit/export?format=csv", headers=_auth(tokens["screen"]))
    assert export.status_code == 200 and export.text.startswith("seq,at,actor")
    assert len(export.text.strip().splitlines()) == verified["records"] + 1
    assert client.get("/audit").status_code == 401


def test_openapi_documents_every_review_route(reviewed: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = reviewed
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in (
        ("/alerts", "get"),
        ("/alerts/{alert_id}", "get"),
        ("/alerts/{alert_id}/decision", "post"),
        ("/alerts/{alert_id}/confirmation", "post"),
        ("/audit", "get"),
        ("/audit/verify", "get"),
        ("/audit/export", "get"),
    ):
        responses = paths[path][method]["responses"]
        assert "200" in responses and "401" in responses, path
        if method == "post":
            assert "409" in responses
