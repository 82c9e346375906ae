"""Connections to a PostgreSQL store kept open for one process (psycopg_pool).

An API instance opens the store for its watcher every few seconds and for each request
that reads it (`/entities`, `/lists`): borrowing an open connection costs a round trip, a
new one a TCP and SCRAM handshake. The pool checks a connection before lending it, so one
the server dropped is replaced rather than handed out, and reconnects in the background
with backoff while the server is away.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from sanctio.store.postgres import CONNECT_TIMEOUT, PostgresDatabase, connect_error, describe

#: How long a caller waits for a connection before the store counts as unreachable.
WAIT_SECONDS = 3.0


class ServerPool:
    """A few connections to one server URL; `database()` lends one until closed."""

    def __init__(self, url: str, *, max_size: int = 4) -> None:
        self.url = url
        self.target = describe(url)
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            check=ConnectionPool.check_connection,
            timeout=WAIT_SECONDS,
            name="sanctio-store",
            open=False,
        )
        self._pool.open(wait=False)

    def database(self) -> PostgresDatabase:
        """A pooled connection; closing the database returns it."""
        try:
            conn = self._pool.getconn()
        except PoolTimeout:
            # The pool keeps no reason; one direct attempt names it (down, login refused).
            try:
                psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT).close()
            except psycopg.Error as exc:
                raise connect_error(self.target, exc) from None
            busy = psycopg.OperationalError(f"no free connection within {WAIT_SECONDS} s")
            raise connect_error(self.target, busy) from None
        return PostgresDatabase(conn, self.target, release=self._pool.putconn)

    def close(self) -> None:
        self._pool.close()
