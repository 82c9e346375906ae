"""Connections spread evenly over worker processes (sanctio.api.slots, sanctio.api.balance)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from sanctio.api import slots
from sanctio.api.balance import MAX_DEFER, Acceptor, should_defer
from sanctio.api.slots import SlotTable
from sanctio.cli.serve import _balanced


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_rows_are_claimed_counted_and_released(tmp_path: Path) -> None:
    path = tmp_path / "slots"
    slots.create(path)
    a, b = SlotTable(path), SlotTable(path)
    assert a.row != b.row
    a.add(3)
    b.add(1)
    b.add(-1)
    assert (a.connections, b.connections) == (3, 0)
    assert a.peers() == [0] and b.peers() == [3]
    assert sorted(slots.live(path)) == [(os.getpid(), 0), (os.getpid(), 3)]
    a.release()
    assert b.peers() == [] and slots.live(path) == [(os.getpid(), 0)]
    c = SlotTable(path)  # takes the released row
    assert c.row == a.row
    a.add(-3)  # a connection of the shut-down worker closing late: not c's
    assert c.connections == 0


def test_a_dead_workers_row_is_ignored_and_reclaimed(tmp_path: Path) -> None:
    path = tmp_path / "slots"
    slots.create(path)
    raw = bytearray(path.read_bytes())
    raw[0:16] = _dead_pid().to_bytes(8, "little") + (7).to_bytes(8, "little")
    path.write_bytes(bytes(raw))
    assert slots.live(path) == []
    table = SlotTable(path)
    assert table.row == 0 and table.connections == 0 and table.peers() == []


def test_a_table_of_the_wrong_size_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "slots"
    path.write_bytes(b"\0" * 10)
    with pytest.raises(ValueError, match=f"{path}: expected 1024 bytes, found 10"):
        SlotTable(path)


def test_should_defer_to_a_less_loaded_peer_but_not_forever() -> None:
    assert should_defer(2, [1, 5], 0.0)
    assert not should_defer(1, [1, 5], 0.0)  # even: take it
    assert not should_defer(3, [], 0.0)  # alone
    assert not should_defer(2, [1], MAX_DEFER)  # the peer did not take it in time


class _Idle(asyncio.Protocol):
    pass


async def _accept_all(acceptors: list[Acceptor], n: int, port: int) -> list[socket.socket]:
    clients = []
    for _ in range(n):
        c = socket.create_connection(("127.0.0.1", port))
        clients.append(c)
    deadline = time.monotonic() + 5
    while sum(a._table.connections for a in acceptors) < n and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    return clients


def test_a_stuck_peer_delays_a_connection_but_never_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "slots"
    slots.create(path)
    stuck = SlotTable(path)  # a live peer holding no connections that never accepts
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    async def run() -> tuple[int, int]:
        acceptor = Acceptor(asyncio.get_running_loop(), listener, _Idle, SlotTable(path))
        acceptor.start(16)
        clients = await _accept_all([acceptor], 3, port)
        held = acceptor._table.connections
        acceptor.close()
        await acceptor.wait_closed()
        for c in clients:
            c.close()
        return held, acceptor.deferrals

    held, deferrals = asyncio.run(run())
    assert held == 3  # all accepted
    assert deferrals > 0  # after leaving the 2nd and 3rd to the peer for a while
    assert stuck.connections == 0
    listener.close()


def test_connections_are_counted_down_when_they_close(tmp_path: Path) -> None:
    path = tmp_path / "slots"
    slots.create(path)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    async def run() -> tuple[int, int]:
        acceptor = Acceptor(asyncio.get_running_loop(), listener, _Idle, SlotTable(path))
        acceptor.start(16)
        clients = await _accept_all([acceptor], 4, port)
        opened = acceptor._table.connections
        for c in clients:
            c.close()
        deadline = time.monotonic() + 5
        while acceptor._table.connections and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        left = acceptor._table.connections
        acceptor.close()
        return opened, left

    assert asyncio.run(run()) == (4, 0)
    assert slots.live(path) == []  # released on close
    listener.close()


_APP = """
import os


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = str(os.getpid()).encode()
    headers = [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
"""

_SERVE = """
import os
import sys
import uvicorn
from sanctio.cli.serve import _balanced

with _balanced(2) as loop:
    print(loop, os.environ["SANCTIO_API_SLOTS"], flush=True)
    uvicorn.run("pidapp:app", host="127.0.0.1", port=int(sys.argv[1]), workers=2, loop=loop,
                log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ask_pid(conn: socket.socket) -> int:
    conn.sendall(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data or not data.split(b"\r\n\r\n", 1)[1]:
        chunk = conn.recv(4096)
        assert chunk, "server closed the connection"
        data += chunk
    return int(data.split(b"\r\n\r\n", 1)[1])


def test_uvicorn_workers_share_a_burst_of_connections_evenly(tmp_path: Path) -> None:
    (tmp_path / "pidapp.py").write_text(textwrap.dedent(_APP))
    port = _free_port()
    # A peer busy elsewhere (other tests share the cores) is waited for up to 2 s, not 20 ms.
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "SANCTIO_API_BALANCE_WAIT_MS": "2000"}
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_SERVE), str(port)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        loop, table = proc.stdout.readline().split()
        assert loop == "sanctio.api.balance:new_loop"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # both workers listening
            if len(slots.live(Path(table))) == 2:
                break
            time.sleep(0.1)
        else:
            pytest.fail("two workers did not start")
        conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(8)]
        by_worker = Counter(_ask_pid(c) for c in conns)
        for c in conns:
            c.close()
        assert sorted(by_worker.values()) == [4, 4], by_worker
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    assert not Path(table).exists()  # the table is removed on exit


def test_one_worker_needs_no_table() -> None:
    with _balanced(1) as loop:
        assert loop == "auto"
        assert slots.ENV not in os.environ


def test_a_deferral_ends_when_the_peer_takes_the_connection(tmp_path: Path) -> None:
    """A worker that left a connection to its peer does not carry that wait over to the
    next connection, minutes later (it would then accept it at once, unbalanced)."""
    path = tmp_path / "slots"
    slots.create(path)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    twin = listener.dup()  # the peer's descriptor of the same socket, as after fork

    async def run() -> tuple[int, int, float | None]:
        loop = asyncio.get_running_loop()
        busy = Acceptor(loop, listener, _Idle, SlotTable(path), max_defer=5.0)
        busy.start(16)
        first = await _accept_all([busy], 1, port)
        peer = SlotTable(path)  # the idle peer's row: 0 connections
        second = [socket.create_connection(("127.0.0.1", port))]
        deadline = time.monotonic() + 5
        while not busy.deferrals and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
        assert busy._deferred_since is not None  # left to the peer, which now takes it
        idle = Acceptor(loop, twin, _Idle, peer, max_defer=5.0)
        idle.start(16)
        while idle._table.connections < 1 and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.05)
        held = (busy._table.connections, idle._table.connections)
        since = busy._deferred_since
        for a in (busy, idle):
            a.close()
        for c in first + second:
            c.close()
        return held[0], held[1], since

    busy_held, idle_held, since = asyncio.run(run())
    assert (busy_held, idle_held) == (1, 1)
    assert since is None
    listener.close()
    twin.close()
