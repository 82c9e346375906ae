"""Speed benchmark: index build, single-query latency, 2-core batch throughput, peak RSS,
and nomenklatura logic-v2 throughput on the same queries, measured in one run.

    python benchmarks/speed.py [--queries 3000] [--seed 11] [--workers 2] [--nk-queries 200]
        [--batch-queries 20000] [--batch-runs 3] [--warm-queries 20000]

Index: the latest version of every shared list (as `store.in_force()` gives after loading
them all). Queries: listed names as customers write them (typos, reordered, dropped middle
names, non-Latin originals) and Faker customer names in 24 locales, half of each. Latency is
`Screener.screen` in process at the default threshold and limit, with the default cutoff
(near misses from 0.5 reported, as the API's /match) and matches only (as batch runs), each
on its own fresh queries (first sight of their new words) and again on the same queries
(repeat: fuzzy lookups cached), and in steady state (fresh queries after --warm-queries
others from the same mix, as a long-running service sees them); batch throughput is
matches only, as `sanctio batch` screens (the median of --batch-runs runs, each on its
own fresh queries). nomenklatura has no retrieval: it is timed on
sanctio's top-50 candidates per query (threshold 0), so its queries/s = pairs/s / 50.
Writes benchmarks/out/speed.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faker import Faker

from quality import variants
from quality.lists import OUT, load_latest, versions
from quality.negatives import LOCALES
from sanctio.index import NameIndex
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

_STATE: dict[str, Any] = {}


def make_queries(entities: list[Entity], n: int, seed: int) -> list[Query]:
    """Half listed names with variants, half Faker customers (persons and companies)."""
    entities = [e for e in entities if e.names()]  # CryptoWallets have no names
    rng = random.Random(seed)
    fakers = [Faker(loc) for loc in sorted(LOCALES)]
    for i, f in enumerate(fakers):
        f.seed_instance(seed + i)
    out: list[Query] = []
    while len(out) < n // 2:
        e = rng.choice(entities)
        name = rng.choice(e.names())
        schema = "Person" if e.schema == "Person" else None
        roll = rng.random()
        if roll < 0.3 and variants.is_latin(name):
            name = variants.typo(name, rng)
        elif roll < 0.45:
            name = variants.reorder(name) or name
        elif roll < 0.6:
            name = variants.drop_middle(name) or name
        dates = e.get("birthDate")[:1] if schema and rng.random() < 0.5 else ()
        out.append(Query.create(name, schema=schema, birth_dates=dates))
    while len(out) < n:
        f = rng.choice(fakers)
        if rng.random() < 0.7:
            out.append(Query.create(f.name(), schema="Person"))
        else:
            out.append(Query.create(f.company(), schema="Company"))
    rng.shuffle(out)
    return out


def _screen_chunk(chunk: list[Query]) -> int:
    screener: Screener = _STATE["screener"]
    # As `sanctio batch` does: it writes matches, so it scores at cutoff = threshold.
    threshold = screener.algorithm.threshold
    return sum(len(r.results) for r in screener.screen_many(chunk, cutoff=threshold))


def _latency(screener: Screener, queries: list[Query], cutoff: float | None) -> dict[str, float]:
    """p50, p99, mean (ms) and queries/s of `screen` over `queries`, one at a time."""
    lat: list[float] = []
    for q in queries:
        start = time.perf_counter()
        screener.screen(q, cutoff=cutoff)
        lat.append(time.perf_counter() - start)
    lat_ms = sorted(x * 1000 for x in lat)
    return {
        "p50": statistics.median(lat_ms),
        "p99": lat_ms[int(0.99 * (len(lat_ms) - 1))],
        "mean": statistics.mean(lat_ms),
        "queries_per_s": len(lat) / sum(lat),
    }


def batch_throughput(queries: list[Query], workers: int) -> float:
    """Queries/s over `workers` forked processes sharing the index copy-on-write."""
    chunks = [queries[i : i + 100] for i in range(0, len(queries), 100)]
    gc.freeze()  # keep the collector from writing to (and so copying) the index pages
    start = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        for _ in pool.imap_unordered(_screen_chunk, chunks):
            pass
    seconds = time.perf_counter() - start
    gc.unfreeze()
    return len(queries) / seconds


def nomenklatura_throughput(screener: Screener, queries: list[Query], n: int) -> dict[str, float]:
    """logic-v2 pairs/s and queries/s on sanctio's top-50 candidates for `n` queries."""
    from followthemoney import ValueEntity
    from nomenklatura.matching import ScoringConfig, get_algorithm

    from quality import nomenklatura_adapter as nk

    warm = nk.warm_up()
    algo = get_algorithm("logic-v2")
    assert algo is not None
    config = ScoringConfig.defaults()
    pairs: list[tuple[Any, Any]] = []
    for i, q in enumerate(queries[:n]):
        hits = screener.screen(q, threshold=0.0, limit=50).results
        props: dict[str, list[str]] = {"name": list(q.names)}
        if q.schema == "Person" and q.birth_dates:
            props["birthDate"] = [d.iso() for d in q.birth_dates]
        qe = ValueEntity.from_dict(
            {"id": f"q{i}", "schema": q.schema or "LegalEntity", "properties": props}
        )
        pairs += [(qe, nk.list_entity(screener.index.entity(h.entity_id))) for h in hits]
    start = time.perf_counter()
    for qe, le in pairs:
        algo.compare(qe, le, config)
    seconds = time.perf_counter() - start
    pps = len(pairs) / seconds
    return {
        "warm_up_s": warm,
        "pairs": len(pairs),
        "pairs_per_s": pps,
        "queries_per_s_at_50": pps / 50,
        "mean_candidates": len(pairs) / max(1, n),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-queries", type=int, default=20000)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--nk-queries", type=int, default=200)
    parser.add_argument("--warm-queries", type=int, default=20000)
    parser.add_argument("--out", type=Path, default=OUT / "speed.json")
    args = parser.parse_args()
    load = os.getloadavg()
    entities = [e for es in load_latest().values() for e in es]
    print(f"{len(entities)} entities (latest version of each shared list)", flush=True)

    builds = []
    for _ in range(2):
        start = time.perf_counter()
        index = NameIndex.build(entities, versions=versions())
        builds.append(time.perf_counter() - start)
    print(f"index build: {min(builds):.2f} s (best of 2: {', '.join(f'{b:.2f}' for b in builds)})")
    screener = Screener(index)
    _STATE["screener"] = screener
    for q in make_queries(entities, 200, args.seed + 100):
        screener.screen(q)  # warm up as a long-running service would
    latency: dict[str, dict[str, float]] = {}
    # Default cutoff (0.5, as the API's /match): near misses are scored and reported too;
    # matches only (cutoff = threshold), as batch and text screening run. Each mode gets
    # its own fresh queries ("first"): their new words are looked up for the first time,
    # as a stream of new customers brings them; "repeat" screens the same queries again
    # (every word's fuzzy lookup cached, as for returning customers).
    modes = (("default", None, 0), ("matches_only", screener.algorithm.threshold, 2))
    for label, cutoff, offset in modes:
        queries = make_queries(entities, args.queries, args.seed + offset)
        for run in ("first", "repeat"):
            got = _latency(screener, queries, cutoff)
            latency[f"{label}_{run}"] = got
            print(
                f"single query ({label}, {run}): p50 {got['p50']:.3f} ms, "
                f"p99 {got['p99']:.3f} ms, mean {got['mean']:.3f} ms "
                f"({got['queries_per_s']:.0f} queries/s on one core)",
                flush=True,
            )
    single_qps = latency["default_first"]["queries_per_s"]
    # A fresh, larger set: a few seconds of work per process, so pool start-up does not
    # dominate (token caches warm as they would over a customer file).
    # Each run on its own fresh queries; the median of --batch-runs, as this machine's
    # speed drifts by 10-20% from one run to the next.
    batch_runs = [
        batch_throughput(
            make_queries(entities, args.batch_queries, args.seed + 1 + 10 * r), args.workers
        )
        for r in range(args.batch_runs)
    ]
    batch = statistics.median(batch_runs)
    print(
        f"batch on {args.workers} processes: {batch:.0f} queries/s (median of "
        f"{', '.join(f'{b:.0f}' for b in batch_runs)})",
        flush=True,
    )
    # Steady state, as a service that has run for a while: after `--warm-queries` other
    # queries from the same mix, queries drawn afresh bring few words it has not seen
    # (mostly typos): common given names and list tokens are cached by then.
    warm_start = time.perf_counter()
    for q in make_queries(entities, args.warm_queries, args.seed + 3):
        screener.screen(q, cutoff=screener.algorithm.threshold)
    print(f"warm-up: {args.warm_queries} other queries in {time.perf_counter() - warm_start:.1f} s")
    for label, cutoff, offset in modes:
        got = _latency(
            screener, make_queries(entities, args.queries, args.seed + 4 + offset), cutoff
        )
        latency[f"{label}_steady"] = got
        print(
            f"single query ({label}, steady): p50 {got['p50']:.3f} ms, "
            f"p99 {got['p99']:.3f} ms, mean {got['mean']:.3f} ms",
            flush=True,
        )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {rss_mb:.0f} MB (largest batch worker {child_mb:.0f} MB)", flush=True)
    nk_queries = make_queries(entities, args.queries, args.seed)  # the default mode's
    nk_stats = nomenklatura_throughput(screener, nk_queries, args.nk_queries)
    ratio = single_qps / nk_stats["queries_per_s_at_50"]
    print(
        f"nomenklatura logic-v2: {nk_stats['pairs_per_s']:.0f} pairs/s = "
        f"{nk_stats['queries_per_s_at_50']:.1f} queries/s at 50 candidates (one core); "
        f"sanctio/logic-v2 = {ratio:.0f}x",
        flush=True,
    )
    report = {
        "command": " ".join(["python", "benchmarks/speed.py", *sys.argv[1:]]),
        "load_average_at_start": load,
        "load_average_at_end": os.getloadavg(),
        "cpus": os.cpu_count(),
        "entities": len(entities),
        "versions": versions(),
        "index_build_s": builds,
        "latency_ms": latency,
        "single_core_queries_per_s": single_qps,
        f"batch_queries_per_s_{args.workers}_processes": batch,
        "batch_queries": args.batch_queries,
        "batch_runs_queries_per_s": batch_runs,
        "peak_rss_mb": rss_mb,
        "peak_rss_batch_worker_mb": child_mb,
        "nomenklatura_logic_v2": nk_stats,
        "sanctio_over_logic_v2_single_core": ratio,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
