"""Fail closed: 503 naming the reason, never 200 with empty results, while lists are not usable."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.screening.service import ScreeningService, Snapshot
from sanctio.settings import Settings
from sanctio.store.versions import Version

from .conftest import build_app

BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Arkady Rotenberg"]}}}}


def refused(client: TestClient, words: str) -> None:
    for method, path, body in (
        ("GET", "/readyz", None),
        ("POST", "/match/default", BODY),
        ("POST", "/match/ofac-sdn", BODY),
        ("GET", "/search/default?q=Rotenberg", None),
    ):
        r = client.request(method, path, json=body)
        assert r.status_code == 503, (path, r.text)
        err = r.json()["error"]
        assert err["code"] == "not_ready"
        assert words in err["message"], err["message"]
        assert r.headers["retry-after"]


def test_no_store_no_lists(tmp_path: Path) -> None:
    app = build_app(tmp_path / "missing.db")
    with TestClient(app) as client:
        refused(client, "no sanctions list is loaded")
        assert client.get("/healthz").status_code == 200


def test_stale_source(db_path: Path) -> None:
    app = build_app(db_path, max_age={"ofac-sdn": 30})
    with TestClient(app) as client:
        refused(client, "ofac-sdn is stale")
        catalog = client.get("/catalog").json()
        sdn = next(d for d in catalog["datasets"] if d["name"] == "ofac-sdn")
        assert sdn["stale"] is True


def test_required_source_missing(db_path: Path) -> None:
    app = build_app(db_path, required_sources=("uk-ofsi",))
    with TestClient(app) as client:
        refused(client, "uk-ofsi")


class SlowService(ScreeningService):
    """Blocks its build until released, to observe the API during the first build."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entered = threading.Event()
        self.release = threading.Event()

    def _build(
        self, versions: Mapping[str, Version], as_of: Any, missing: tuple[str, ...] = ()
    ) -> Snapshot:
        self.entered.set()
        self.release.wait(30)
        return super()._build(versions, as_of, missing)


def test_first_build_answers_503_then_serves(db_path: Path) -> None:
    service = SlowService(db_path)
    app = create_app(Settings(db_path), ApiConfig(auth=False, watch_interval=0.05), service=service)
    with TestClient(app) as client:  # lifespan starts the watcher, which starts the build
        assert service.entered.wait(10)
        refused(client, "being built for the first time")
        service.release.set()
        for _ in range(200):
            if client.get("/readyz").status_code == 200:
                break
            threading.Event().wait(0.05)
        ready = client.get("/readyz").json()
        assert ready["versions"]["ofac-sdn"] == "ofac-sdn@2024-05-03"
        r = client.post("/match/default", json=BODY)
        assert r.status_code == 200
        assert r.json()["responses"]["q"]["results"][0]["id"] == "ofac-sdn:6925"
