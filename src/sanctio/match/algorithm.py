"""Named, versioned scoring algorithms; `sanctio-v1` combines the features in features.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sanctio.exceptions import InputError
from sanctio.match import features as feat
from sanctio.match.names import ScoreCache, Sims, best_alignment, best_score
from sanctio.match.prepared import (
    PreparedEntity,
    QueryLike,
    Weights,
    best_weak_alias,
    prepare_entity,
)
from sanctio.match.query import PreparedQuery, abjad_tokens, prepare_query, sims_for
from sanctio.match.result import Feature, MatchResult
from sanctio.match.tokens import abjad_similarity, token_similarity
from sanctio.model import Entity


@dataclass(frozen=True, slots=True)
class Algorithm:
    """A scoring algorithm: its name (with version) and default match threshold.

    Score = the strongest main feature (name alignment, exact weak alias x 0.65 or x 0.8
    when its words are rare, exact identifier x 0.95) plus qualifiers (birth date,
    nationality) when a main feature fired, clamped to [0, 1].
    """

    name: str
    threshold: float
    description: str

    def prepare(
        self,
        query: QueryLike,
        weights: Weights | None = None,
        similar: Callable[[str], Mapping[str, float]] | None = None,
    ) -> PreparedQuery:
        return prepare_query(query, weights or Weights.flat(), similar)

    def compare(self, query: QueryLike, entity: Entity) -> MatchResult:
        """Score one query against one entity with no index (flat token weights)."""
        pq = self.prepare(query)
        pe = prepare_entity(entity)
        tokens = {t for n in pe.names for t in n.tokens}
        abjad = abjad_tokens(query)

        def similar(token: str) -> dict[str, float]:
            out: dict[str, float] = {}
            for t in tokens:
                s = abjad_similarity(token, t) if token in abjad else token_similarity(token, t)
                if s > 0.0:
                    out[t] = s
            return out

        return self.score(pq, pe, sims_for(pq, similar))

    def score(
        self,
        pq: PreparedQuery,
        pe: PreparedEntity,
        sims: Sequence[Sims],
        names: Sequence[int] = (),
        cache: ScoreCache | None = None,
    ) -> MatchResult:
        """Score a prepared query against a prepared entity, given token similarities;
        `names` limits the list names compared (positions in `pe.names`; empty: all);
        `cache` reuses name alignment scores from `quick_score`."""
        if pe.schema not in pq.schemas:
            return MatchResult(0.0, [])
        features: list[Feature] = []
        listed = pe.names_at(names)
        alignment = best_alignment(pq.names, listed, sims, pe.kind == "person", cache)
        for feature in (
            feat.name_match(alignment),
            feat.weak_alias_match(pq, pe),
            feat.identifier_match(pq, pe),
        ):
            if feature is not None:
                features.append(feature)
        if not features:
            return MatchResult(0.0, [])
        base = max(f.effect for f in features)
        total = base
        for qualifier in (feat.birth_date(pq, pe), feat.nationality(pq, pe)):
            if qualifier is not None:
                features.append(qualifier)
                total += qualifier.effect
        return MatchResult(min(1.0, max(0.0, total)), features)

    def quick_score(
        self,
        pq: PreparedQuery,
        pe: PreparedEntity,
        sims: Sequence[Sims],
        names: Sequence[int],
        cache: ScoreCache,
    ) -> float:
        """`score(pq, pe, sims, names).score` without building explanations; name
        alignments are memoised in `cache` (one per query) across entities."""
        if pe.schema not in pq.schemas:
            return 0.0
        listed = pe.names_at(names)
        base = best_score(pq.names, listed, sims, pe.kind == "person", cache)
        if pe.weak:
            weak = best_weak_alias(pq.exact_keys, pe.weak)
            if weak is not None:
                base = max(base, weak[2])
        if pe.identifiers and any(k in pe.identifiers for k in pq.identifiers):
            base = max(base, feat.IDENTIFIER_WEIGHT)
        if base <= 0.0:
            return 0.0
        total = base
        if pq.birth_dates and pe.birth_dates:
            dob = feat.birth_date(pq, pe)
            total += dob.effect if dob is not None else 0.0
        if pq.countries and pe.countries:
            country = feat.nationality(pq, pe)
            total += country.effect if country is not None else 0.0
        return min(1.0, max(0.0, total))


#: 0.70: a full name with one typo or transliteration drift in each token scores about
#: 0.8-0.95; one shared token of two (George Bush / George Habbash) about 0.3-0.5; a
#: shared given name with a missing surname about 0.5-0.6. See README for measurements.
SANCTIO_V1 = Algorithm(
    "sanctio-v1",
    0.70,
    "Rarity-weighted token alignment (typo, transliteration, order, initials tolerant) "
    "with exact identifier and weak-alias features and birth date/nationality qualifiers.",
)

ALGORITHMS: dict[str, Algorithm] = {SANCTIO_V1.name: SANCTIO_V1}
DEFAULT_ALGORITHM = SANCTIO_V1.name


def get_algorithm(name: str) -> Algorithm:
    """The algorithm of that name; InputError naming the known ones otherwise."""
    try:
        return ALGORITHMS[name]
    except KeyError:
        known = ", ".join(sorted(ALGORITHMS))
        raise InputError(
            "algorithm", f"unknown algorithm {name!r}; expected one of: {known}"
        ) from None
