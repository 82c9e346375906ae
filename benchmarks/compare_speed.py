"""Batch throughput of this checkout against another, run side by side.

    python benchmarks/compare_speed.py OTHER_SRC [--rounds 6] [--queries 20000]

OTHER_SRC is the `src` folder of another checkout (a `git worktree` of an older commit,
its C extensions built in place: docs/benchmarks.md, "Speed", gives the commands). Each
round starts two processes at once, one per core, each building the index of speed.py,
warming up as speed.py does before its batch figure (200 queries, then 3,000 at the
default cutoff and 3,000 matches only, twice each), and screening the same fresh batch
queries on one forked worker; the order in which the two start alternates. Run side by
side, both see the same drift of this machine's speed (10-20% from one minute to the
next), which running them one after the other does not cancel. Prints each round and the
median ratio (this / other).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()


def child(queries: int) -> None:
    """Build, warm up as speed.py does, and print batch queries/s on one worker."""
    sys.path.insert(0, str(HERE.parent))
    import speed
    from quality.lists import load_latest, versions
    from sanctio.index import NameIndex
    from sanctio.screening.screen import Screener

    entities = [e for es in load_latest().values() for e in es]
    screener = Screener(NameIndex.build(entities, versions=versions()))
    speed._STATE["screener"] = screener
    for q in speed.make_queries(entities, 200, 111):
        screener.screen(q)
    for cutoff, offset in ((None, 0), (screener.algorithm.threshold, 2)):
        warm = speed.make_queries(entities, 3000, 11 + offset)
        for _ in range(2):
            for q in warm:
                screener.screen(q, cutoff=cutoff)
    batch = speed.make_queries(entities, queries, 12)
    print(f"{speed.batch_throughput(batch, 1):.1f}")


def _start(src: str | None, queries: int) -> subprocess.Popen[str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    command = [sys.executable, str(HERE), "--child", "--queries", str(queries)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


def _rate(process: subprocess.Popen[str]) -> float:
    out, _ = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"a child run failed (exit {process.returncode})")
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", nargs="?", help="the other checkout's src folder")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--queries", type=int, default=20000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.queries)
        return
    if not args.other or not Path(args.other, "sanctio").is_dir():
        parser.error("OTHER_SRC: expected the src folder of another checkout (holding sanctio/)")
    ratios = []
    print(f"{'round':>5} {'this q/s':>9} {'other q/s':>10} {'ratio':>6}")
    for r in range(args.rounds):
        sides = [None, args.other] if r % 2 == 0 else [args.other, None]
        running = {side: _start(side, args.queries) for side in sides}
        this, other = _rate(running[None]), _rate(running[args.other])
        ratios.append(this / other)
        print(f"{r + 1:5d} {this:9.0f} {other:10.0f} {this / other:6.3f}", flush=True)
    print(f"median ratio this / other: {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
