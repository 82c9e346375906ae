"""Pooled server connections: lent, returned, replaced when the server dropped them."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from sanctio.exceptions import StoreError
from sanctio.store.pool import ServerPool
from sanctio.store.sqlite import Store

pytestmark = pytest.mark.pg


def test_a_connection_the_server_dropped_is_replaced(pg_cluster: Any, pg_url: str) -> None:
    Store.open(pg_url).close()
    pool = ServerPool(pg_url, max_size=1)
    try:
        with Store.open(pg_url, pool=pool) as store:
            assert store.versions() == []
            first = store.database.one("SELECT pg_backend_pid()")
        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", first)
        with Store.open(pg_url, pool=pool, create=False) as store:  # the only connection
            assert store.versions() == []
            assert store.database.one("SELECT pg_backend_pid()") != first
    finally:
        pool.close()


def test_an_unreachable_server_is_named(pg_cluster: Any) -> None:
    pool = ServerPool(pg_cluster.url(password="wrong"))
    try:
        with pytest.raises(StoreError, match="password authentication failed"):
            Store.open(pg_cluster.url(password="wrong"), pool=pool)
    finally:
        pool.close()
