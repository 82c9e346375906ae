"""Screen queries against an index: candidates, scores, explanations, ranked results."""

from __future__ import annotations

import heapq
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.pool import AsyncResult
from typing import Any

import numpy as np
import numpy.typing as npt

from sanctio.exceptions import InputError
from sanctio.index import NameIndex
from sanctio.match import Algorithm, Feature, get_algorithm
from sanctio.match.names import ScoreCache, may_be_covered
from sanctio.match.prepared import PreparedEntity
from sanctio.match.query import PreparedQuery, abjad_tokens, sims_for
from sanctio.match.rules import covered_gain
from sanctio.runtime import field_values, frozen_for_fork
from sanctio.screening.query import Query
from sanctio.screening.wallets import WALLET_SCHEMA, wallet_hits

DEFAULT_LIMIT = 10
MAX_LIMIT = 500
#: Candidates scored beyond `limit`, and how far below the current last-ranked full score
#: an approximate score may be before scoring stops (qualifiers move scores by <= 0.08).
CANDIDATE_MARGIN = 20
#: The schema whose names may be contained in a longer query (match.rules.covered_gain).
PERSON = "Person"
APPROX_SLACK = 0.15
#: The narrower margin for near misses (scores from the cutoff up to the threshold): the
#: full score exceeds the approximate one by more than this on about 1 candidate in 5,000
#: (benchmarks/speed.py queries), and a near miss is context, not an alert.
NEAR_MISS_SLACK = 0.08
#: Hits scoring below this (or below a lower threshold) are not reported, as yente's
#: SCORE_CUTOFF: near misses for context, not noise. Callers that want matches only pass
#: `cutoff=threshold`, which also spares scoring every candidate that cannot reach it.
DEFAULT_CUTOFF = 0.5


@dataclass(frozen=True, slots=True, init=False)
class ScreenHit:
    """One ranked list entity for a query, with the features that made its score."""

    entity_id: str
    caption: str
    schema: str
    score: float
    match: bool
    features: tuple[Feature, ...]

    # Written out: compiled (setup.py), this builds the object natively, where the
    # dataclass's own __init__ would run interpreted (tests/test_build.py).
    def __init__(
        self,
        entity_id: str,
        caption: str,
        schema: str,
        score: float,
        match: bool,
        features: tuple[Feature, ...],
    ) -> None:
        object.__setattr__(self, "entity_id", entity_id)
        object.__setattr__(self, "caption", caption)
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "match", match)
        object.__setattr__(self, "features", features)

    def __reduce__(self) -> tuple[type[ScreenHit], tuple[object, ...]]:
        return ScreenHit, field_values(self)  # compiled: see runtime.field_values

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "score": round(self.score, 4),
            "match": self.match,
            "features": [f.to_dict() for f in self.features],
        }


@dataclass(frozen=True, slots=True, init=False)
class ScreenResult:
    """Ranked hits for one query, the threshold used, and which index answered."""

    query: Query
    results: tuple[ScreenHit, ...]
    threshold: float
    algorithm: str
    index: str

    # Written out: compiled (setup.py), this builds the object natively, where the
    # dataclass's own __init__ would run interpreted (tests/test_build.py).
    def __init__(
        self,
        query: Query,
        results: tuple[ScreenHit, ...],
        threshold: float,
        algorithm: str,
        index: str,
    ) -> None:
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "results", results)
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "algorithm", algorithm)
        object.__setattr__(self, "index", index)

    def __reduce__(self) -> tuple[type[ScreenResult], tuple[object, ...]]:
        return ScreenResult, field_values(self)

    @property
    def matches(self) -> tuple[ScreenHit, ...]:
        return tuple(h for h in self.results if h.match)


