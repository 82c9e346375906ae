"""`POST /match/{dataset}?alerts=BOOK` on the real OFAC files: a review key opens alerts
keyed by the query keys, a second call updates rather than duplicates, a remembered
false-positive decision suppresses (and records) the hit, a screen key gets 403."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sanctio.store.keys import KeyStore
from sanctio.store.review import ReviewStore

from .conftest import build_app, make_store

PUTIN: dict[str, Any] = {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}
NOBODY: dict[str, Any] = {"schema": "Person", "properties": {"name": ["Johanna Lindqvist"]}}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], Path]]:
    db = make_store(tmp_path / "sanctio.db")
    tokens: dict[str, str] = {}
    with KeyStore(db.with_name(db.stem + ".keys.db")) as keys:
        for scope in ("screen", "review", "admin"):
            tokens[scope] = keys.create(scope, f"{scope}-person")[1]
    with TestClient(build_app(db, auth=True), raise_server_exceptions=False) as test_client:
        yield test_client, tokens, db


def _match(client: TestClient, token: str, queries: dict[str, Any], book: str = "retail") -> Any:
    return client.post(
        f"/match/default?alerts={book}",
        json={"queries": queries},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_match_opens_then_updates_alerts(
    client: tuple[TestClient, dict[str, str], Path],
) -> None:
    test_client, tokens, db = client
    r = _match(test_client, tokens["review"], {"c1": PUTIN, "c2": NOBODY})
    assert r.status_code == 200, r.text
    body = r.json()
    matched = [h["id"] for h in body["responses"]["c1"]["results"] if h["match"]]
    assert matched and not any(h["match"] for h in body["responses"]["c2"]["results"])
    assert body["alerts"]["opened"] == len(matched) and body["alerts"]["customers"] == 2
    auth = {"Authorization": f"Bearer {tokens['screen']}"}
    alerts = test_client.get("/alerts?book=retail", headers=auth).json()["alerts"]
    assert sorted(a["entity_id"] for a in alerts) == sorted(matched)
    assert {a["customer_id"] for a in alerts} == {"c1"}
    detail = test_client.get(f"/alerts/{alerts[0]['id']}", headers=auth).json()
    assert detail["customer"]["fields"]["name"] == "Vladimir Putin" and detail["features"]
    assert detail["audit"][0]["action"] == "alert-opened"
    assert detail["audit"][0]["actor"] == "review-person"

    # The same customer, now with a birth date: the alerts are updated, not duplicated.
    dated = {**PUTIN, "properties": {**PUTIN["properties"], "birthDate": ["1952-10-07"]}}
    again = _match(test_client, tokens["admin"], {"c1": dated}).json()["alerts"]
    assert again["opened"] == 0 and again["updated"] == len(matched)
    after = test_client.get("/alerts?book=retail", headers=auth).json()["alerts"]
    assert sorted(a["id"] for a in after) == sorted(a["id"] for a in alerts)
    assert all(a["state"] == "updated" for a in after)

    # A false-positive decision is remembered: the same hit is suppressed and recorded.
    first = after[0]
    decided = test_client.post(
        f"/alerts/{first['id']}/decision",
        json={
            "decision": "false-positive",
            "reason": "other person",
            "revision": first["revision"],
        },
        headers={"Authorization": f"Bearer {tokens['review']}"},
    )
    assert decided.status_code == 200, decided.text
    third = _match(test_client, tokens["review"], {"c1": dated}).json()["alerts"]
    assert third["suppressed"] == 1 and third["opened"] == 0
    closed = test_client.get(f"/alerts/{first['id']}", headers=auth).json()
    assert closed["status"] == "closed"
    assert closed["audit"][-1]["action"] == "hit-suppressed"
    with ReviewStore.open(db) as review:
        actions = [row.action for row in review.audit()]
        assert actions.count("match-screened") == 3
        assert [s.outcome for s in review.screenings("c2")] == ["clear"]


def test_match_alerts_needs_a_review_key_and_a_book_name(
    client: tuple[TestClient, dict[str, str], Path],
) -> None:
    test_client, tokens, db = client
    r = _match(test_client, tokens["screen"], {"c1": PUTIN})
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    for bad in ("../etc", "a%20b", "-x"):
        r = _match(test_client, tokens["review"], {"c1": PUTIN}, book=bad)
        assert r.status_code == 400, (bad, r.text)
        assert r.json()["error"]["field"] == "alerts"
    r = test_client.post(
        "/match/default?alerts=retail&as_of=2022-02-27",
        json={"queries": {"c1": PUTIN}},
        headers={"Authorization": f"Bearer {tokens['review']}"},
    )
    assert r.status_code == 400 and r.json()["error"]["field"] == "alerts"
    # Without alerts=, a screen key screens as before and nothing is recorded.
    plain = test_client.post(
        "/match/default",
        json={"queries": {"c1": PUTIN}},
        headers={"Authorization": f"Bearer {tokens['screen']}"},
    )
    assert plain.status_code == 200 and "alerts" not in plain.json()
    with ReviewStore.open(db) as review:
        assert list(review.audit()) == []
