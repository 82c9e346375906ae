"""`POST /lists/{source}` (admin): upload a list file, import it, serve it at once."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from sanctio.store.keys import KeyStore

from .conftest import build_app, make_store

LINES = [
    {"id": "w1", "schema": "Person", "properties": {"name": ["Janet Quill Watchlisted"]}},
    {"id": "w2", "schema": "Company", "properties": {"name": ["Blocked Trading LLC"]}},
]
BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Janet Watchlisted"]}}}}


def test_upload_loads_and_serves_a_new_list(tmp_path: Path) -> None:
    db = make_store(tmp_path / "up.db")
    app = build_app(db, auth=True)
    with KeyStore(db.with_name("up.keys.db")) as keys:
        admin = {"Authorization": f"Bearer {keys.create('admin')[1]}"}
    content = "\n".join(json.dumps(line) for line in LINES).encode()
    with TestClient(app) as client:
        assert client.post("/match/ftm", json=BODY, headers=admin).status_code == 503
        r = client.post(
            "/lists/ftm",
            headers=admin,
            files={"files": ("custom.ftm.json", content)},
            data={"published": "2026-01-15"},
        )
        assert r.status_code == 201, r.text
        loaded = r.json()["loaded"][0]
        assert loaded["created"] is True
        assert loaded["source"] == "ftm" and loaded["entity_count"] == 2
        assert r.json()["serving"]["versions"]["ftm"] == "ftm@2026-01-15"
        hits = client.post("/match/ftm", json=BODY, headers=admin).json()
        assert hits["responses"]["q"]["results"][0]["caption"] == "Janet Quill Watchlisted"
        again = client.post(
            "/lists/ftm",
            headers=admin,
            files={"files": ("again.json", content)},
            data={"published": "2026-01-15"},
        )
        assert again.status_code == 200 and again.json()["loaded"][0]["created"] is False
        bad = client.post(
            "/lists/ftm", headers=admin, files={"files": ("bad.json", b"id,schema\nx,Person\n")}
        )
        assert bad.status_code in (415, 422), bad.text
        assert set(bad.json()["error"]) == {"code", "message", "field"}
        date = client.post(
            "/lists/ftm",
            headers=admin,
            files={"files": ("c.json", content)},
            data={"published": "15/01/2026"},
        )
        assert date.status_code == 400 and date.json()["error"]["field"] == "published"
    uploads = tmp_path / "up.uploads" / "ftm"
    assert len(list(uploads.iterdir())) == 1  # failed and duplicate uploads are not kept