class Screener:
    """Screens queries against one immutable index with one algorithm."""

    def __init__(self, index: NameIndex, algorithm: str = "sanctio-v1") -> None:
        self.index = index
        self.algorithm: Algorithm = get_algorithm(algorithm)
        self._mask = lru_cache(maxsize=64)(index.mask)
        self._matched = frozenset(index.match_schemas)

    def screen(
        self,
        query: Query,
        *,
        threshold: float | None = None,
        limit: int = DEFAULT_LIMIT,
        schemas: Iterable[str] | None = None,
        sources: Iterable[str] | None = None,
        cutoff: float | None = None,
        prepared: PreparedQuery | None = None,
    ) -> ScreenResult:
        """Rank list entities for one query; `match` is score >= threshold. Hits scoring
        below `cutoff` (default DEFAULT_CUTOFF, never above the threshold) are left out.
        `prepared`: the query as this screener's `prepare` analysed it (spares doing it twice)."""
        threshold = self.algorithm.threshold if threshold is None else threshold
        if not 0.0 <= threshold <= 1.0:
            raise InputError("threshold", f"{threshold!r}: expected a number from 0 to 1")
        cutoff = DEFAULT_CUTOFF if cutoff is None else cutoff
        if not 0.0 <= cutoff <= 1.0:
            raise InputError("cutoff", f"{cutoff!r}: expected a number from 0 to 1")
        if not 1 <= limit <= MAX_LIMIT:
            raise InputError("limit", f"{limit!r}: expected 1 to {MAX_LIMIT}")
        index = self.index
        wallets: list[ScreenHit] = []
        if query.wallets and (schemas is None or WALLET_SCHEMA in schemas):
            found = wallet_hits(
                index, query.wallets, None if sources is None else frozenset(sources)
            )
            wallets = [
                ScreenHit(
                    w.entity_id, w.caption, WALLET_SCHEMA, 1.0, threshold <= 1.0, (w.feature,)
                )
                for w in found
            ]
        if not query.names:
            return ScreenResult(
                query, tuple(wallets[:limit]), threshold, self.algorithm.name, index.identity
            )
        cache: dict[str, Mapping[str, float]] = {}
        lookup = self.similar_for(query)

        def similar(token: str) -> Mapping[str, float]:
            found = cache.get(token)
            if found is None:
                found = cache[token] = lookup(token)
            return found

        pq = prepared if prepared is not None else self.prepare(query, similar)
        for name in pq.names:
            for token in name.tokens:
                similar(token)
        mask = self._entity_mask(
            pq.schemas,
            None if schemas is None else frozenset(schemas),
            None if sources is None else frozenset(sources),
        )
        # Candidates far below the cutoff are not worth a full score; 0 scores them all.
        report = min(threshold, cutoff)
        # A listed name contained in a longer query scores above its approximate score.
        lift = covered_gain([sum(n.strong) for n in pq.names]) if PERSON in pq.schemas else 0.0
        floor = _stop(threshold, report)
        candidates = index.candidates(pq, limit + CANDIDATE_MARGIN, cache, mask, floor - lift)
        sims = sims_for(pq, similar)
        scored: list[tuple[float, str, int, tuple[int, ...]]] = []
        memo: ScoreCache = {}
        top: list[float] = []  # the best `limit` scores so far, smallest first
        entities = index.prepared
        contained = _Contained(pq, cache)
        for cand in candidates:
            if cand.approx < floor - lift:
                break  # approximate scores track full ones closely: the rest cannot rank
            pe = entities[cand.entity]
            names = cand.names
            if cand.approx < floor and not contained.may_lift(pe, names):
                continue  # only a listed person's name contained in the query scores higher
            score = self.algorithm.quick_score(pq, pe, sims, names, memo)
            if score <= 0.0 and names and any(pe.names[i].exact_only for i in names):
                # The names that ranked it pair with nothing: an acronym this query cannot
                # spell (나루 against NALU), the one name the approximate score rates
                # above what the pairing allows; the entity's other names may pair.
                names = ()
                score = self.algorithm.quick_score(pq, pe, sims, names, memo)
            if score <= 0.0 or score < report:
                continue
            scored.append((-score, pe.entity.id, cand.entity, names))
            heapq.heappush(top, score)
            if len(top) > limit:
                heapq.heappop(top)
            if len(top) == limit:
                floor = _stop(threshold, report, top[0])
        hits: list[ScreenHit] = []
        for _, _, e, names in heapq.nsmallest(limit, scored):
            pe = entities[e]
            result = self.algorithm.score(pq, pe, sims, names, memo)
            entity = pe.entity
            hits.append(
                ScreenHit(
                    entity.id,
                    entity.caption,
                    entity.schema,
                    result.score,
                    result.score >= threshold,
                    tuple(result.features),
                )
            )
        hits.extend(wallets)
        hits.sort(key=_rank_key)
        return ScreenResult(
            query, tuple(hits[:limit]), threshold, self.algorithm.name, index.identity
        )

    def prepare(
        self, query: Query, similar: Callable[[str], Mapping[str, float]] | None = None
    ) -> PreparedQuery:
        """The query's names analysed and weighed for this screener's index (`similar`:
        the listed tokens like a query token; by default the index's, Arabic-script words
        looked up with their Latin spellings too, as `screen` does)."""
        if similar is None:
            similar = self.similar_for(query)
        return self.algorithm.prepare(query, self.index.weights, similar)

    def similar_for(self, query: Query) -> Callable[[str], Mapping[str, float]]:
        """The index's token lookup for this query's words: those romanised from Arabic
        script also reach the Latin spellings their consonants allow."""
        abjad = abjad_tokens(query)
        index = self.index

        def similar(token: str) -> Mapping[str, float]:
            return index.similar(token, token in abjad)

        return similar

    def screen_many(
        self,
        queries: Iterable[Query],
        *,
        threshold: float | None = None,
        limit: int = DEFAULT_LIMIT,
        schemas: Iterable[str] | None = None,
        sources: Iterable[str] | None = None,
        cutoff: float | None = None,
        workers: int = 1,
        chunk: int = 64,
    ) -> Iterator[ScreenResult]:
        """Screen queries lazily, in order (for batch files and streams).

        `workers > 1` forks that many processes once the index is built: they share its
        pages copy-on-write, and only queries and results cross between processes; at most
        `2 x workers` chunks are in flight, so memory stays bounded on any input size.
        """
        options: dict[str, Any] = {
            "threshold": threshold,
            "limit": limit,
            "schemas": None if schemas is None else tuple(schemas),
            "sources": None if sources is None else tuple(sources),
            "cutoff": cutoff,
        }
        if workers <= 1 or "fork" not in mp.get_all_start_methods():
            for query in queries:
                yield self.screen(query, **options)
            return
        _FORKED["screener"] = self
        with frozen_for_fork():
            yield from self._forked(queries, options, workers, chunk)

    @staticmethod
    def _forked(
        queries: Iterable[Query], options: dict[str, Any], workers: int, chunk: int
    ) -> Iterator[ScreenResult]:
        pool = mp.get_context("fork").Pool(workers)
        try:
            pending: deque[AsyncResult[list[ScreenResult]]] = deque()
            for part in _chunks(queries, chunk):
                pending.append(pool.apply_async(_screen_chunk, (part, options)))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
            pool.close()
        finally:
            pool.terminate()
            pool.join()
            _FORKED.pop("screener", None)

    def _entity_mask(
        self,
        matched: frozenset[str],
        schemas: frozenset[str] | None,
        sources: frozenset[str] | None,
    ) -> npt.NDArray[np.bool_] | None:
        every = matched >= self._matched
        return self._mask(None if every else matched, schemas, sources)


