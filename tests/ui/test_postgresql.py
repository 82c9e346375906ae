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
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore

from ..api.conftest import make_store
from .test_pages import logged_in

pytestmark = pytest.mark.pg


def test_pages_read_the_server_store(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIO_UI_SECRET", "s" * 40)
    make_store(pg_url)
    with KeyStore(pg_url) as keys:
        _, token = keys.create("screen", "ui on postgresql")
    settings = Settings(tmp_path / "local" / "sanctio.db", db_url=pg_url)
    app = create_app(settings, ApiConfig(auth=True, keys_path=pg_url), watch=False)
    app.state.sanctio.warm()
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        logged_in(client, token)
        lists = client.get("/ui/lists")
        assert lists.status_code == 200
        assert "ofac-sdn" in lists.text and "2024-05-03" in lists.text
        assert "un-sc" in lists.text
    assert not (tmp_path / "local").exists()  # nothing written beside a store that is a URL
