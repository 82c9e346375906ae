"""Test oracle: score every indexed entity against a query, no retrieval shortcuts."""

from __future__ import annotations

from sanctio.index import NameIndex
from sanctio.match import get_algorithm
from sanctio.match.query import sims_for
from sanctio.screening.query import Query


def exhaustive_scores(
    index: NameIndex, query: Query, algorithm: str = "sanctio-v1"
) -> dict[str, float]:
    """Entity id -> score for every indexed entity with a non-zero score."""
    algo = get_algorithm(algorithm)
    similar = index.vocabulary.similar_exhaustive
    pq = algo.prepare(query, index.weights, similar)
    sims = sims_for(pq, similar)
    out: dict[str, float] = {}
    for pe in index.prepared:
        score = algo.score(pq, pe, sims).score
        if score > 0.0:
            out[pe.entity.id] = score
    return out


def recall(
    index: NameIndex, screener_hits: list[set[str]], queries: list[Query], floor: float
) -> float:
    """Share of exhaustive hits scoring >= floor that the screener also returned."""
    wanted = found = 0
    for query, hits in zip(queries, screener_hits, strict=True):
        for entity_id, score in exhaustive_scores(index, query).items():
            if score >= floor:
                wanted += 1
                found += entity_id in hits
    return found / wanted if wanted else 1.0
