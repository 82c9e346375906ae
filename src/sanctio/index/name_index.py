"""In-memory, immutable index of list entities for candidate retrieval and scoring."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import numpy.typing as npt
from mypy_extensions import mypyc_attr

from sanctio.index._rank import Ranker
from sanctio.index.vocabulary import Vocabulary
from sanctio.match.prepared import (
    Form,
    FormsOf,
    PreparedEntity,
    Weights,
    exact_key,
    name_forms,
    prepare_entity,
)
from sanctio.match.query import PreparedQuery
from sanctio.match.rules import extra_share, list_word_cost
from sanctio.match.schemas import name_kind
from sanctio.model import Entity
from sanctio.normalize import NORMALIZER_VERSION
from sanctio.normalize.wallets import wallet_key
from sanctio.runtime import collector_paused

#: Names ranked by approximate score per query, from which candidate entities are drawn.
NAMES_PER_CANDIDATE = 4
#: Other names of an entity are aligned only when their approximate score is this close
#: to its best name's (approximate scores rarely fall further below the full ones).
NAME_SLACK = 0.15
#: Bound on the postings kept by the per-token cache (about 20 bytes each).
TOKEN_CACHE_POSTINGS = 4_000_000

#: Name ids, numerator values and denominator gains of one query token's pairings.
Postings = tuple[npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.float64]]
#: One query token's postings in one query form: (form, name ids, values, gains).
#: (query form, names, values, gains, touch: a distinctive query word's postings)
Chunk = tuple[int, npt.NDArray[np.int32], npt.NDArray[np.float64], npt.NDArray[np.float64], bool]


class Candidate:
    """A list entity worth scoring, its approximate name score from the index, and which
    of its names (positions in `PreparedEntity.names`, best first) are worth aligning;
    empty `names` means all (exact identifier or weak-alias hits). A plain class: compiled
    (setup.py), it is built in a seventh of a NamedTuple's time, for every candidate."""

    __slots__ = ("approx", "entity", "names")

    def __init__(self, entity: int, approx: float, names: tuple[int, ...] = ()) -> None:
        self.entity = entity
        self.approx = approx
        self.names = names

    def __repr__(self) -> str:
        return f"Candidate({self.entity}, {self.approx}, {self.names})"


