"""API keys on both backends: hashed, verified, revoked; on a server, shared by instances."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sanctio.exceptions import InputError, NotFoundError
from sanctio.store.connection import connect, is_url
from sanctio.store.keys import KeyStore


def _keys_target(store_target: str, tmp_path: Path) -> str:
    # SQLite keeps keys in their own file; a server keeps them in the store's database.
    return store_target if is_url(store_target) else str(tmp_path / "s.keys.db")


def test_create_verify_revoke(store_target: str, tmp_path: Path) -> None:
    target = _keys_target(store_target, tmp_path)
    with KeyStore(target) as keys:
        key, token = keys.create("screen", "ops")
        assert keys.verify(token) == key
        assert keys.verify(token + "x") is None
        assert [k.id for k in keys.list()] == [key.id]
        with pytest.raises(InputError):
            keys.create("root")
        with pytest.raises(NotFoundError):
            keys.revoke("deadbeef")
        assert keys.revoke(key.id).revoked_at is not None
        assert keys.verify(token) is None
    db = connect(target)
    stored = db.rows("SELECT hash FROM api_keys")
    db.close()
    assert stored and all(token not in row[0] for row in stored)  # only the hash is kept


@pytest.mark.pg
def test_a_key_revoked_on_one_instance_is_refused_by_another(pg_url: str) -> None:
    with KeyStore(pg_url, cache_seconds=0.2) as one, KeyStore(pg_url, cache_seconds=0.2) as two:
        key, token = one.create("admin")
        assert two.verify(token) == key
        one.revoke(key.id)
        time.sleep(0.3)  # the other instance's cache of its last answer expires
        assert two.verify(token) is None


@pytest.mark.pg
def test_a_key_store_reconnects_after_losing_the_server(pg_url: str, pg_cluster: object) -> None:
    import psycopg

    with KeyStore(pg_url, cache_seconds=0) as keys:
        key, token = keys.create("screen")
        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:  # type: ignore[attr-defined]
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (pg_url.rsplit("/", 1)[1],),
            )
        assert keys.verify(token) == key