def _rank_key(hit: ScreenHit) -> tuple[float, float, str]:
    """Score first; equal scores (many at 1.0: the same name, nothing to disagree) ranked
    by the evidence behind them, the sum of every feature's effect before the score is
    capped at 1 (an agreeing birth date, nationality or identifier ranks a namesake
    without them lower), then by id so that the order is stable."""
    return (-hit.score, -sum(f.effect for f in hit.features), hit.entity_id)


class _Contained:
    """Which candidates the contained-name rule may lift above their approximate score
    (rules.covered_gain): a person whose ranked names may all pair with the query's words
    (names.may_be_covered). The listed words the query reaches are gathered on first use."""

    def __init__(self, pq: PreparedQuery, found: Mapping[str, Mapping[str, float]]) -> None:
        self._pq = pq
        self._found = found
        self._words: tuple[frozenset[str], frozenset[str]] | None = None

    def may_lift(self, pe: PreparedEntity, names: tuple[int, ...]) -> bool:
        if pe.kind != "person":
            return False
        if self._words is None:
            reach = frozenset(t for near in self._found.values() for t in near)
            firsts = frozenset(t[0] for n in self._pq.names for t in n.tokens if t)
            self._words = (reach, firsts)
        reach, firsts = self._words
        return any(may_be_covered(n, reach, firsts) for n in pe.names_at(names))


def _stop(threshold: float, report: float, ranked_low: float = 0.0) -> float:
    """The approximate score below which no candidate can still rank: a match needs the
    threshold (or to beat the lowest of `limit` hits ranked so far), a near miss the
    report floor, each allowing for how far full scores run above approximate ones."""
    return min(max(threshold, ranked_low) - APPROX_SLACK, max(report, ranked_low) - NEAR_MISS_SLACK)


#: The screener of a forked pool: set in the parent just before forking, inherited.
_FORKED: dict[str, Screener] = {}


def _screen_chunk(queries: list[Query], options: dict[str, Any]) -> list[ScreenResult]:
    screener = _FORKED["screener"]
    return [screener.screen(q, **options) for q in queries]


def _chunks(queries: Iterable[Query], size: int) -> Iterator[list[Query]]:
    part: list[Query] = []
    for query in queries:
        part.append(query)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part
