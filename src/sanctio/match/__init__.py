"""Scoring: features with explanations, combined by named, versioned algorithms."""

from sanctio.match.algorithm import ALGORITHMS, DEFAULT_ALGORITHM, Algorithm, get_algorithm
from sanctio.match.prepared import PreparedEntity, QueryLike, Weights, prepare_entity
from sanctio.match.query import PreparedQuery, prepare_query
from sanctio.match.result import Feature, MatchResult
from sanctio.match.schemas import compatible_schemas, name_kind
from sanctio.match.tokens import token_similarity
from sanctio.model import Entity

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "Algorithm",
    "Feature",
    "MatchResult",
    "PreparedEntity",
    "PreparedQuery",
    "QueryLike",
    "Weights",
    "compare",
    "compatible_schemas",
    "get_algorithm",
    "name_kind",
    "prepare_entity",
    "prepare_query",
    "token_similarity",
]


def compare(query: QueryLike, entity: Entity, algorithm: str = DEFAULT_ALGORITHM) -> MatchResult:
    """Score one query against one entity with the named algorithm (no index needed)."""
    return get_algorithm(algorithm).compare(query, entity)