#: A plain Python class, its methods compiled (mypyc, setup.py): the text screener keeps
#: its gazetteer per index in a WeakKeyDictionary, and compiled classes take no weak
#: references.
@mypyc_attr(native_class=False)
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
        #: The schema each entity is matched as (match.schemas.match_schema).
        self.match_schemas: list[str] = [p.schema for p in prepared]
        self.sources: list[str] = [p.entity.source for p in prepared]
        name_entity: list[int] = []
        name_local: list[int] = []
        name_penalty: list[float] = []
        postings: dict[str, list[int]] = {}
        penalties: dict[str, list[float]] = {}
        self.weak: dict[str, list[int]] = {}
        self.identifiers: dict[str, list[int]] = {}
        #: Wallet address (as `wallet_key` compares it) -> CryptoWallet entities.
        self.wallets: dict[str, list[int]] = {}
        for e, p in enumerate(prepared):
            for address in p.entity.get("publicKey"):
                self.wallets.setdefault(wallet_key(address), []).append(e)
            for local, name in enumerate(p.names):
                share = extra_share(p.kind == "person", own_word=False, syllabic=name.syllabic)
                n = len(name_entity)
                name_entity.append(e)
                name_local.append(local)
                # What each token costs the score when the query lacks it (align()).
                cost: dict[str, float] = {}
                for token, w, fam in zip(name.tokens, name.weights, name.family, strict=True):
                    cost[token] = cost.get(token, 0.0) + list_word_cost(w, fam, share)
                name_penalty.append(sum(cost.values()))
                for token, c in cost.items():
                    postings.setdefault(token, []).append(n)
                    # What matching the token adds to the denominator: its weight, less
                    # the penalty it no longer costs (never negative: cost <= weight).
                    penalties.setdefault(token, []).append(weights.get(token) - c)
            for key in p.weak:
                self.weak.setdefault(key, []).append(e)
            for key in p.identifiers:
                self.identifiers.setdefault(key, []).append(e)
        self.vocabulary = Vocabulary(postings)
        tokens = self.vocabulary.tokens
        # Every token's postings in two arrays (token t's at offsets[t]:offsets[t + 1]),
        # which the ranker reads by token id.
        offsets = np.zeros(len(tokens) + 1, dtype=np.int64)
        np.cumsum([len(postings[t]) for t in tokens], out=offsets[1:])
        size = int(offsets[-1])
        ids = np.fromiter(chain.from_iterable(postings[t] for t in tokens), np.int32, size)
        gains = np.fromiter(chain.from_iterable(penalties[t] for t in tokens), np.float64, size)
        self._ids, self._gains, self._offsets = ids, gains, offsets.tolist()
        self._token_weight = [weights.get(t) for t in tokens]
        self._similar = lru_cache(maxsize=50_000)(self.vocabulary.similar)
        self._similar_abjad = lru_cache(maxsize=10_000)(self.vocabulary.similar_abjad)
        self._token_cache: dict[tuple[str, float, bool], Postings] = {}
        self._cached_size = 0
        self._ranker = Ranker(
            np.asarray(name_penalty, dtype=np.float64),
            np.asarray(name_entity, dtype=np.int32),
            np.asarray(name_local, dtype=np.int32),
            len(prepared),
        )
        self._ranker.set_postings(offsets, ids, gains)
        self.identity = _identity(self.versions)

    @classmethod
    def build(
        cls,
        entities: Iterable[Entity],
        *,
        versions: Mapping[str, str] = {},
        forms: FormsOf = name_forms,
    ) -> NameIndex:
        """Analyse every name once, weigh tokens by rarity across entities, index them;
        `forms` analyses names (a `FormsMemo` reuses an earlier build's analyses)."""
        with collector_paused():
            entities = list(entities)
            analysed: list[list[Form]] = []
            df: Counter[str] = Counter()
            for entity in entities:
                f = forms(entity.names(), name_kind(entity.schema))
                analysed.append(f)
                df.update({t for _, tokens, _ in f for t in tokens})
            weights = Weights(df, len(entities))
            prepared = [
                prepare_entity(e, weights, f, forms)
                for e, f in zip(entities, analysed, strict=True)
            ]
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

    def wallet_entities(self, address: str) -> list[int]:
        """Positions of the CryptoWallet entities holding this address (exact match)."""
        return self.wallets.get(wallet_key(address), [])

    def mask(
        self,
        matched: frozenset[str] | None,
        schemas: frozenset[str] | None,
        sources: frozenset[str] | None,
    ) -> npt.NDArray[np.bool_] | None:
        """Which entities a query may meet: matched as one of `matched` (the query's
        compatible schemas), of one of `schemas` (the caller's filter) and from one of
        `sources` (None: no filter)."""
        if matched is None and schemas is None and sources is None:
            return None
        return np.fromiter(
            (
                (matched is None or m in matched)
                and (schemas is None or sc in schemas)
                and (sources is None or so in sources)
                for m, sc, so in zip(self.match_schemas, self.schemas, self.sources, strict=True)
            ),
            dtype=np.bool_,
            count=len(self.schemas),
        )

    def similar(self, token: str, abjad: bool = False) -> dict[str, float]:
        """Listed tokens resembling `token` (see Vocabulary.similar; `abjad`: a word
        romanised from Arabic script, Vocabulary.similar_abjad); cached, do not mutate."""
        return self._similar_abjad(token) if abjad else self._similar(token)

    def candidates(
        self,
        pq: PreparedQuery,
        limit: int,
        sims: Mapping[str, Mapping[str, float]],
        mask: npt.NDArray[np.bool_] | None = None,
        floor: float = 0.0,
    ) -> list[Candidate]:
        """Up to `limit` entities ranked by approximate name score (names scoring below
        `floor` left out), plus exact id and weak-alias hits; `sims` maps each query
        token to its similar listed tokens.

        The approximate score is align()'s formula without its one-to-one pairing:
        sum over shared (similar) tokens of sim x (query weight + list weight), over the
        query weight + the list name's unmatched-token penalty + matched list weights.
        """
        chunks, query_weight = self.chunks(pq, sims)
        # Other names of an entity count down to NAME_SLACK below the floor.
        ranked = (
            self._ranker.rank(
                chunks, query_weight, mask, floor, limit * NAMES_PER_CANDIDATE, limit, NAME_SLACK
            )
            if chunks
            else []
        )
        exact: set[int] = set()
        for key in pq.exact_keys:
            exact.update(self.weak.get(key, ()))
        for key in pq.identifiers:
            exact.update(self.identifiers.get(key, ()))
        if mask is not None:
            exact = {e for e in exact if mask[e]}
        if not exact:  # the ranker's order: entities by their best name, best first
            return [Candidate(e, sc, tuple(locals_)) for e, sc, locals_ in ranked]
        best = {e: sc for e, sc, _ in ranked}
        names = {e: locals_ for e, _, locals_ in ranked}
        for e in exact:
            best[e] = 1.0
            names[e] = []
        order = sorted(best.items(), key=lambda kv: -kv[1])
        return [Candidate(e, sc, tuple(names[e])) for e, sc in order]

    def chunks(
        self, pq: PreparedQuery, sims: Mapping[str, Mapping[str, float]]
    ) -> tuple[list[Chunk], list[float]]:
        """What `candidates` hands the ranker: per query form and word, the postings of its
        similar listed words (`_form_postings`), and per form its words' total weight."""
        chunks: list[Chunk] = []
        query_weight: list[float] = []
        for f, name in enumerate(pq.names):
            query_weight.append(sum(name.weights))
            # Only a distinctive word's postings make candidates (Ranker.rank): a listed
            # name that shares only weak words (al, llc, company) scores nothing in full.
            for i, (post, num, gain) in self._form_postings(name.tokens, name.weights, sims):
                chunks.append((f, post, num, gain, name.strong[i]))
        return chunks, query_weight

    def reachable(
        self,
        forms: Iterable[Sequence[str]],
        identifiers: Iterable[str] = (),
        wallets: Iterable[str] = (),
        known: dict[str, bool] | None = None,
        abjad: Sequence[bool] = (),
    ) -> bool:
        """Whether `candidates` or a wallet lookup can return anything for a query with
        these name forms (token tuples), cleaned identifiers and wallet keys: the same
        keys `candidates` draws from (a listed token similar to a query token, a weak
        alias equal to a form, a shared identifier) and `wallet_entities`. False proves the
        query finds nothing here. `abjad`: per form, romanised from Arabic script (its words
        looked up as `similar(token, abjad=True)`). `known` memoises a word's answer."""
        memo: dict[str, bool] = {} if known is None else known
        for k, tokens in enumerate(forms):
            if exact_key(tokens) in self.weak:
                return True
            arabic = k < len(abjad) and abjad[k]
            for token in tokens:
                key = f"{token}\x1c" if arabic else token
                near = memo.get(key)
                if near is None:
                    near = memo[key] = bool(self.similar(token, arabic))
                if near:
                    return True
        return any(i in self.identifiers for i in identifiers) or any(
            w in self.wallets for w in wallets
        )

    def _form_postings(
        self,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        sims: Mapping[str, Mapping[str, float]],
    ) -> list[tuple[int, Postings]]:
        """Per query token (its position): the names holding a similar listed token, each
        with what the pairing adds to the score's numerator and denominator (see `_gather`).

        A listed token similar to several query tokens ("khamis", "hamid" ~ hamid) pairs
        with one of them only: its best pairing counts once. Without such overlaps (the
        common case) each query token's postings depend on the token alone and are cached.
        """
        similar = [sims[t] for t in tokens]
        overlap = len({t for near in similar for t in near}) < sum(len(n) for n in similar)
        if not overlap:
            return [
                (i, self._token_postings(t, a, near))
                for i, (t, a, near) in enumerate(zip(tokens, weights, similar, strict=True))
                if near
            ]
        best_pair: dict[int, tuple[float, int]] = {}
        for i, (a, near) in enumerate(zip(weights, similar, strict=True)):
            for value, tid in self._pair_values(a, near):
                if tid not in best_pair or value > best_pair[tid][0]:
                    best_pair[tid] = (value, i)
        by_token: dict[int, list[tuple[float, int]]] = {}
        for tid, (value, i) in best_pair.items():
            by_token.setdefault(i, []).append((value, tid))
        return [(i, self._gather(pairs)) for i, pairs in by_token.items()]

    def _token_postings(self, token: str, weight: float, near: Mapping[str, float]) -> Postings:
        # The postings depend on `near`, which for one token differs by lookup: a word
        # romanised from Arabic script reaches Latin spellings a Latin word does not
        # ("hdayt"). Only the index's own answers are cached, under their lookup; any
        # other `near` (a caller's own, or one evicted since) is gathered afresh.
        if near is self._similar(token):
            key: tuple[str, float, bool] = (token, weight, False)
        elif near is self._similar_abjad(token):
            key = (token, weight, True)
        else:
            return self._gather(self._pair_values(weight, near))
        found = self._token_cache.get(key)
        if found is None:
            found = self._gather(self._pair_values(weight, near))
            if self._cached_size > TOKEN_CACHE_POSTINGS:
                self._token_cache.clear()
                self._cached_size = 0
            self._token_cache[key] = found
            self._cached_size += len(found[0])
        return found

    def _pair_values(self, weight: float, near: Mapping[str, float]) -> list[tuple[float, int]]:
        """(similarity x (query weight + listed weight), listed token id) per similar token."""
        ids, listed_weight = self.vocabulary.ids, self._token_weight
        out: list[tuple[float, int]] = []
        for listed, s in near.items():
            tid = ids[listed]
            out.append((s * (weight + listed_weight[tid]), tid))
        return out

    def _gather(self, pairs: list[tuple[float, int]]) -> Postings:
        """Names holding one of these listed tokens ((value, token id) pairs of one query
        token), each counted once, for its best pair: a query token pairs with one token
        per list name ("hong" ~ hong, not also kong). Returns the name ids, the pair's
        value (similarity x both weights) and its gain (what it adds to the denominator)."""
        pairs.sort(reverse=True)
        if len(pairs) == 1:
            value, tid = pairs[0]
            start, end = self._offsets[tid], self._offsets[tid + 1]
            return self._ids[start:end], np.full(end - start, value), self._gains[start:end]
        names, values, gains = self._ranker.gather([v for v, _ in pairs], [t for _, t in pairs])
        return (
            np.frombuffer(names, dtype=np.int32),
            np.frombuffer(values, dtype=np.float64),
            np.frombuffer(gains, dtype=np.float64),
        )


def _identity(versions: Mapping[str, str]) -> str:
    """`ofac-sdn@2024-05-03+un-sc@2026-02-27/sanctio-norm-3` (+ short digest when long)."""
    lists = "+".join(f"{k}@{v}" for k, v in versions.items()) or "unversioned"
    ident = f"{lists}/{NORMALIZER_VERSION}"
    if len(ident) > 200:
        digest = hashlib.sha256(ident.encode()).hexdigest()[:12]
        ident = f"{len(versions)}-lists-{digest}/{NORMALIZER_VERSION}"
    return ident
