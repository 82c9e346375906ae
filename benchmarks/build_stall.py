"""What a background index rebuild costs the requests a worker serves meanwhile.

An API worker swaps in a new index when a list version is loaded: its watcher thread
builds the index while the event loop keeps screening. Both need the GIL, so every
stretch of the build that holds it (a C routine, a garbage collection) stalls every
request of that worker. This script measures it in one process, as a worker sees it:

1. a store with un-sc 2026-02-27 and ofac-sdn 2022-02-26 (the load_api.py store), indexed;
2. baseline: requests (one `screen` of a listed name each) back to back for a few seconds;
3. ofac-sdn 2024-05-03 is imported, a thread rebuilds the index (`ScreeningService.refresh`)
   and the same requests run until the new index is swapped in.

It prints request latency p50 / p99 / max for both, the build time and the longest gap.
Run: `python benchmarks/build_stall.py` (about a minute, most of it importing the lists).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality.lists import lists_dir
from sanctio.ingest.importer import import_paths
from sanctio.screening.query import Query
from sanctio.screening.service import ScreeningService
from sanctio.store.sqlite import Store


def _summary(label: str, latencies: list[float]) -> str:
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    slow = sum(1 for x in ms if x > 50)
    return (
        f"{label}: {len(ms)} requests, p50 {statistics.median(ms):.2f} ms, p99 {p99:.2f} ms, "
        f"max {ms[-1]:.1f} ms, over 50 ms: {slow}"
    )


def _serve(
    svc: ScreeningService, queries: list[Query], until: threading.Event | float
) -> list[float]:
    """Screen queries back to back on whatever snapshot is current; per-request seconds."""
    out: list[float] = []
    i = 0
    while True:
        if isinstance(until, threading.Event):
            if until.is_set():
                break
        elif time.perf_counter() >= until:
            break
        start = time.perf_counter()
        svc.serving().screener.screen(queries[i % len(queries)])
        out.append(time.perf_counter() - start)
        i += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-seconds", type=float, default=5.0)
    args = parser.parse_args()
    lists = lists_dir()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sanctio.db"
        t = time.perf_counter()
        with Store.open(db) as store:
            import_paths(store, [lists / "un-sc" / "2026-02-27", lists / "ofac-sdn" / "2022-02-26"])
        print(f"store built in {time.perf_counter() - t:.1f} s")
        svc = ScreeningService(db)
        t = time.perf_counter()
        svc.refresh()
        print(f"first build {time.perf_counter() - t:.1f} s (no requests running)")
        names = [e.caption for e in svc.serving().index]
        queries = [Query.create(n) for n in random.Random(7).sample(names, 500)]
        _serve(svc, queries, time.perf_counter() + 1.0)  # warm the caches
        base = _serve(svc, queries, time.perf_counter() + args.baseline_seconds)
        print(_summary("baseline", base))

        with Store.open(db) as store:
            import_paths(store, [lists / "ofac-sdn" / "2024-05-03"])
        done = threading.Event()
        took: list[float] = []

        def rebuild() -> None:
            start = time.perf_counter()
            svc.refresh()
            took.append(time.perf_counter() - start)
            done.set()

        builder = threading.Thread(target=rebuild)
        builder.start()
        during = _serve(svc, queries, done)
        builder.join()
        print(f"rebuild {took[0]:.1f} s while serving ({svc.serving().describe()['versions']})")
        print(_summary("during the rebuild", during))


if __name__ == "__main__":
    main()
