"""Listed name tokens -> list names, built once per index, for finding names in free text.

Every list name is filed under each of its tokens except its most common one (by the
index's rarity weights): a mention must match at least two tokens of a name, and any two
include one of those, so no name is missed while the commonest tokens ("mohammad",
"vladimir", "bank") never expand into thousands of candidates. A name with a single
distinctive token is filed under it (for organisations and vessels, see text_finder).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from sanctio.index import NameIndex
from sanctio.match.tokens import is_weak_token, token_similarity
from sanctio.normalize import tolerant_key
from sanctio.screening.text.parties import bic_forms

#: A listed token naming more names than this is too common to open candidates by itself.
MAX_POSTING = 3000
#: Bound on the per-index cache of word look-ups (a word's listed neighbours).
MAX_CACHED_WORDS = 200_000


@dataclass(frozen=True, slots=True)
class ListedName:
    """One romanised form of one list name of one entity."""

    entity: int  # position in NameIndex.prepared
    tokens: tuple[str, ...]
    core: frozenset[str]  # tokens that can carry a match (not legal forms, particles)
    person: bool
    family: frozenset[str] = frozenset()  # stated family-name tokens ("PUTIN, Vladimir")
    org: bool = False  # an organisation: a legal form next to a one-word name marks it


class Gazetteer:
    """Token postings and cached fuzzy look-ups over one immutable NameIndex."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.names: list[ListedName] = []
        postings: dict[str, list[int]] = {}
        self.bics: dict[str, list[int]] = {}
        weight = index.weights.get
        for e, prepared in enumerate(index.prepared):
            for bic in prepared.entity.get("swiftBic"):
                for form in bic_forms("".join(bic.split())):
                    self.bics.setdefault(form, []).append(e)
            person = prepared.kind == "person"
            for name in prepared.names:
                core = frozenset(t for t in name.tokens if not is_weak_token(t))
                if not core:
                    continue
                n = len(self.names)
                family = frozenset(t for t, f in zip(name.tokens, name.family, strict=True) if f)
                org = prepared.kind in ("org", "any")
                self.names.append(ListedName(e, name.tokens, core, person, family & core, org))
                ranked = sorted(core, key=lambda t: (weight(t), t), reverse=True)
                for token in ranked[: max(1, len(ranked) - 1)]:
                    postings.setdefault(token, []).append(n)
        self.postings: dict[str, tuple[int, ...]] = {
            t: tuple(ns) for t, ns in postings.items() if len(ns) <= MAX_POSTING
        }
        self._cache: dict[tuple[str, bool], Mapping[str, float]] = {}
        self._lock = threading.Lock()

    def lookup(self, form: str, fuzzy: bool) -> Mapping[str, float]:
        """Listed tokens resembling one text word form (typos and drift only when fuzzy)."""
        key = (form, fuzzy)
        found = self._cache.get(key)
        if found is not None:
            return found
        found = self.index.similar(form) if fuzzy and len(form) >= 4 else self._close(form)
        with self._lock:
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _close(self, form: str) -> dict[str, float]:
        """Exact and tolerant-key matches only: cheap, for lower-case words and variants."""
        vocabulary = self.index.vocabulary
        out: dict[str, float] = {}
        if form in vocabulary.ids:
            out[form] = 1.0
        if form.isalpha():
            for i in vocabulary.by_key.get(tolerant_key(form), ()):
                listed = vocabulary.tokens[i]
                out.setdefault(listed, token_similarity(form, listed))
        return out


_CACHE: weakref.WeakKeyDictionary[NameIndex, Gazetteer] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def gazetteer_for(index: NameIndex) -> Gazetteer:
    """The gazetteer of this index, built on first use and dropped with the index."""
    with _CACHE_LOCK:
        found = _CACHE.get(index)
        if found is None:
            found = _CACHE[index] = Gazetteer(index)
        return found
