"""Token vocabulary with fuzzy lookup: exact, tolerant key, metaphone, deletion neighbours."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from sanctio.match.tokens import SHORT, max_edits, token_similarity
from sanctio.normalize import phonetic_key, tolerant_key


def deletes(key: str, budget: int) -> set[str]:
    """Every string made by deleting up to `budget` characters (SymSpell neighbourhood)."""
    n = len(key)
    if budget > 2:
        out = {key}
        level = {key}
        for _ in range(budget):
            level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
            out |= level
        return out
    out = {key, *(key[:i] + key[i + 1 :] for i in range(n))} if budget else {key}
    if budget == 2:  # each pair of positions once (deleting i then j or j then i is one)
        out.update(key[:i] + key[i + 1 : j] + key[j + 1 :] for j in range(n) for i in range(j))
    return out


def run_starts(ordered: npt.NDArray[np.int64] | npt.NDArray[np.int32]) -> npt.NDArray[np.intp]:
    """Where each run of equal values starts in a sorted array."""
    first = np.ones(len(ordered), dtype=np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return np.flatnonzero(first)


class Vocabulary:
    """All listed tokens; `similar(token)` finds every one with a non-zero similarity.

    Two tokens within the edit budget on their tolerant keys share a string reachable by
    deleting up to that many characters from each (the SymSpell argument), so looking up
    the query key's deletions among the listed keys' deletions finds them all; metaphone
    and tolerant-key buckets cover the remaining non-zero cases of `token_similarity`.
    Deletions are stored as sorted 64-bit hashes to keep memory small.
    """

    def __init__(self, tokens: Iterable[str]) -> None:
        self.tokens: list[str] = sorted(set(tokens))
        self.ids: dict[str, int] = {t: i for i, t in enumerate(self.tokens)}
        by_key: dict[str, list[int]] = {}
        by_sound: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            if not token.isalpha():
                continue
            by_key.setdefault(tolerant_key(token), []).append(i)
            sound = phonetic_key(token)
            if sound:
                by_sound.setdefault(sound, []).append(i)
        self.keys: list[str] = list(by_key)
        self.key_tokens: list[tuple[int, ...]] = [tuple(by_key[k]) for k in self.keys]
        self.by_key: dict[str, int] = {k: i for i, k in enumerate(self.keys)}
        self.by_sound: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_sound.items()}
        hashes: list[int] = []
        owners: list[int] = []  # key ids, then token ids offset by len(keys)
        for key_id, key in enumerate(self.keys):
            budget = max_edits(len(key))
            if budget or len(key) == SHORT:
                found = deletes(key, budget)
                hashes.extend(map(hash, found))
                owners.extend([key_id] * len(found))
        # Tokens that folding changed are also reachable by their own spelling's
        # deletions (token_similarity takes the raw edit distance too).
        for i, token in enumerate(self.tokens):
            budget = max_edits(len(token))
            if (budget or len(token) == SHORT) and token.isalpha() and tolerant_key(token) != token:
                found = deletes(token, budget)
                hashes.extend(map(hash, found))
                owners.extend([len(self.keys) + i] * len(found))
        all_hashes = np.asarray(hashes, dtype=np.int64)
        order = np.argsort(all_hashes, kind="stable")
        self._owners: npt.NDArray[np.int32] = np.asarray(owners, dtype=np.int32)[order]
        # Distinct hashes and where each one's owners start in `_owners` (CSR).
        sorted_hashes = all_hashes[order]
        starts = run_starts(sorted_hashes)
        self._hashes: npt.NDArray[np.int64] = sorted_hashes[starts]
        self._starts: npt.NDArray[np.int64] = np.append(starts, len(sorted_hashes))

    def __len__(self) -> int:
        return len(self.tokens)

    def similar(self, token: str) -> dict[str, float]:
        """Listed tokens with non-zero `token_similarity` to `token`, with that similarity."""
        found: set[int] = set()
        tid = self.ids.get(token)
        if tid is not None:
            found.add(tid)
        if token.isalpha():
            key = tolerant_key(token)
            key_ids: set[int] = set()
            kid = self.by_key.get(key)
            if kid is not None:
                key_ids.add(kid)
            probes = deletes(key, max_edits(len(key)))
            if key != token:
                probes |= deletes(token, max_edits(len(token)))
            if len(self._hashes):
                probe = np.fromiter((hash(d) for d in probes), dtype=np.int64, count=len(probes))
                owners = self._owners_of(probe)
                n_keys = len(self.keys)
                is_key = owners < n_keys
                key_ids.update(owners[is_key].tolist())
                found.update((owners[~is_key] - n_keys).tolist())
            for k in key_ids:
                found.update(self.key_tokens[k])
            sound = phonetic_key(token)
            if sound:
                found.update(self.by_sound.get(sound, ()))
        out: dict[str, float] = {}
        tokens = self.tokens
        for i in found:
            s = token_similarity(token, tokens[i])
            if s > 0.0:
                out[tokens[i]] = s
        return out

    def _owners_of(self, probe: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
        """Owners of the stored deletion hashes equal to one of `probe` (may repeat)."""
        hashes = self._hashes
        at = np.searchsorted(hashes, probe)
        at[at == len(hashes)] = 0
        matched = at[hashes[at] == probe]
        lo, hi = self._starts[matched], self._starts[matched + 1]
        lengths = hi - lo
        total = int(lengths.sum())
        # Positions lo..hi-1 of every matched hash, concatenated.
        shift = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
        return self._owners[shift + np.arange(total, dtype=np.int64)]

    def similar_exhaustive(self, token: str) -> dict[str, float]:
        """The same answer by comparing with every listed token (test oracle)."""
        out: dict[str, float] = {}
        for t in self.tokens:
            s = token_similarity(token, t)
            if s > 0.0:
                out[t] = s
        return out
