"""Matching speed over every shared list: index build, query latency, batch throughput, RSS.

    python benchmarks/match_speed.py [--lists DIR] [--queries N] [--recall N] [--workers N]

Loads the latest version of each shared list with `sources.registry.read_all` (cached as a
pickle under /tmp so that repeated runs skip parsing; `--no-cache` re-reads), builds the
index, then screens a fixed, seeded query set: half listed names (as listed, with a typo,
reordered, a token dropped) and half Faker customers (persons and companies, many
locales). Every figure is given as CPU time (what the work costs, stable on a busy
machine) and wall time (what a caller waits), with the load average at start and end.
`--recall N` also scores N queries exhaustively against every entity and reports the share
of exhaustive top-10 hits scoring >= 0.5 that the screener returned.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from faker import Faker

from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.match import get_algorithm
from sanctio.match.query import sims_for
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener
from sanctio.sources.registry import read_all

LATEST: dict[str, str] = {
    "ofac-sdn": "2024-05-03",
    "ofac-cons": "2025-12-19",
    "un-sc": "2026-02-27",
    "uk-ofsi": "2025-04-14",
    "au-dfat": "2024-11-11",
    "ca-sema": "2020-04-15",
}
LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "ru_RU", "tr_TR", "ar_AA", "fa_IR")
LOCALES_ALL = (*LOCALES, "zh_CN", "ko_KR", "uk_UA", "pl_PL", "it_IT", "pt_BR", "vi_VN")
DEFAULT_LISTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"


def load(lists: Path, cache: bool) -> list[Entity]:
    """Every entity of the latest version of each list (pickled under /tmp when `cache`)."""
    path = Path("/tmp") / f"sanctio-match-speed-{os.getuid()}.pkl"
    if cache and path.is_file():
        with path.open("rb") as fh:
            entities: list[Entity] = pickle.load(fh)
        return entities
    entities = []
    for source, version in LATEST.items():
        for parsed in read_all([lists / source / version], source):
            entities.extend(parsed.entities)
    if cache:
        with path.open("wb") as fh:
            pickle.dump(entities, fh)
    return entities


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourn") + word[i:]


def queries(entities: Sequence[Entity], n: int, seed: int = 7) -> list[Query]:
    """`n` queries: half listed-name variants, half Faker persons and companies."""
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES_ALL}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed + i)
    out: list[Query] = []
    while len(out) < n:
        if len(out) % 2 == 0:
            e = rng.choice(entities)
            name = rng.choice(e.names())
            words = name.replace(",", " ").split()
            variant = rng.randrange(4)
            if variant == 1 and words:
                j = rng.randrange(len(words))
                words[j] = _typo(rng, words[j])
            elif variant == 2:
                rng.shuffle(words)
            elif variant == 3 and len(words) > 2:
                del words[rng.randrange(len(words))]
            text = " ".join(words)
            schema = e.schema if rng.random() < 0.5 else None
        else:
            f = fakers[rng.choice(LOCALES_ALL)]
            if rng.random() < 0.7:
                text, schema = f.name(), "Person"
            else:
                text, schema = f.company(), "Company"
        try:
            out.append(Query.create(text, schema=schema))
        except InputError:  # a name of only punctuation: skip it
            continue
    return out


def _pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def latency(screener: Screener, qs: Sequence[Query]) -> dict[str, float]:
    walls: list[float] = []
    cpus: list[float] = []
    for q in qs:
        w0, c0 = time.perf_counter(), time.thread_time()
        screener.screen(q)
        cpus.append(time.thread_time() - c0)
        walls.append(time.perf_counter() - w0)
    return {
        "p50_wall_ms": _pct(walls, 0.5) * 1e3,
        "p99_wall_ms": _pct(walls, 0.99) * 1e3,
        "p50_cpu_ms": _pct(cpus, 0.5) * 1e3,
        "p99_cpu_ms": _pct(cpus, 0.99) * 1e3,
        "mean_cpu_ms": statistics.fmean(cpus) * 1e3,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def batch(screener: Screener, qs: Sequence[Query], workers: int) -> dict[str, float]:
    w0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    count = sum(1 for _ in screener.screen_many(qs, workers=workers))
    wall = time.perf_counter() - w0
    cpu = time.process_time() - c0 + _children_cpu() - k0
    return {"queries": count, "wall_s": wall, "cpu_s": cpu, "per_s_wall": count / wall}


def recall(index: NameIndex, screener: Screener, qs: Sequence[Query]) -> tuple[float, list[str]]:
    """Share of exhaustive top-10 hits (score >= 0.5) that the screener returned."""
    algo = get_algorithm("sanctio-v1")
    similar = index.vocabulary.similar_exhaustive
    wanted = found = 0
    misses: list[str] = []
    for q in qs:
        pq = algo.prepare(q, index.weights, similar)
        sims = sims_for(pq, similar)
        scored = []
        for pe in index.prepared:
            s = algo.score(pq, pe, sims).score
            if s >= 0.5:
                scored.append((s, pe.entity.id))
        scored.sort(key=lambda t: (-t[0], t[1]))
        got = {h.entity_id for h in screener.screen(q, limit=10, threshold=0.5).results}
        tenth = scored[9][0] if len(scored) >= 10 else 0.0
        for s, eid in scored[:10]:
            if s == tenth and len(scored) > 10:
                continue  # ties at rank 10: any of them is a right answer
            wanted += 1
            if eid in got:
                found += 1
            else:
                misses.append(f"{q.names[0]!r} -> {eid} {s:.3f}")
    return (found / wanted if wanted else 1.0), misses


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=6000)
    parser.add_argument("--recall", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()}")
    entities = load(args.lists.resolve(), not args.no_cache)
    print(f"entities: {len(entities)}")
    w0, c0 = time.perf_counter(), time.process_time()
    index = NameIndex.build(entities, versions=LATEST)
    print(
        f"index build: {time.process_time() - c0:.2f} s CPU, {time.perf_counter() - w0:.2f} s "
        f"wall; vocabulary {len(index.vocabulary)} tokens"
    )
    screener = Screener(index)
    qs = queries(entities, args.queries + args.batch)
    single, many = qs[: args.queries], qs[args.queries :]
    for q in single[:50]:
        screener.screen(q)  # warm imports and the first lazily built tables
    lat = latency(screener, single)
    print("single query (ms): " + ", ".join(f"{k} {v:.2f}" for k, v in lat.items()))
    print(f"one core: {1000.0 / lat['mean_cpu_ms']:.0f} queries/s by CPU time")
    if args.batch:
        b = batch(screener, many, args.workers)
        print(
            f"batch of {b['queries']:.0f} on {args.workers} workers: {b['wall_s']:.2f} s wall, "
            f"{b['cpu_s']:.2f} s CPU (all processes), {b['per_s_wall']:.0f} queries/s wall, "
            f"{b['queries'] * args.workers / b['cpu_s']:.0f} queries/s if {args.workers} "
            "cores were free"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB (largest worker {kids:.0f} MB)")
    if args.recall:
        r, misses = recall(index, screener, single[: args.recall])
        print(f"recall vs exhaustive (top-10, score >= 0.5, {args.recall} queries): {r:.4f}")
        for m in misses[:20]:
            print("  miss:", m)
    print(f"load average at end: {os.getloadavg()}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
