"""Issue 21's API defects, each with its test: invalid Unicode, as_of before any list,
leaks (paths, banner, readiness detail), the OpenAPI replies, the work budget, and the
shrink guard on upload."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from sanctio.api.app import SERVER_OPTIONS
from sanctio.api.config import MAX_BATCH
from sanctio.screening.budget import (
    MAX_NAME_WORDS,
    MAX_QUERY_WORDS,
    MAX_REQUEST_WORDS,
    MAX_TEXT_NAME_WORDS,
    MAX_TEXT_WORDS,
)
from sanctio.store.keys import KeyStore

from .conftest import build_app, make_store


def _raw(client: TestClient, path: str, body: str, **headers: str) -> httpx.Response:
    reply: httpx.Response = client.post(
        path, content=body.encode(), headers={"content-type": "application/json", **headers}
    )
    return reply


def test_lone_surrogate_is_400_naming_the_field(client: TestClient) -> None:
    body = '{"queries": {"q1": {"schema": "Person", "properties": {"name": ["\\ud800 Osama"]}}}}'
    r = _raw(client, "/match/default", body)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["field"] == "queries.q1.properties.name.0"
    assert "surrogate" in error["message"]
    text = _raw(client, "/screen/text", '{"text": "Paid \\udfff to Osama"}')
    assert text.status_code == 400 and text.json()["error"]["field"] == "text"
    # A proper pair is one character, not an error.
    pair = '{"queries": {"q": {"schema": "Person", "properties": {"name": ["\\ud83d\\ude00 Li"]}}}}'
    assert _raw(client, "/match/default", pair).status_code == 200


def test_as_of_before_any_list_is_404_naming_the_earliest(client: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Arkady Rotenberg"]}}}}
    r = client.post("/match/default", params={"as_of": "2001-01-01"}, json=body)
    assert r.status_code == 404, r.text
    assert "earliest list version available is of 2022-02-26" in r.json()["error"]["message"]
    assert "retry-after" not in r.headers
    t = client.post("/screen/text", params={"as_of": "2001-01-01"}, json={"text": "x"})
    assert t.status_code == 404, t.text


def test_lists_give_file_names_not_server_paths(tmp_path: Path) -> None:
    db = make_store(tmp_path / "paths.db")
    app = build_app(db, auth=True)
    with KeyStore(db.with_name("paths.keys.db")) as keys:
        admin = {"Authorization": f"Bearer {keys.create('admin')[1]}"}
        screen = {"Authorization": f"Bearer {keys.create('screen')[1]}"}
    line = {"id": "w1", "schema": "Person", "properties": {"name": ["Janet Quill"]}}
    with TestClient(app) as client:
        up = client.post(
            "/lists/ftm",
            headers=admin,
            files={"files": ("custom.json", json.dumps(line).encode())},
            data={"published": "2026-01-15"},
        )
        assert up.status_code == 201, up.text
        for reply in (
            up,
            client.get("/lists", headers=screen),
            client.get("/lists/ftm", headers=screen),
        ):
            text = reply.text
            assert str(tmp_path) not in text, text
            assert "/" not in json.dumps([f["name"] for f in _files(reply.json())])
        files = _files(client.get("/lists/ftm", headers=screen).json())
        assert files and files[0]["name"] == "custom.json" and len(str(files[0]["sha256"])) == 64


def _files(data: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "files" and isinstance(value, list):
                found.extend(value)
            else:
                found.extend(_files(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_files(item))
    return found


def test_readyz_detail_only_to_keys(keyed: tuple[TestClient, str, str]) -> None:
    client, screen, _ = keyed
    anonymous = client.get("/readyz")
    assert anonymous.status_code == 200 and anonymous.json() == {"status": "ok"}
    detailed = client.get("/readyz", headers={"Authorization": f"Bearer {screen}"}).json()
    assert detailed["status"] == "ok" and detailed["versions"] and detailed["entities"] > 0


def test_readyz_says_why_not(tmp_path: Path) -> None:
    app = build_app(tmp_path / "none.db", auth=True)
    with TestClient(app) as client:
        r = client.get("/readyz")
        assert r.status_code == 503 and "no sanctions list" in r.json()["error"]["message"]
        assert str(tmp_path) not in r.text


def test_openapi_documents_every_reply(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/catalog", "/algorithms"):
        assert {"401", "503"} <= set(paths[route]["get"]["responses"]), route
    assert "415" in paths["/lists/{source}"]["post"]["responses"]
    assert "413" in paths["/match/{dataset}"]["post"]["responses"]
    assert "413" in paths["/screen/text"]["post"]["responses"]


def test_match_over_the_work_budget_is_413(client: TestClient) -> None:
    words = " ".join(f"Word{i}" for i in range(MAX_QUERY_WORDS // 3 + 1))
    big = {"schema": "Person", "properties": {"name": [words, words, words]}}
    r = client.post("/match/default", json={"queries": {"q": big}})
    assert r.status_code == 413, r.text
    assert r.json()["error"]["code"] == "over_budget"
    assert r.json()["error"]["field"] == "queries.q.properties.name"
    # Each query within its budget, the request over its own.
    names = [
        " ".join(f"N{j}ame{i}" for i in range(MAX_NAME_WORDS))
        for j in range(MAX_QUERY_WORDS // MAX_NAME_WORDS)
    ]
    count = MAX_REQUEST_WORDS // (len(names) * MAX_NAME_WORDS) + 1
    assert count <= MAX_BATCH
    example = {"schema": "Person", "properties": {"name": names}}
    over = client.post("/match/default", json={"queries": {f"q{i}": example for i in range(count)}})
    assert over.status_code == 413, over.text[:300]
    assert over.json()["error"]["field"] == "queries"


def test_text_over_the_work_budget_is_413(client: TestClient) -> None:
    text = " ".join(["Word"] * (MAX_TEXT_WORDS + 1))
    r = client.post("/screen/text", json={"text": text})
    assert r.status_code == 413, r.text
    assert r.json()["error"] == {
        "code": "over_budget",
        "message": r.json()["error"]["message"],
        "field": "text",
    }
    assert str(MAX_TEXT_WORDS) in r.json()["error"]["message"]
    # Fewer words, but more name-like ones (where names are looked up) than one text may hold.
    names = " ".join(["Word"] * (MAX_TEXT_NAME_WORDS + 1))
    r = client.post("/screen/text", json={"text": names})
    assert r.status_code == 413, r.text
    assert "name-like" in r.json()["error"]["message"]
    # Prose with as many name-like words as allowed is answered.
    prose = " ".join(["Word plain lower case text here"] * MAX_TEXT_NAME_WORDS)
    assert client.post("/screen/text", json={"text": prose}).status_code == 200


def test_upload_losing_entities_is_held_unless_confirmed(tmp_path: Path) -> None:
    db = make_store(tmp_path / "shrink.db")
    app = build_app(db, auth=False)
    lines: list[dict[str, object]] = [
        {"id": f"p{i}", "schema": "Person", "properties": {"name": [f"Person Number{i}"]}}
        for i in range(20)
    ]

    def upload(rows: list[dict[str, object]], day: str, **form: str) -> httpx.Response:
        content = "\n".join(json.dumps(r) for r in rows).encode()
        reply: httpx.Response = client.post(
            "/lists/ftm",
            files={"files": ("list.json", content)},
            data={"published": day, **form},
        )
        return reply

    with TestClient(app) as client:
        assert upload(lines, "2026-01-01").status_code == 201
        held = upload(lines[:15], "2026-01-02")
        assert held.status_code == 422, held.text
        error = held.json()["error"]
        assert error["code"] == "shrink_held" and "20 entities" in error["message"]
        assert "nothing was loaded" in error["message"]
        assert len(client.get("/lists/ftm").json()["versions"]) == 1
        assert upload(lines[:19], "2026-01-03").status_code == 201  # 5%: within 10%
        ok = upload(lines[:10], "2026-01-04", allow_shrink="true")
        assert ok.status_code == 201, ok.text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def served(db_path: Path) -> Iterator[str]:
    """The app under a real uvicorn server on 127.0.0.1, configured as `sanctio serve` is."""
    port = _free_port()
    config = uvicorn.Config(
        build_app(db_path), host="127.0.0.1", port=port, log_level="warning", **SERVER_OPTIONS
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def test_no_server_banner_on_any_reply(served: str) -> None:
    with httpx.Client(base_url=served) as http:
        for reply in (
            http.get("/healthz"),
            http.get("/readyz"),
            http.get("/nowhere"),
            http.post("/match/default", content=b"{", headers={"content-type": "application/json"}),
            http.post("/match/default", content=b"x" * 2_000_000),
        ):
            assert "server" not in reply.headers, (reply.request.url, reply.headers)
