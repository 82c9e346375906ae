"""In-memory, immutable index of list entities for candidate retrieval and scoring."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from sanctio.index.vocabulary import Vocabulary
from sanctio.match.names import EXTRA_LIST_OTHER, EXTRA_LIST_PERSON
from sanctio.match.prepared import (
    Form,
    PreparedEntity,
    Weights,
    name_forms,
    prepare_entity,
)
from sanctio.match.query import PreparedQuery
from sanctio.match.schemas import name_kind
from sanctio.model import Entity
from sanctio.normalize import NORMALIZER_VERSION


@dataclass(frozen=True, slots=True)
class Candidate:
    """A list entity worth scoring, with its approximate name score from the index."""

    entity: int
    approx: float


class NameIndex:
    """Entities, their prepared names, a token vocabulary and postings; never mutated.

    `identity` names the list versions it was built from and NORMALIZER_VERSION, so a
    result can always say which data and which normalisation produced it.
    """

    def __init__(
        self,
        prepared: list[PreparedEntity],
        weights: Weights,
        versions: Mapping[str, str],
    ) -> None:
        self.prepared = prepared
        self.weights = weights
        self.versions = dict(sorted(versions.items()))
        self._by_id = {p.entity.id: i for i, p in enumerate(prepared)}
        self.schemas: list[str] = [p.entity.schema for p in prepared]
        self.sources: list[str] = [p.entity.source for p in prepared]
        name_entity: list[int] = []
        name_penalty: list[float] = []
        postings: dict[str, list[int]] = {}
        penalties: dict[str, list[float]] = {}
        self.weak: dict[str, list[int]] = {}
        self.identifiers: dict[str, list[int]] = {}
        for e, p in enumerate(prepared):
            extra = EXTRA_LIST_PERSON if p.kind == "person" else EXTRA_LIST_OTHER
            for name in p.names:
                n = len(name_entity)
                name_entity.append(e)
                # What each token costs the score when the query lacks it (align()).
                cost: dict[str, float] = {}
                for token, w, fam in zip(name.tokens, name.weights, name.family, strict=True):
                    cost[token] = cost.get(token, 0.0) + w * (1.0 if fam else extra)
                name_penalty.append(sum(cost.values()))
                for token, c in cost.items():
                    postings.setdefault(token, []).append(n)
                    penalties.setdefault(token, []).append(c)
            for key in p.weak:
                self.weak.setdefault(key, []).append(e)
            for key in p.identifiers:
                self.identifiers.setdefault(key, []).append(e)
        self.vocabulary = Vocabulary(postings)
        self._postings: list[npt.NDArray[np.int32]] = [
            np.asarray(postings[t], dtype=np.int32) for t in self.vocabulary.tokens
        ]
        self._token_weight = [weights.get(t) for t in self.vocabulary.tokens]
        self._similar = lru_cache(maxsize=50_000)(self.vocabulary.similar)
        self._penalties: list[npt.NDArray[np.float64]] = [
            np.asarray(penalties[t], dtype=np.float64) for t in self.vocabulary.tokens
        ]
        self._name_entity = np.asarray(name_entity, dtype=np.int32)
        self._name_penalty = np.asarray(name_penalty, dtype=np.float64)
        self.identity = _identity(self.versions)

    @classmethod
    def build(cls, entities: Iterable[Entity], *, versions: Mapping[str, str] = {}) -> NameIndex:
        """Analyse every name once, weigh tokens by rarity across entities, index them."""
        entities = list(entities)
        forms: list[list[Form]] = []
        df: Counter[str] = Counter()
        for entity in entities:
            f = name_forms(entity.names(), name_kind(entity.schema))
            forms.append(f)
            df.update({t for _, tokens, _ in f for t in tokens})
        weights = Weights(df, len(entities))
        prepared = [prepare_entity(e, weights, f) for e, f in zip(entities, forms, strict=True)]
        return cls(prepared, weights, versions)

    def __len__(self) -> int:
        return len(self.prepared)

    def __iter__(self) -> Iterator[Entity]:
        return (p.entity for p in self.prepared)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def entity(self, entity_id: str) -> Entity:
        """The indexed entity with that id; KeyError when absent."""
        return self.prepared[self._by_id[entity_id]].entity

    def mask(
        self, schemas: frozenset[str] | None, sources: frozenset[str] | None
    ) -> npt.NDArray[np.bool_] | None:
        """Which entities have one of these schemas and sources (None: no filter)."""
        if schemas is None and sources is None:
            return None
        return np.fromiter(
            (
                (schemas is None or sc in schemas) and (sources is None or so in sources)
                for sc, so in zip(self.schemas, self.sources, strict=True)
            ),
            dtype=np.bool_,
            count=len(self.schemas),
        )

    def similar(self, token: str) -> dict[str, float]:
        """Listed tokens resembling `token` (see Vocabulary.similar); cached, do not mutate."""
        return self._similar(token)

    def candidates(
        self,
        pq: PreparedQuery,
        limit: int,
        sims: Mapping[str, Mapping[str, float]],
        mask: npt.NDArray[np.bool_] | None = None,
    ) -> list[Candidate]:
        """Up to `limit` entities ranked by approximate name score, plus exact id and
        weak-alias hits; `sims` maps each query token to its similar listed tokens."""
        best: dict[int, float] = {}
        ids = self.vocabulary.ids
        for name in pq.names:
            chunks: list[npt.NDArray[np.int32]] = []
            costs: list[npt.NDArray[np.float64]] = []
            nums: list[float] = []
            bws: list[float] = []
            lens: list[int] = []
            for token, a in zip(name.tokens, name.weights, strict=True):
                for listed, s in sims[token].items():
                    tid = ids[listed]
                    post = self._postings[tid]
                    b = self._token_weight[tid]
                    chunks.append(post)
                    costs.append(self._penalties[tid])
                    nums.append(s * (a + b))
                    bws.append(b)
                    lens.append(len(post))
            if not chunks:
                continue
            uniq, inverse = np.unique(np.concatenate(chunks), return_inverse=True)
            num = np.bincount(inverse, weights=np.repeat(nums, lens))
            matched = np.bincount(inverse, weights=np.repeat(bws, lens))
            saved = np.bincount(inverse, weights=np.concatenate(costs))
            # Same formula as align(): matched pairs, unmatched query and list tokens.
            rest = np.maximum(self._name_penalty[uniq] - saved, 0.0)
            approx = num / (sum(name.weights) + matched + rest)
            ents = self._name_entity[uniq]
            if mask is not None:
                keep = mask[ents]
                ents, approx = ents[keep], approx[keep]
            keep_n = limit * 2 + 10
            if len(approx) > keep_n:
                top = np.argpartition(-approx, keep_n)[:keep_n]
                ents, approx = ents[top], approx[top]
            order = np.argsort(-approx, kind="stable")
            for e, sc in zip(ents[order].tolist(), approx[order].tolist(), strict=True):
                if sc > best.get(e, -1.0):
                    best[e] = sc
        for key in pq.exact_keys:
            for e in self.weak.get(key, ()):
                best[e] = max(best.get(e, 0.0), 1.0)
        for key in pq.identifiers:
            for e in self.identifiers.get(key, ()):
                best[e] = max(best.get(e, 0.0), 1.0)
        if mask is not None:
            best = {e: s for e, s in best.items() if mask[e]}
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [Candidate(e, s) for e, s in ranked]


def _identity(versions: Mapping[str, str]) -> str:
    """`ofac-sdn@2024-05-03+un-sc@2026-02-27/sanctio-norm-1` (+ short digest when long)."""
    lists = "+".join(f"{k}@{v}" for k, v in versions.items()) or "unversioned"
    ident = f"{lists}/{NORMALIZER_VERSION}"
    if len(ident) > 200:
        digest = hashlib.sha256(ident.encode()).hexdigest()[:12]
        ident = f"{len(versions)}-lists-{digest}/{NORMALIZER_VERSION}"
    return ident
