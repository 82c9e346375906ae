"""Spread keep-alive connections evenly over uvicorn's worker processes.

With `--workers N` every worker waits on one shared listening socket, and whichever wakes
first accepts everything queued: 16 client connections opened together were seen split
14/2 and 12/4 between two workers. Each worker is then saturated with its own share, so
a request's latency is its worker's connections over that worker's throughput, and the
worker holding 14 answers in 13+ ms while the other idles through 2 ms. Load balancers in
front of a service usually split requests, not connections; clients with connection pools
talking straight to the service get whatever split the kernel produced.

The fix is nginx's (`ngx_accept_disabled`): a worker holding more connections than the
least-loaded live peer does not accept for a moment, so the peer takes the connection.
Counts live in a shared table (`slots.py`). A peer that does not pick the connection up
within `MAX_DEFER` (busy on a long request, stuck) is not waited for: the connection is
accepted anyway, so a skewed peer costs at most that delay, never a refused connection.

Wiring: uvicorn takes a custom event-loop factory (`loop="sanctio.api.balance:new_loop"`);
this loop's `create_server` serves a passed-in socket with `Acceptor` when the table is
named in the environment, and behaves as uvloop's otherwise.
"""

from __future__ import annotations

import asyncio
import logging
import os
import select
import socket
import ssl as ssl_module
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvloop

from sanctio.api.slots import ENV, SlotTable

log = logging.getLogger("sanctio.api")

MAX_DEFER = 0.02  # seconds a queued connection may wait for a less-loaded peer
MAX_DEFER_ENV = "SANCTIO_API_BALANCE_WAIT_MS"  # overrides MAX_DEFER
RETRY = 0.001  # seconds between looks while deferring

ProtocolFactory = Callable[[], asyncio.BaseProtocol]


def should_defer(mine: int, peers: list[int], waited: float, limit: float = MAX_DEFER) -> bool:
    """Leave the next connection to a peer holding fewer, unless it has waited `limit` s."""
    return bool(peers) and mine > min(peers) and waited < limit


def _pending(sock: socket.socket) -> bool:
    """A connection is waiting to be accepted (the listening socket polls readable)."""
    return bool(select.select([sock], [], [], 0)[0])


class Acceptor:
    """Accepts one connection at a time from `sock`, deferring to less-loaded peers."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        sock: socket.socket,
        factory: ProtocolFactory,
        table: SlotTable,
        ssl: ssl_module.SSLContext | None = None,
        max_defer: float = MAX_DEFER,
    ) -> None:
        self._loop = loop
        self._sock = sock
        self._factory = factory
        self._table = table
        self._ssl = ssl
        self._max_defer = max_defer
        self._deferred_since: float | None = None
        self._reading = False
        self._closed = False
        self._done = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self.sockets = (sock,)
        self.deferrals = 0  # times a connection was left to a peer (for checks)

    def start(self, backlog: int) -> None:
        self._sock.setblocking(False)
        self._sock.listen(backlog)
        self._resume()

    def _resume(self) -> None:
        if self._closed or self._reading:
            return
        if self._deferred_since is not None and not _pending(self._sock):
            self._deferred_since = None  # a peer took it: the next connection starts afresh
        self._loop.add_reader(self._sock.fileno(), self._readable)
        self._reading = True

    def _pause(self, seconds: float) -> None:
        if self._reading:
            self._loop.remove_reader(self._sock.fileno())
            self._reading = False
        self._loop.call_later(seconds, self._resume)

    def _readable(self) -> None:
        now = time.monotonic()
        waited = 0.0 if self._deferred_since is None else now - self._deferred_since
        if should_defer(self._table.connections, self._table.peers(), waited, self._max_defer):
            if self._deferred_since is None:
                self._deferred_since = now
            self.deferrals += 1
            self._pause(RETRY)
            return
        self._deferred_since = None
        try:
            conn, _ = self._sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return  # a peer took it
        except OSError as exc:  # out of file descriptors and the like: back off
            log.warning("accept failed: %s", exc)
            self._pause(0.1)
            return
        conn.setblocking(False)
        self._table.add(1)
        task = self._loop.create_task(self._connect(conn))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _connect(self, conn: socket.socket) -> None:
        def counted() -> asyncio.BaseProtocol:
            protocol = self._factory()
            lost = protocol.connection_lost

            def connection_lost(exc: Exception | None) -> None:
                self._table.add(-1)
                lost(exc)

            protocol.connection_lost = connection_lost  # type: ignore[method-assign]
            return protocol

        try:
            await self._loop.connect_accepted_socket(counted, conn, ssl=self._ssl)
        except Exception as exc:  # TLS handshake failure and the like: this connection only
            log.debug("connection setup failed: %s", exc)
            self._table.add(-1)
            conn.close()

    # -- the parts of asyncio.Server that uvicorn uses ---------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._reading:
            self._loop.remove_reader(self._sock.fileno())
            self._reading = False
        self._table.release()
        self._done.set()

    async def wait_closed(self) -> None:
        await self._done.wait()


class BalancedLoop(uvloop.Loop):
    """uvloop, except that a socket handed to `create_server` is served by `Acceptor`."""

    async def create_server(
        self, protocol_factory: ProtocolFactory, *args: Any, **kwargs: Any
    ) -> Any:
        sock = kwargs.get("sock")
        path = os.environ.get(ENV)
        if sock is None or not path or args:
            return await super().create_server(protocol_factory, *args, **kwargs)
        wait = os.environ.get(MAX_DEFER_ENV)
        acceptor = Acceptor(
            self,
            sock,
            protocol_factory,
            SlotTable(Path(path)),
            kwargs.get("ssl"),
            float(wait) / 1000 if wait else MAX_DEFER,
        )
        acceptor.start(kwargs.get("backlog") or 2048)
        return acceptor


def new_loop() -> asyncio.AbstractEventLoop:
    """uvicorn's loop factory (`loop="sanctio.api.balance:new_loop"`)."""
    return BalancedLoop()
