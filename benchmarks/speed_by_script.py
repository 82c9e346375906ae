"""First-sight latency of speed.py's queries, apart for those written in Arabic script.

    python benchmarks/speed_by_script.py            # the 3,000 queries of speed.py

Names in Arabic script are looked up with every Latin spelling their consonants allow
(normalize.abjad), which costs more than a plain lookup: this prints both groups' mean and
p99 so that a change to either path shows where it lands. Run it on the code to compare,
one after the other, on an otherwise idle machine: it imports nothing the code before issue
15 lacks, so that code can be timed too (PYTHONPATH=<its checkout>/src).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed
from quality.lists import load_latest, versions
from sanctio.index import NameIndex
from sanctio.screening.screen import Screener


def _arabic(name: str) -> bool:
    """A letter of the Arabic blocks (Arabic, Supplement, Extended-A, presentation forms)."""
    return any(
        "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff"
        for ch in name
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    entities = [e for es in load_latest().values() for e in es]
    screener = Screener(NameIndex.build(entities, versions=versions()))
    groups: dict[str, list[float]] = {"arabic script": [], "other": []}
    for query in speed.make_queries(entities, args.queries, args.seed):
        start = time.perf_counter()
        screener.screen(query)
        elapsed = time.perf_counter() - start
        group = "arabic script" if any(map(_arabic, query.names)) else "other"
        groups[group].append(elapsed)
    for group, times in groups.items():
        if not times:
            continue
        times.sort()
        mean = sum(times) / len(times) * 1000
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
        print(f"{group}: {len(times)} queries, mean {mean:.3f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
