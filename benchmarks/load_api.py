"""Load benchmark for `sanctio serve`: /match at 16 concurrent clients, then again during a reload.

Run:  python benchmarks/load_api.py [--duration 60] [--clients 16] [--workers 1]
          [--client auto|wrk|python|both]

Builds a store (un-sc 2026-02-27 + ofac-sdn 2022-02-26) in a temporary folder, starts
`sanctio serve` on 127.0.0.1 with API keys on, and drives POST /match/default with one
query per request from closed-loop clients. Phase 2 loads ofac-sdn 2024-05-03 with
`sanctio lists load` in another process mid-run and checks that no request fails and
that answers switch to the new version and never go back.

The steady phase's load comes from wrk when it is installed (see wrk_load.py), else from
the asyncio client here; `--client both` runs the two one after the other. That client
is a minimal keep-alive HTTP/1.1 loop on asyncio streams, not httpx: on a 2-core machine
a heavier client steals the CPU the server is being measured on (it still takes about a
quarter of one core).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import wrk_load

ROOT = Path(__file__).resolve().parents[1]
LISTS = Path(os.environ.get("SANCTIO_LISTS_DIR", ROOT.parent / "shared" / "data" / "lists"))
OLD = "ofac-sdn@2022-02-26"
NEW = "ofac-sdn@2024-05-03"


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # (time, version label, client): each keep-alive client talks to one worker process.
    versions: list[tuple[float, str, int]] = field(default_factory=list)


def sanctio(db: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sanctio", "--db", str(db), *args],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def queries(db: Path, count: int = 400) -> list[bytes]:
    """Names from the lists (some with a typo) plus names that are on no list."""
    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT b.data FROM blobs b ORDER BY b.hash LIMIT ?", (count,)).fetchall()
    conn.close()
    rng = random.Random(7)
    bodies = []
    for (data,) in rows:
        entity = json.loads(data)
        name = entity["properties"].get("name", ["x"])[0]
        if rng.random() < 0.3 and len(name) > 6:
            i = rng.randrange(1, len(name) - 1)
            name = name[:i] + name[i + 1 :]
        schema = entity["schema"] if entity["schema"] in ("Person", "Company") else "LegalEntity"
        body = {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}
        bodies.append(json.dumps(body).encode())
    for name in ("Maria Gonzalez Perez", "John Smith", "Acme Widgets Ltd", "Olga Ivanova"):
        body = {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
        bodies.append(json.dumps(body).encode())
    return bodies


async def client(
    port: int, token: str, bodies: list[bytes], stop_at: list[float], stats: Stats, seed: int
) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        "POST /match/default HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
    )
    try:
        while time.perf_counter() < stop_at[0]:
            body = rng.choice(bodies)
            start = time.perf_counter()
            writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            payload = await reader.readexactly(length)
            elapsed = time.perf_counter() - start
            status = status_line.split(b" ", 2)[1] if status_line else b"EOF"
            if status != b"200":
                stats.errors.append(f"{status.decode()} {payload[:200]!r}")
                continue
            stats.latencies.append(elapsed)
            marker = payload.find(b'"ofac-sdn":"ofac-sdn@')
            if marker >= 0:
                label = payload[marker + 12 : marker + 31].decode()
                stats.versions.append((start, label, seed))
    finally:
        writer.close()


async def run_phase(
    port: int,
    token: str,
    bodies: list[bytes],
    clients: int,
    seconds: float,
    during: asyncio.Future[None] | None = None,
) -> tuple[Stats, float]:
    stats = Stats()
    start = time.perf_counter()
    # With a reload, the clients run until extend() says (the load may outlast `seconds`).
    stop_at = [start + seconds if during is None else float("inf")]

    async def extend() -> None:
        # Keep the load on until the reload finished and the new version answered (<= 180 s).
        assert during is not None
        await during
        deadline = time.perf_counter() + 180
        while time.perf_counter() < deadline:
            seen = {c for _, _, c in stats.versions}
            switched = {c for _, label, c in stats.versions if label == NEW}
            if seen and switched == seen:  # every worker answers from the new version
                stop_at[0] = max(start + seconds, time.perf_counter() + 5)
                return
            await asyncio.sleep(0.2)
        stop_at[0] = time.perf_counter()

    extra = [extend()] if during is not None else []
    await asyncio.gather(
        *(client(port, token, bodies, stop_at, stats, i) for i in range(clients)), *extra
    )
    return stats, time.perf_counter() - start


def report(title: str, stats: Stats, elapsed: float) -> None:
    lat = sorted(stats.latencies)
    n = len(lat)
    p50 = statistics.median(lat) * 1000 if lat else float("nan")
    p99 = lat[min(n - 1, int(n * 0.99))] * 1000 if lat else float("nan")
    print(
        f"{title}: {n} ok in {elapsed:.1f} s = {n / elapsed:.0f} requests/s, "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {len(stats.errors)}"
    )
    for err in stats.errors[:5]:
        print(f"  error: {err}")


def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    import urllib.error
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("server exited")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise SystemExit("server not ready in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--client",
        choices=("auto", "wrk", "python", "both"),
        default="auto",
        help="steady phase load generator (auto: wrk when installed); the reload phase "
        "always uses the asyncio client, which reads every answer's list version",
    )
    args = parser.parse_args()
    if args.client == "auto":
        args.client = "wrk" if wrk_load.available() else "python"
    elif args.client in ("wrk", "both") and not wrk_load.available():
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sanctio.db"
        t = time.perf_counter()
        sanctio(
            db,
            "lists",
            "load",
            str(LISTS / "un-sc" / "2026-02-27"),
            str(LISTS / "ofac-sdn" / "2022-02-26"),
        )
        print(f"store built in {time.perf_counter() - t:.1f} s")
        sys.path.insert(0, str(ROOT / "src"))
        from sanctio.store.keys import KeyStore

        with KeyStore(Path(tmp) / "sanctio.keys.db") as keys:
            _, token = keys.create("screen", "benchmark")
        port = free_port()
        env = {
            **os.environ,
            "SANCTIO_DB": str(db),
            "SANCTIO_API_AUTH": "on",
            "SANCTIO_API_WATCH_SECONDS": "1",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sanctio.cli.serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            t = time.perf_counter()
            wait_ready(port, server)
            print(
                f"server ready in {time.perf_counter() - t:.1f} s "
                f"({args.workers} worker(s), {args.clients} clients, {args.duration:.0f} s)"
            )
            bodies = queries(db)
            # Warm up until every worker answers: /readyz reached one worker only, and the
            # others fail closed (503) until their own first index build is done.
            for _ in range(20):
                warm, _ = asyncio.run(run_phase(port, token, bodies, args.clients, 3))
                if not warm.errors:
                    break
            if args.client in ("python", "both"):
                client_cpu = time.process_time()
                stats, elapsed = asyncio.run(
                    run_phase(port, token, bodies, args.clients, args.duration)
                )
                report("steady (asyncio client)", stats, elapsed)
                # The load generator shares the 2 cores with the server: say how much it took.
                share = (time.process_time() - client_cpu) / elapsed
                print(f"  load generator CPU: {share:.0%} of one core")
            if args.client in ("wrk", "both"):
                w = wrk_load.run(port, token, bodies, args.clients, args.duration)
                print(
                    f"steady (wrk): {w.requests} in {w.seconds:.1f} s = "
                    f"{w.requests / w.seconds:.0f} requests/s, p50 {w.p50_ms:.1f} ms, "
                    f"p99 {w.p99_ms:.1f} ms, errors {w.errors + w.non_2xx}"
                )
                print(f"  load generator CPU: {w.cpu_share:.0%} of one core")

            async def reload_phase() -> tuple[Stats, float, tuple[float, float]]:
                loop = asyncio.get_running_loop()
                load_span = [0.0, 0.0]  # when `lists load` started and ended (perf_counter)

                async def load_later() -> None:
                    await asyncio.sleep(args.duration / 4)
                    load_span[0] = time.perf_counter()
                    await loop.run_in_executor(
                        None, sanctio, db, "lists", "load", str(LISTS / "ofac-sdn" / "2024-05-03")
                    )
                    load_span[1] = time.perf_counter()

                task: asyncio.Future[None] = asyncio.ensure_future(load_later())
                result = await run_phase(port, token, bodies, args.clients, args.duration, task)
                return (*result, (load_span[0], load_span[1]))

            stats, elapsed, (load_start, load_end) = asyncio.run(reload_phase())
            report("during reload", stats, elapsed)
            first_new = min((t for t, label, _ in stats.versions if label == NEW), default=None)
            swap = f"{first_new - load_end:.1f} s" if first_new is not None else "never"
            print(
                f"  `lists load` took {load_end - load_start:.1f} s; first answer from the new "
                f"version {swap} after it finished"
            )
            labels = [label for _, label, _ in sorted(stats.versions)]
            old, new = labels.count(OLD), labels.count(NEW)
            by_client: dict[int, list[str]] = {}
            for _, label, c in sorted(stats.versions):
                by_client.setdefault(c, []).append(label)
            # Per connection (so per worker): reaches the new version and never goes back.
            switched = bool(by_client) and all(
                NEW in seq and set(seq[seq.index(NEW) :]) == {NEW} for seq in by_client.values()
            )
            print(
                f"  answers from {OLD}: {old}, from {NEW}: {new}; "
                f"switched without going back: {switched}"
            )
            ok = not stats.errors and switched
            print("reload check:", "PASS" if ok else "FAIL")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
