"""Run every case through sanctio-v1 and, on shared candidates, nomenklatura's algorithms."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quality.cases import Case
from quality.metrics import Outcome, outcome, rank_scores
from sanctio.index import NameIndex
from sanctio.match import get_algorithm
from sanctio.match.query import sims_for
from sanctio.model import Entity
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

SANCTIO = "sanctio-v1"
CANDIDATES = 50
#: Scores at or above these count as hits when comparing the index with exhaustive scoring.
RECALL_FLOORS: tuple[float, ...] = (0.5, 0.7)


@dataclass(frozen=True, slots=True)
class CaseResult:
    """Outcomes per algorithm for one case, with timings and what the top hits were."""

    case: Case
    outcomes: dict[str, Outcome]
    sanctio_seconds: float
    nomenklatura_seconds: dict[str, float]
    candidates: int


# Set in the parent before forking so workers share the index copy-on-write.
_STATE: dict[str, Any] = {}


def prepare(index: NameIndex, entities: dict[str, Entity], with_nomenklatura: bool) -> None:
    _STATE.update(
        index=index,
        screener=Screener(index, SANCTIO),
        entities=entities,
        sources=sorted({e.source for e in entities.values()}),
        nk=with_nomenklatura,
    )


def _query(case: Case) -> Query:
    return Query.create(
        case.name,
        schema=case.schema,
        birth_dates=case.birth_dates,
        nationalities=case.nationalities,
    )


def _sources(case: Case) -> list[str] | None:
    left_out = {case.exclude, *case.also_exclude} - {None}
    if not left_out:
        return None
    return [s for s in _STATE["sources"] if s not in left_out]


def run_case(case: Case) -> CaseResult:
    """Screen one case; nomenklatura scores sanctio's top-50 candidates plus the targets."""
    screener: Screener = _STATE["screener"]
    entities: dict[str, Entity] = _STATE["entities"]
    query = _query(case)
    start = time.perf_counter()
    result = screener.screen(query, threshold=0.0, limit=CANDIDATES, sources=_sources(case))
    seconds = time.perf_counter() - start
    ranked = [(h.entity_id, h.score) for h in result.results]
    outcomes = {SANCTIO: outcome(ranked, case.targets)}
    nk_seconds: dict[str, float] = {}
    ids = list(dict.fromkeys([i for i, _ in ranked] + sorted(case.targets)))
    if _STATE["nk"]:
        # nomenklatura is a benchmark-only dependency (not in CI): imported when used.
        from quality import nomenklatura_adapter as nk

        q = nk.query_entity(case)
        cands = [entities[i] for i in ids]
        for algo in nk.ALGORITHMS:
            scores, secs = nk.score_all(algo, q, cands)
            outcomes[algo] = outcome(rank_scores(scores), case.targets)
            nk_seconds[algo] = secs
    return CaseResult(case, outcomes, seconds, nk_seconds, len(ids))


def run_exhaustive(case: Case) -> dict[str, Any]:
    """Index recall for one case: exhaustive sanctio-v1 scores vs what the screener returns."""
    index: NameIndex = _STATE["index"]
    screener: Screener = _STATE["screener"]
    algo = get_algorithm(SANCTIO)
    query = _query(case)
    similar = index.vocabulary.similar_exhaustive
    pq = algo.prepare(query, index.weights, similar)
    sims = sims_for(pq, similar)
    allowed = _sources(case)
    start = time.perf_counter()
    scores: dict[str, float] = {}
    for pe in index.prepared:
        if allowed is not None and pe.entity.source not in allowed:
            continue
        s = algo.score(pq, pe, sims).score
        if s > 0.0:
            scores[pe.entity.id] = s
    seconds = time.perf_counter() - start
    out: dict[str, Any] = {"case": case.id, "seconds": seconds}
    for floor in RECALL_FLOORS:
        wanted = {i for i, s in scores.items() if s >= floor}
        limit = min(500, max(CANDIDATES, len(wanted)))
        got = screener.screen(query, threshold=floor, limit=limit, sources=allowed)
        found = {h.entity_id for h in got.results}
        out[f"wanted@{floor:g}"] = len(wanted)
        out[f"found@{floor:g}"] = len(wanted & found)
        out[f"missed@{floor:g}"] = sorted(wanted - found)[:5]
    return out


def run_all(cases: Sequence[Case], workers: int, fn: Any = run_case) -> list[Any]:
    """Map `fn` over the cases in `workers` forked processes (1: in this process)."""
    start = time.perf_counter()
    out: list[Any] = []

    def progress() -> None:
        if len(out) % 500 == 0:
            rate = len(out) / (time.perf_counter() - start)
            print(f"  {len(out)}/{len(cases)} ({rate:.1f}/s)", flush=True)

    if workers <= 1:
        for c in cases:
            out.append(fn(c))
            progress()
        return out
    ctx = mp.get_context("fork")
    with ctx.Pool(workers) as pool:
        for item in pool.imap(fn, cases, chunksize=8):
            out.append(item)
            progress()
    return out
