"""`POST /match/{dataset}`: yente-shaped requests get yente-shaped, explained responses."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi.testclient import TestClient

# The request from yente's documentation (README / docs/api: "query-by-example").
YENTE_EXAMPLE: dict[str, Any] = {
    "queries": {
        "q1": {
            "schema": "Person",
            "properties": {
                "name": ["Arkadii Rotenberg", "Ротенберг Аркадий"],
                "birthDate": ["1951"],
                "nationality": ["ru"],
            },
        },
        "q2": {
            "schema": "Company",
            "properties": {
                "name": ["Stroygazmontazh"],
                "jurisdiction": ["ru"],
                "registrationNumber": ["1067746244026"],
            },
        },
    }
}


def match(
    client: TestClient, body: dict[str, Any], dataset: str = "default", **params: Any
) -> httpx.Response:
    response: httpx.Response = client.post(f"/match/{dataset}", json=body, params=params)
    return response


def one(name: str, schema: str = "Person", **props: Any) -> dict[str, Any]:
    return {"queries": {"q": {"schema": schema, "properties": {"name": [name], **props}}}}


def test_yente_example_gets_yente_shaped_response(client: TestClient) -> None:
    r = match(client, YENTE_EXAMPLE)
    assert r.status_code == 200, r.text
    assert r.headers["x-batch-size"] == "2"
    data = r.json()
    assert data["limit"] == 5
    assert set(data["responses"]) == {"q1", "q2"}
    q1 = data["responses"]["q1"]
    assert q1["status"] == 200
    assert q1["query"]["schema"] == "Person"
    assert q1["query"]["properties"]["birthDate"] == ["1951"]
    top = q1["results"][0]
    assert top["id"] == "ofac-sdn:6925"
    assert top["schema"] == "Person"
    assert top["caption"] == "ROTENBERG, Arkady Romanovich"
    assert top["datasets"] == ["ofac-sdn"]
    assert top["properties"]["birthDate"] == ["1951-12-15"]
    assert top["match"] is True and top["score"] >= 0.9
    assert q1["total"] == {"value": 1, "relation": "eq"}
    # Features as yente 4 (name -> score) and explanations as yente 5.
    assert top["features"]["name_match"] > 0.9
    name = top["explanations"]["name_match"]
    assert name["query"] == "Arkadii Rotenberg"
    assert "Rotenberg" in name["candidate"]
    assert top["explanations"]["birth_date"]["candidate"] == "1951-12-15"
    # Provenance: first listed 2022-02-26, alias added 2024-05-03.
    assert top["first_seen"] == "2022-02-26T00:00:00"
    assert top["last_seen"] == "2024-05-03T00:00:00"
    assert top["last_change"] == "2024-05-03T00:00:00"
    q2 = data["responses"]["q2"]["results"][0]
    assert q2["id"] == "ofac-sdn:15123"
    assert q2["match"] is True
    assert "identifier_match" in q2["explanations"]
    assert q2["last_change"] == "2022-02-26T00:00:00"
    # sanctio's addition: which list versions answered.
    assert data["versions"]["versions"] == {
        "ofac-sdn": "ofac-sdn@2024-05-03",
        "un-sc": "un-sc@2026-02-27",
    }
    assert data["algorithm"] == "sanctio-v1"


def test_single_string_values_are_accepted(client: TestClient) -> None:
    body = {"queries": {"a": {"schema": "Person", "properties": {"name": "Arkady Rotenberg"}}}}
    r = match(client, body)
    assert r.status_code == 200
    assert r.json()["responses"]["a"]["results"][0]["id"] == "ofac-sdn:6925"


def test_dataset_scopes_to_one_source(client: TestClient) -> None:
    body = one("Ayman al-Zawahiri")
    hits = match(client, body, "un-sc").json()["responses"]["q"]["results"]
    assert hits and all(h["datasets"] == ["un-sc"] for h in hits)
    assert hits[0]["id"] == "un-sc:QDi.001"
    r = match(client, body, "ofac-sdn")
    assert all(h["datasets"] == ["ofac-sdn"] for h in r.json()["responses"]["q"]["results"])
    r = match(client, body, "sanctions", exclude_dataset="un-sc")
    assert all(h["datasets"] == ["ofac-sdn"] for h in r.json()["responses"]["q"]["results"])
    r = match(client, body, "default", include_dataset="un-sc")
    assert r.json()["responses"]["q"]["results"][0]["id"] == "un-sc:QDi.001"


def test_unknown_dataset_is_404_and_unloaded_source_is_503(client: TestClient) -> None:
    r = match(client, one("Arkady Rotenberg"), "nowhere")
    assert r.status_code == 404
    assert r.json()["error"]["field"] == "dataset"
    assert r.json()["error"]["code"] == "not_found"
    r = match(client, one("Arkady Rotenberg"), "eu-fsf")
    assert r.status_code == 503
    assert "eu-fsf" in r.json()["error"]["message"]


def test_as_of_screens_against_the_versions_in_force_then(client: TestClient) -> None:
    body = one("Vladimir Putin")
    now = match(client, body).json()
    assert now["responses"]["q"]["results"][0]["id"] == "ofac-sdn:48123"
    then = match(client, body, as_of="2023-01-01").json()
    assert then["versions"]["as_of"] == "2023-01-01"
    assert then["versions"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    assert then["versions"]["missing_sources"] == ["un-sc"]
    ids = [h["id"] for h in then["responses"]["q"]["results"]]
    assert "ofac-sdn:48123" not in ids
    r = match(client, body, as_of="2021-01-01")
    # Nothing was published yet: refuse, never "no hit"; a bad date, not a temporary state.
    assert r.status_code == 404 and "earliest" in r.json()["error"]["message"]


def test_filters_and_limits(client: TestClient) -> None:
    body = one("Arkady Rotenberg")
    r = match(client, body, exclude_entity_ids="ofac-sdn:6925").json()
    assert "ofac-sdn:6925" not in [h["id"] for h in r["responses"]["q"]["results"]]
    company = one("Stroygazmontazh", "LegalEntity")
    ids = [h["id"] for h in match(client, company).json()["responses"]["q"]["results"]]
    assert "ofac-sdn:15123" in ids
    r = match(client, company, exclude_schema="Company").json()
    assert "ofac-sdn:15123" not in [h["id"] for h in r["responses"]["q"]["results"]]
    r = match(client, company, changed_since="2023-01-01").json()
    assert r["responses"]["q"]["results"] == []  # unchanged since 2022
    r = match(client, body, changed_since="2023-01-01T10:00").json()
    assert r["responses"]["q"]["results"][0]["id"] == "ofac-sdn:6925"
    r = match(client, body, topics="crime").json()
    assert r["responses"]["q"]["results"] == []
    r = match(client, one("Arkadi Rotenburg"), threshold=1.0).json()
    assert r["responses"]["q"]["results"][0]["id"] == "ofac-sdn:6925"
    assert r["responses"]["q"]["total"]["value"] == 0
    assert all(h["match"] is False for h in r["responses"]["q"]["results"])
    r = match(client, one("Rotenberg"), limit=1).json()
    assert r["limit"] == 1 and len(r["responses"]["q"]["results"]) <= 1


def test_a_weak_candidate_is_not_a_match(client: TestClient) -> None:
    r = match(client, one("George Bush")).json()
    for hit in r["responses"]["q"]["results"]:
        assert hit["match"] is False


def test_algorithms_weights_and_config(client: TestClient) -> None:
    assert match(client, one("Arkady Rotenberg"), algorithm="best").status_code == 200
    assert match(client, one("Arkady Rotenberg"), algorithm="sanctio-v1").status_code == 200
    r = match(client, one("Arkady Rotenberg"), algorithm="logic-v2")
    assert r.status_code == 400
    assert r.json()["error"]["field"] == "algorithm"
    body = {**one("Arkady Rotenberg"), "weights": {"name_match": 0.5}}
    r = match(client, body)
    assert r.status_code == 400 and r.json()["error"]["field"] == "weights"
    body = {**one("Arkady Rotenberg"), "config": {"nm_number_mismatch": 0.4}}
    assert match(client, body).json()["error"]["field"] == "config"
