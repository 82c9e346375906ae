"""Bad input: a 4xx with one JSON envelope naming the field and what was expected."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def error(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["message"]
    error: dict[str, Any] = body["error"]
    return error


def person(**props: Any) -> dict[str, Any]:
    return {"queries": {"q1": {"schema": "Person", "properties": props}}}


def test_malformed_json(client: TestClient) -> None:
    r = client.post(
        "/match/default", content=b'{"queries": {', headers={"content-type": "application/json"}
    )
    err = error(r, 422)
    assert "malformed JSON" in err["message"]
    # The position is named as a position in the body, not as a field called "13".
    assert "at character 13" in err["message"]
    assert err["field"] == "body"


def test_wrong_types(client: TestClient) -> None:
    err = error(client.post("/match/default", json={"queries": ["Arkady"]}), 422)
    assert err["field"] == "queries"
    err = error(client.post("/match/default", json=person(name=[1, 2])), 422)
    assert err["field"].startswith("queries.q1.properties.name")
    err = error(client.post("/match/default", json={"queries": {}, "extra": 1}), 422)
    assert err["field"] == "extra"
    err = error(client.post("/match/default", json={}), 422)
    assert err["field"] == "queries"


def test_unknown_schema_and_property(client: TestClient) -> None:
    body = {"queries": {"q1": {"schema": "Alien", "properties": {"name": ["X"]}}}}
    err = error(client.post("/match/default", json=body), 400)
    assert err["field"] == "queries.q1.schema"
    assert "Person" in err["message"]
    err = error(client.post("/match/default", json=person(name=["X"], wingspan=["40m"])), 400)
    assert err["field"] == "queries.q1.properties.wingspan"


def test_invalid_values(client: TestClient) -> None:
    err = error(
        client.post("/match/default", json=person(name=["X"], birthDate=["yesterday"])), 400
    )
    assert err["field"] == "queries.q1.properties.birthDate"
    assert "YYYY" in err["message"]
    err = error(client.post("/match/default", json=person(name=["X"], nationality=["Narnia"])), 400)
    assert err["field"] == "queries.q1.properties.nationality"
    err = error(client.post("/match/default", json=person(birthDate=["1951"])), 400)
    assert err["field"] == "queries.q1.properties.name"
    err = error(client.post("/match/default", json=person(name=["\x00\x01"])), 400)
    assert err["field"] == "queries.q1.properties.name"


def test_batch_limits(client: TestClient) -> None:
    many = {f"q{i}": {"schema": "Person", "properties": {"name": ["A B"]}} for i in range(101)}
    err = error(client.post("/match/default", json={"queries": many}), 400)
    assert err["field"] == "queries" and "100" in err["message"]
    err = error(client.post("/match/default", json={"queries": {}}), 400)
    assert err["field"] == "queries"


def test_huge_body(client: TestClient) -> None:
    body = person(name=["x" * 2_000_000])
    err = error(client.post("/match/default", json=body), 413)
    assert err["code"] == "body_too_large"


def test_query_parameters(client: TestClient) -> None:
    body = person(name=["Arkady Rotenberg"])
    err = error(client.post("/match/default", json=body, params={"limit": 501}), 422)
    assert err["field"] == "query.limit"
    err = error(client.post("/match/default", json=body, params={"threshold": "high"}), 422)
    assert err["field"] == "query.threshold"
    err = error(client.post("/match/default", json=body, params={"as_of": "2024-13-01"}), 422)
    assert err["field"] == "query.as_of"
    err = error(client.post("/match/default", json=body, params={"as_of": "2999-01-01"}), 400)
    assert err["field"] == "as_of"
    err = error(client.post("/match/default", json=body, params={"changed_since": "soon"}), 400)
    assert err["field"] == "changed_since"
    err = error(client.post("/match/default", json=body, params={"exclude_schema": "Alien"}), 400)
    assert err["field"] == "exclude_schema"


def test_routing_errors_use_the_envelope(client: TestClient) -> None:
    assert error(client.get("/nowhere"), 404)["code"] == "not_found"
    assert error(client.get("/match/default"), 405)["code"] == "method_not_allowed"
    assert error(client.get("/entities/ofac-sdn:0"), 404)["code"] == "not_found"
    assert error(client.get("/entities/nocolon"), 404)["code"] == "not_found"
    assert error(client.get("/lists/nowhere"), 404)["field"] == "source"
    assert error(client.get("/search/default", params={"facets": "colour"}), 400)["field"] == (
        "facets"
    )
