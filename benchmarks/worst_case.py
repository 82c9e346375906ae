"""Worst-case requests within the work budget: time, slope against input size, memory.

    python benchmarks/worst_case.py [--lists PATH ...] [--repeat 3]

Builds the index over the given list folders (default: every source's newest shared
list) and times, through the screening use cases the API calls:

- `/screen/text`: capitalised words drawn from the listed names' own vocabulary (every
  word is a candidate, the run of name-like words never ends) at growing sizes up to
  4 x MAX_TEXT_NAME_WORDS; the slope is the exponent of time against size (1.0 =
  linear); then the two texts at the budget: MAX_TEXT_NAME_WORDS such words, and
  MAX_TEXT_WORDS of prose holding that many;
- `/match`: as many queries as one request may carry (MAX_BATCH), each with names of
  listed words up to MAX_QUERY_WORDS, all within MAX_REQUEST_WORDS;
- a batch row: one name of MAX_NAME_WORDS listed words.

Peak memory is the process's resident high-water mark (reset before each case through
/proc/self/clear_refs) less the resident size before it.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sanctio.api.config import MAX_BATCH
from sanctio.index import NameIndex
from sanctio.screening.budget import (
    MAX_NAME_WORDS,
    MAX_QUERY_WORDS,
    MAX_REQUEST_WORDS,
    MAX_TEXT_NAME_WORDS,
    MAX_TEXT_WORDS,
)
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener
from sanctio.screening.text.screen import screen_text
from sanctio.sources.registry import read_all

_DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"
NEWEST = (
    "ofac-sdn/2024-05-03",
    "ofac-cons/2025-12-19",
    "uk-ofsi/2025-04-14",
    "au-dfat/2024-11-11",
    "un-sc/2026-02-27",
    "ca-sema/2020-04-15",
)


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def measure(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best seconds, peak extra resident MB) over `repeat` runs."""
    best = math.inf
    peak = 0.0
    for _ in range(repeat):
        base = _status("VmRSS")
        with contextlib.suppress(OSError):  # resets the high-water mark
            Path("/proc/self/clear_refs").write_text("5")
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
        peak = max(peak, (_status("VmHWM") - base) / 2**20)
    return best, peak


def vocabulary(screener: Screener, top: int = 3000) -> list[str]:
    """The listed names' most shared words, capitalised: the costliest words to look up."""
    counts: Counter[str] = Counter()
    for entity in screener.index:
        for name in entity.names():
            counts.update(w.strip(",.()") for w in name.split() if len(w) > 2)
    return [w.title() for w, _ in counts.most_common(top) if w.strip(",.()").isalpha()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lists", nargs="*", default=[])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = Path(os.environ.get("SANCTIO_LISTS_DIR", str(_DEFAULT))).resolve()
    paths = [Path(p) for p in args.lists] or [root / p for p in NEWEST]
    start = time.perf_counter()
    entities = [e for parsed in read_all(paths) for e in parsed.entities]
    screener = Screener(NameIndex.build(entities))
    print(f"index: {len(entities)} entities, built in {time.perf_counter() - start:.1f} s")
    words = vocabulary(screener)
    rng = random.Random(21)
    screener.screen(Query.create("warm up"))

    rows: list[tuple[str, str, float, float]] = []
    top = MAX_TEXT_NAME_WORDS * 4  # past the budget, to show the slope
    sizes = [top // 16, top // 8, top // 4, top // 2, top]
    timings: list[tuple[int, float]] = []
    for n in sizes:
        text = " ".join(rng.choice(words) for _ in range(n))
        seconds, mb = measure(lambda text=text: screen_text(screener, text), args.repeat)
        timings.append((n, seconds))
        over = " (over budget)" if n > MAX_TEXT_NAME_WORDS else ""
        rows.append(("text", f"{n} name-like words, {len(text) // 1024} KB{over}", seconds, mb))
    # Within the budget: every word name-like, then prose at the word limit.
    names = " ".join(rng.choice(words) for _ in range(MAX_TEXT_NAME_WORDS))
    seconds, mb = measure(lambda: screen_text(screener, names), args.repeat)
    rows.append(("text at budget", f"{MAX_TEXT_NAME_WORDS} name-like words", seconds, mb))
    filler = ["the", "of", "payment", "was", "made", "to", "and", "for", "in", "a"]
    prose_words = [rng.choice(filler) for _ in range(MAX_TEXT_WORDS)]
    for at in rng.sample(range(MAX_TEXT_WORDS), MAX_TEXT_NAME_WORDS):
        prose_words[at] = rng.choice(words)
    prose = " ".join(prose_words)
    seconds, mb = measure(lambda: screen_text(screener, prose), args.repeat)
    rows.append(
        ("text at budget", f"{MAX_TEXT_WORDS} words, {MAX_TEXT_NAME_WORDS} name-like", seconds, mb)
    )
    (n0, t0), (n1, t1) = timings[0], timings[-1]
    slope = math.log(t1 / t0) / math.log(n1 / n0)

    per_query = min(MAX_QUERY_WORDS, MAX_REQUEST_WORDS // MAX_BATCH)
    names_per_query = max(1, per_query // 4)

    def name(k: int) -> str:
        return " ".join(rng.choice(words) for _ in range(k))

    queries = [
        Query.create([name(per_query // names_per_query) for _ in range(names_per_query)])
        for _ in range(MAX_BATCH)
    ]
    seconds, mb = measure(lambda: [screener.screen(q, limit=5) for q in queries], args.repeat)
    total = sum(len(n.split()) for q in queries for n in q.names)
    rows.append(
        ("/match", f"{MAX_BATCH} queries x {names_per_query} names, {total} words", seconds, mb)
    )

    one = Query.create([name(per_query // names_per_query) for _ in range(names_per_query)])
    seconds, mb = measure(lambda: screener.screen(one, limit=5), args.repeat)
    rows.append(("/match query", f"1 query, {per_query} words", seconds, mb))

    heavy = Query.create([name(MAX_QUERY_WORDS // 3) for _ in range(3)])
    seconds, mb = measure(lambda: screener.screen(heavy, limit=5), args.repeat)
    rows.append(("query at MAX_QUERY_WORDS", f"3 names, {MAX_QUERY_WORDS} words", seconds, mb))

    row = Query.create(name(MAX_NAME_WORDS))
    seconds, mb = measure(lambda: screener.screen(row, limit=5), args.repeat)
    rows.append(("batch row", f"1 name, {MAX_NAME_WORDS} words", seconds, mb))

    print()
    print("| request | size | seconds | peak extra MB |")
    print("|---|---|---:|---:|")
    for what, size, secs, mem in rows:
        print(f"| {what} | {size} | {secs:.3f} | {mem:.0f} |")
    print(f"\ntext slope (log time / log size, {n0} -> {n1} words): {slope:.2f}")


if __name__ == "__main__":
    main()
