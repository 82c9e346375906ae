"""The UI over a PostgreSQL store: its pages read the server, never a SQLite file."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.ingest.importer import import_paths
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore
from sanctio.store.sqlite import Store

from .test_pages import logged_in

pytestmark = pytest.mark.pg


def test_pages_read_the_server_store(
    pg_url: str, lists_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIO_UI_SECRET", "s" * 40)
    with Store.open(pg_url) as store:
        import_paths(store, [lists_dir / "un-sc" / "2026-02-27"], source="un-sc", workers=0)
    with KeyStore(pg_url) as keys:
        _, token = keys.create("screen", "ui on postgresql")
    settings = Settings(tmp_path / "local" / "sanctio.db", db_url=pg_url)
    app = create_app(settings, ApiConfig(auth=True), watch=False)  # keys: in the server store
    app.state.sanctio.warm()
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        logged_in(client, token)
        lists = client.get("/ui/lists")
        assert lists.status_code == 200
        assert "un-sc" in lists.text and "2026-02-27" in lists.text
    assert not (tmp_path / "local").exists()  # nothing written beside a store that is a URL
