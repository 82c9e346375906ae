"""Key management in the UI: admins only; a created token is shown once; revoking ends
that key's sessions."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore

from .conftest import UiStore, copy_store
from .test_pages import logged_in


@pytest.fixture
def fresh(ui_store: UiStore, tmp_path: Path) -> UiStore:
    return copy_store(ui_store, tmp_path)


@pytest.fixture
def client(fresh: UiStore) -> Iterator[TestClient]:
    app = create_app(Settings(fresh.db), ApiConfig(auth=True, keys_path=fresh.keys), watch=False)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        yield c


def test_only_admins_manage_keys(client: TestClient, fresh: UiStore) -> None:
    csrf = logged_in(client, fresh.tokens["review"])
    assert client.get("/ui/keys").status_code == 403
    refused = client.post("/ui/keys", data={"csrf_token": csrf, "scope": "admin", "label": "x"})
    assert refused.status_code == 403
    with KeyStore(fresh.keys) as keys:
        assert not [k for k in keys.list() if k.label == "x"]


def test_an_admin_creates_a_key_that_logs_in_and_revoking_it_ends_its_session(
    client: TestClient, fresh: UiStore
) -> None:
    csrf = logged_in(client, fresh.tokens["admin"])
    page = client.post("/ui/keys", data={"csrf_token": csrf, "scope": "screen", "label": "eve"})
    assert page.status_code == 200
    found = re.search(r'id="new-token" class="token" value="([^"]+)"', page.text)
    assert found is not None
    token = found.group(1)
    with KeyStore(fresh.keys) as keys:
        key = next(k for k in keys.list() if k.label == "eve")
    assert token not in client.get("/ui/keys").text  # shown once
    logged_in(client, token)
    assert client.get("/ui/").status_code == 200
    with KeyStore(fresh.keys) as keys:
        keys.revoke(key.id)
    assert client.get("/ui/").status_code == 303  # sent to the login page


def test_a_bad_scope_is_named(client: TestClient, fresh: UiStore) -> None:
    csrf = logged_in(client, fresh.tokens["admin"])
    page = client.post("/ui/keys", data={"csrf_token": csrf, "scope": "root", "label": "x"})
    assert page.status_code == 400
    assert "scope: &#39;root&#39; is not a scope" in page.text
