"""/search, /entities, /catalog, /algorithms, /readyz and the list routes."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_with_facets(client: TestClient) -> None:
    r = client.get("/search/default", params={"q": "Rotenberg"})
    assert r.status_code == 200
    data = r.json()
    assert data["limit"] == 10 and data["offset"] == 0
    assert data["results"][0]["id"] == "ofac-sdn:6925"
    assert set(data["facets"]) == {"countries", "topics", "datasets"}
    datasets = {v["name"]: v["count"] for v in data["facets"]["datasets"]["values"]}
    assert datasets["ofac-sdn"] >= 1
    everything = client.get("/search/default").json()
    assert everything["total"]["value"] == 6  # 4 ofac-sdn@2024-05-03 + 2 un-sc
    people = client.get("/search/un-sc", params={"schema": "Person"}).json()
    assert [e["id"] for e in people["results"]] == ["un-sc:QDi.001"]
    egypt = client.get("/search/default", params={"countries": "eg"}).json()
    assert [e["id"] for e in egypt["results"]] == ["un-sc:QDi.001"]
    page = client.get("/search/default", params={"limit": 2, "offset": 4}).json()
    assert len(page["results"]) == 2


def test_entity_with_provenance_and_history(client: TestClient) -> None:
    r = client.get("/entities/ofac-sdn:6925")
    assert r.status_code == 200
    e = r.json()
    assert e["caption"] == "ROTENBERG, Arkady Romanovich"
    assert e["datasets"] == ["ofac-sdn"]
    assert e["first_seen"] == "2022-02-26T00:00:00"
    assert e["listed"] is True and e["version"] == "ofac-sdn@2024-05-03"
    gone = client.get("/entities/ofac-sdn:7777").json()  # delisted in 2024
    assert gone["listed"] is False and gone["version"] == "ofac-sdn@2022-02-26"
    history = client.get("/entities/ofac-sdn:7777/history").json()
    assert [ev["event"] for ev in history["events"]] == ["added", "removed"]
    (listing,) = history["timeline"]["listings"]
    assert listing["delisted_in"] == history["removed"]


def test_catalog_and_algorithms(client: TestClient) -> None:
    catalog = client.get("/catalog").json()
    names = [d["name"] for d in catalog["datasets"]]
    assert names == ["default", "sanctions", "ofac-sdn", "un-sc"]
    assert catalog["current"] == ["ofac-sdn", "un-sc"]
    assert catalog["outdated"] == [] and catalog["index_stale"] is False
    sdn = catalog["datasets"][2]
    assert sdn["version"] == "ofac-sdn@2024-05-03" and sdn["entity_count"] == 4
    algos = client.get("/algorithms").json()
    assert algos["default"] == algos["best"] == "sanctio-v1"
    features = algos["algorithms"][0]["docs"]["features"]
    assert "name_match" in features and features["name_match"]["description"]


def test_readyz_names_the_versions(client: TestClient) -> None:
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["versions"] == {"ofac-sdn": "ofac-sdn@2024-05-03", "un-sc": "un-sc@2026-02-27"}
    assert r.json()["entities"] == 6


def test_list_versions_and_diff(client: TestClient) -> None:
    data = client.get("/lists").json()
    assert data["in_force"]["ofac-sdn"]["published"] == "2024-05-03"
    assert len(data["versions"]) == 3
    sdn = client.get("/lists/ofac-sdn").json()
    assert [v["published"] for v in sdn["versions"]] == ["2022-02-26", "2024-05-03"]
    diff = client.get("/lists/ofac-sdn/diff").json()
    assert [e["id"] for e in diff["added"]] == ["ofac-sdn:48123"]
    assert [e["id"] for e in diff["removed"]] == ["ofac-sdn:7777"]
    assert [e["id"] for e in diff["changed"]] == ["ofac-sdn:6925"]
    same = client.get("/lists/ofac-sdn/diff", params={"old": "2022-02-26", "new": "2024-05-03"})
    assert same.json() == diff
    assert client.get("/lists/un-sc/diff").status_code == 400  # one version only
    assert client.get("/lists/eu-fsf").status_code == 404
