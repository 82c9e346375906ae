"""Where a batch query's time goes: preparation, word look-ups, candidates, scoring.

    python benchmarks/speed_phases.py [--queries 4000] [--sets 4]

speed.py's index and warm-up, then per set of fresh batch queries (speed.make_queries),
microseconds per query for each step of `Screener.screen` at cutoff = threshold (as
batch runs), timed one after the other in this process:
- prepare: reading the names into forms and weights (`Algorithm.prepare`), with the
  first look-up of words the lists do not know (a typo weighs as its nearest listed word);
- look-ups: the first look-up of the query's other words (`NameIndex.similar`);
- candidates: `NameIndex.candidates`, of which the C ranker alone (`rank`);
- screen: the rest of `screen` given all that, mostly scoring and explaining candidates
  (`screen(prepared=...)`, which draws candidates again: its figure less candidates').
Prints the median over the sets. Timings of one process drift with the machine (see
docs/benchmarks.md, Speed): compare codes with compare_speed.py, not with this.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable, Mapping

import speed
from quality.lists import load_latest, versions
from sanctio.index import NameIndex
from sanctio.index.name_index import NAME_SLACK, NAMES_PER_CANDIDATE
from sanctio.match.query import PreparedQuery
from sanctio.screening.screen import CANDIDATE_MARGIN, DEFAULT_LIMIT, Screener, _stop

Lookup = Callable[[str], Mapping[str, float]]


def _cached(lookup: Lookup) -> tuple[Lookup, dict[str, Mapping[str, float]]]:
    cache: dict[str, Mapping[str, float]] = {}

    def similar(token: str) -> Mapping[str, float]:
        found = cache.get(token)
        if found is None:
            found = cache[token] = lookup(token)
        return found

    return similar, cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=4000)
    parser.add_argument("--sets", type=int, default=4)
    args = parser.parse_args()
    entities = [e for es in load_latest().values() for e in es]
    index = NameIndex.build(entities, versions=versions())
    screener = Screener(index)
    threshold = screener.algorithm.threshold
    for cutoff, offset in ((None, 0), (threshold, 2)):  # speed.py's warm-up
        warm = speed.make_queries(entities, 3000, 11 + offset)
        for query in warm:
            screener.screen(query, cutoff=cutoff)
    gc.freeze()
    limit = DEFAULT_LIMIT + CANDIDATE_MARGIN
    floor = _stop(threshold, threshold)  # as screen() draws them, matches only
    rows: list[dict[str, float]] = []
    for k in range(args.sets):
        queries = speed.make_queries(entities, args.queries, 1000 + k)
        t0 = time.perf_counter()
        lookups = [_cached(screener.similar_for(q)) for q in queries]
        prepared = [
            screener.algorithm.prepare(q, index.weights, similar)
            for q, (similar, _) in zip(queries, lookups, strict=True)
        ]
        t1 = time.perf_counter()
        for pq, (similar, _) in zip(prepared, lookups, strict=True):
            for name in pq.names:
                for token in name.tokens:
                    similar(token)
        t2 = time.perf_counter()
        for pq, (_, cache) in zip(prepared, lookups, strict=True):
            index.candidates(pq, limit, cache, None, floor)
        t3 = time.perf_counter()
        for query, pq in zip(queries, prepared, strict=True):
            screener.screen(query, cutoff=threshold, prepared=pq)
        t4 = time.perf_counter()
        n = len(queries) / 1e6
        rows.append(
            {
                "prepare": (t1 - t0) / n,
                "look-ups": (t2 - t1) / n,
                "candidates": (t3 - t2) / n,
                "screen": (t4 - t3) / n,
                "rank": _rank_only(index, prepared, [c for _, c in lookups], floor) / n,
            }
        )
    for key in rows[0]:
        print(f"{key:>10}: {statistics.median(r[key] for r in rows):7.1f} us per query")


def _rank_only(
    index: NameIndex,
    prepared: list[PreparedQuery],
    caches: list[dict[str, Mapping[str, float]]],
    floor: float,
) -> float:
    """Seconds the C ranker takes over these queries' postings (gathered beforehand)."""
    calls = [index.chunks(pq, cache) for pq, cache in zip(prepared, caches, strict=True)]
    calls = [(chunks, weights) for chunks, weights in calls if chunks]
    limit = DEFAULT_LIMIT + CANDIDATE_MARGIN
    start = time.perf_counter()
    for chunks, weights in calls:
        index._ranker.rank(
            chunks, weights, None, floor, limit * NAMES_PER_CANDIDATE, limit, NAME_SLACK
        )
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
