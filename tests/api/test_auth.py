"""API keys: hashed at rest, Bearer or ApiKey, scopes, and 401/403 that tell a guesser nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sanctio.store.keys import KeyStore, token_hash

BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Arkady Rotenberg"]}}}}


def test_open_routes_need_no_key(keyed: tuple[TestClient, str, str]) -> None:
    client, _, _ = keyed
    for path in ("/healthz", "/readyz", "/openapi.json", "/docs"):
        assert client.get(path).status_code == 200, path


def test_every_other_route_needs_a_key(keyed: tuple[TestClient, str, str]) -> None:
    client, _, _ = keyed
    schema = client.get("/openapi.json").json()
    open_paths = {"/healthz", "/readyz"}
    for path, ops in schema["paths"].items():
        if path in open_paths:
            continue
        url = path.replace("{dataset}", "default").replace("{entity_id}", "ofac-sdn:6925")
        url = url.replace("{source}", "ofac-sdn")
        for method in ops:
            r = client.request(method, url)
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.json()["error"]["code"] == "unauthorized"
            assert r.headers["www-authenticate"] == "Bearer"


def test_bad_keys_all_read_the_same(keyed: tuple[TestClient, str, str], db_path: Path) -> None:
    client, screen, _ = keyed
    with KeyStore(db_path.with_name(db_path.stem + ".keys.db")) as keys:
        revoked, token = keys.create("screen", "to revoke")
        keys.revoke(revoked.id)
    forged = screen[:-4] + "AAAA"
    replies = set()
    for header in (
        None,
        "Bearer",
        "Bearer nonsense",
        f"Bearer {forged}",
        f"Bearer {token}",
        f"Basic {screen}",
        "Bearer sk_00000000_" + "x" * 43,
    ):
        headers = {"Authorization": header} if header else {}
        r = client.post("/match/default", json=BODY, headers=headers)
        assert r.status_code == 401
        replies.add(r.text)
    assert len(replies) == 1  # no hint which part was wrong


def test_good_keys_and_scopes(keyed: tuple[TestClient, str, str]) -> None:
    client, screen, admin = keyed
    for header in (f"Bearer {screen}", f"ApiKey {screen}", f"bearer {admin}"):
        r = client.post("/match/default", json=BODY, headers={"Authorization": header})
        assert r.status_code == 200, header
    r = client.post(
        "/lists/ftm",
        headers={"Authorization": f"Bearer {screen}"},
        files={"files": ("x.json", b"{}")},
    )
    assert r.status_code == 403
    assert r.json()["error"] == {
        "code": "forbidden",
        "message": "this API key may not use this route",
        "field": None,
    }


def test_keys_are_stored_hashed(tmp_path: Path) -> None:
    path = tmp_path / "keys.db"
    with KeyStore(path) as keys:
        key, token = keys.create("admin", "ci")
        assert token.startswith(f"sk_{key.id}_")
        assert keys.verify(token) == key
        assert keys.verify(token + "x") is None
        assert [k.id for k in keys.list()] == [key.id]
    raw = path.read_bytes()
    assert token.encode() not in raw
    assert token_hash(token).encode() in raw
    assert path.stat().st_mode & 0o077 == 0  # owner-only file
