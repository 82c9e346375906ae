"""The UI through the ASGI app (fast checks; the browser tests drive the same pages)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.settings import Settings

from .conftest import HOSTILE_NAME, UiStore


@pytest.fixture(scope="module")
def app_client(ui_store: UiStore) -> Iterator[TestClient]:
    app = create_app(
        Settings(ui_store.db), ApiConfig(auth=True, keys_path=ui_store.keys), watch=False
    )
    app.state.sanctio.warm()
    # https: the session cookie is Secure, so a client only sends it back over TLS.
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def logged_in(client: TestClient, token: str) -> str:
    """Log in with `token`; the CSRF token of the session."""
    client.cookies.clear()
    form = client.get("/ui/login")
    response = client.post(
        "/ui/login", data={"api_key": token, "csrf_token": csrf_of(form.text), "next": "/ui/"}
    )
    assert response.status_code == 303
    return csrf_of(client.get("/ui/").text)


def test_pages_need_a_session_and_send_a_strict_csp(app_client: TestClient) -> None:
    app_client.cookies.clear()
    response = app_client.get("/ui/lists?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/login?next=%2Fui%2Flists%3Fx%3D1"
    page = app_client.get("/ui/login")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in page.text and " style=" not in page.text
    assert page.headers["cache-control"] == "no-store"
    asset = app_client.get("/ui/static/htmx.min.js")
    assert asset.status_code == 200 and "cache-control" not in asset.headers
    assert "default-src 'self'" in asset.headers["content-security-policy"]


def test_login_refuses_a_form_without_its_token_and_a_bad_key(
    app_client: TestClient, ui_store: UiStore
) -> None:
    app_client.cookies.clear()
    token = ui_store.tokens["screen"]
    forged = app_client.post("/ui/login", data={"api_key": token, "csrf_token": "x"})
    assert forged.status_code == 400
    assert "sanctio_session" not in forged.cookies
    bad = app_client.post(
        "/ui/login",
        data={
            "api_key": "sk_00000000_nope",
            "csrf_token": csrf_of(app_client.get("/ui/login").text),
        },
    )
    assert bad.status_code == 401
    assert "Missing or invalid API key." in bad.text


def test_only_local_paths_are_followed_after_login(
    app_client: TestClient, ui_store: UiStore
) -> None:
    app_client.cookies.clear()
    form = app_client.get("/ui/login?next=https://evil.example/")
    response = app_client.post(
        "/ui/login",
        data={
            "api_key": ui_store.tokens["screen"],
            "csrf_token": csrf_of(form.text),
            "next": "//evil.example/",
        },
    )
    assert response.headers["location"] == "/ui/"


def test_logout_needs_the_session_csrf_token(app_client: TestClient, ui_store: UiStore) -> None:
    csrf = logged_in(app_client, ui_store.tokens["screen"])
    refused = app_client.post("/ui/logout", data={"csrf_token": "wrong"})
    assert refused.status_code == 403
    assert app_client.get("/ui/").status_code == 200  # still logged in
    done = app_client.post("/ui/logout", data={"csrf_token": csrf})
    assert done.status_code == 303
    assert app_client.get("/ui/").status_code == 303


def test_hostile_list_values_are_escaped(app_client: TestClient, ui_store: UiStore) -> None:
    logged_in(app_client, ui_store.tokens["screen"])
    results = app_client.get("/ui/", params={"q": "Evil Maker"})
    assert results.status_code == 200
    assert "&lt;script&gt;window.__pwned" in results.text
    assert "<script>window" not in results.text
    entity = app_client.get("/ui/entities/ftm:evil-1")
    assert entity.status_code == 200
    assert HOSTILE_NAME not in entity.text
    assert "<img" not in entity.text and "<svg" not in entity.text
    assert "&lt;img src=x onerror=" in entity.text


def test_bad_input_is_named_on_the_form(app_client: TestClient, ui_store: UiStore) -> None:
    logged_in(app_client, ui_store.tokens["screen"])
    response = app_client.get("/ui/", params={"q": "Putin", "birth_date": "tomorrow"})
    assert response.status_code == 400
    assert 'id="birth_date"' in response.text and 'aria-invalid="true"' in response.text
    assert "birth_date: &#39;tomorrow&#39; is not a date" in response.text
    missing = app_client.get("/ui/entities/ofac-sdn:999999999")
    assert missing.status_code == 404


def test_htmx_requests_get_the_results_fragment(app_client: TestClient, ui_store: UiStore) -> None:
    logged_in(app_client, ui_store.tokens["screen"])
    response = app_client.get(
        "/ui/", params={"q": "Vladimir Putin"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert "PUTIN, Vladimir Vladimirovich" in response.text
    restore = app_client.get(
        "/ui/",
        params={"q": "Vladimir Putin"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert restore.text.lstrip().startswith("<!doctype html>")


def test_lists_and_diff_pages(app_client: TestClient, ui_store: UiStore) -> None:
    logged_in(app_client, ui_store.tokens["screen"])
    lists = app_client.get("/ui/lists")
    assert lists.status_code == 200
    assert "ofac-sdn" in lists.text and "2022-02-23" in lists.text
    diff = app_client.get("/ui/lists/ofac-sdn/diff", params={"kind": "added", "q": "putin"})
    assert diff.status_code == 200
    assert "Added (1)" in diff.text and "PUTIN, Vladimir Vladimirovich" in diff.text
    assert "Removed" not in diff.text
    bad = app_client.get("/ui/lists/ofac-sdn/diff", params={"kind": "everything"})
    assert bad.status_code == 400


def test_entity_timeline_shows_what_changed_between_versions(
    app_client: TestClient, ui_store: UiStore
) -> None:
    logged_in(app_client, ui_store.tokens["screen"])
    # IVANOV, Sergei: RUSSIA-EO14024 added to his programmes on 2022-02-26.
    page = app_client.get("/ui/entities/ofac-sdn:16688")
    assert page.status_code == 200
    timeline = page.text.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    assert "changed" in timeline and "2022-02-26" in timeline and "2022-02-23" in timeline
    assert "<ins>RUSSIA-EO14024</ins>" in timeline


def test_problems_of_a_version_are_listed(app_client: TestClient, ui_store: UiStore) -> None:
    logged_in(app_client, ui_store.tokens["screen"])
    lists = app_client.get("/ui/lists").text
    link = re.search(r'href="(/ui/lists/ofac-sdn/problems/\d+)">(\d+)<', lists)
    assert link is not None
    page = app_client.get(link.group(1))
    assert page.status_code == 200
    assert f"{link.group(2)} problems" in page.text
    assert app_client.get("/ui/lists/un-sc/problems/1").status_code == 404


def test_a_stale_list_shows_screening_refused(ui_store: UiStore) -> None:
    settings = Settings(ui_store.db, max_age_days={"ofac-sdn": 30})
    app = create_app(settings, ApiConfig(auth=False), watch=False)
    app.state.sanctio.warm()
    with TestClient(app, base_url="https://testserver") as client:
        lists = client.get("/ui/lists")
        assert "Screening is refused (fail-closed)" in lists.text
        assert "ofac-sdn is stale" in lists.text
        screened = client.get("/ui/", params={"q": "Vladimir Putin"})
        assert screened.status_code == 503
        assert "Screening refused (fail-closed)" in screened.text
        assert "PUTIN" not in screened.text
