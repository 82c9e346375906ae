"""Token vocabulary with fuzzy lookup: exact, tolerant key, metaphone, deletion neighbours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sanctio.index._fuzzy import FuzzyTable
from sanctio.match.tokens import (
    COGNATE,
    EXACT,
    ORG_SYNONYM,
    PHONETIC,
    PHONETIC_EXTRA_EDITS,
    SHORT,
    TOLERANT,
    abjad_similarity,
    consonant_tier,
    max_edits,
    token_similarity,
)
from sanctio.normalize import phonetic_key, tolerant_key
from sanctio.normalize.abjad import abjad_keys, latin_key, spelling_fits
from sanctio.normalize.given_names import given_names
from sanctio.normalize.korean import is_korean_syllable, korean_variants, syllables_differ
from sanctio.normalize.org_words import org_symbols


class Vocabulary:
    """All listed tokens; `similar(token)` finds every one with a non-zero similarity.

    Two tokens within the edit budget on their tolerant keys share a string reachable by
    deleting up to that many characters from each (the SymSpell argument), so looking up
    the query key's deletions among the listed keys' deletions finds them all; metaphone
    and tolerant-key buckets cover the remaining non-zero cases of `token_similarity`.
    The deletion table and the checks of the candidates it finds are in C (`_fuzzy`):
    in Python they took about 0.4 ms for each word the lists do not know.
    """

    def __init__(self, tokens: Iterable[str]) -> None:
        self.tokens: list[str] = sorted(set(tokens))
        self.ids: dict[str, int] = {t: i for i, t in enumerate(self.tokens)}
        by_key: dict[str, list[int]] = {}
        by_sound: dict[str, list[int]] = {}
        keys: list[str] = []
        sounds: list[str] = []
        for i, token in enumerate(self.tokens):
            key = tolerant_key(token)
            sound = phonetic_key(token)
            keys.append(key)
            sounds.append(sound)
            if not token.isalpha():
                continue
            by_key.setdefault(key, []).append(i)
            if sound:
                by_sound.setdefault(sound, []).append(i)
        self.by_key: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_key.items()}
        self.by_sound: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in by_sound.items()}
        # Each tolerant key's deletions stand for its tokens; tokens that folding changed
        # are also reachable by their own spelling's deletions (token_similarity takes the
        # raw edit distance too).
        entries: list[tuple[str, int, Sequence[int]]] = []
        for key, owners in self.by_key.items():
            budget = max_edits(len(key))
            if budget or len(key) == SHORT:
                entries.append((key, budget, owners))
        for i, token in enumerate(self.tokens):
            budget = max_edits(len(token))
            if (budget or len(token) == SHORT) and token.isalpha() and keys[i] != token:
                entries.append((token, budget, (i,)))
        # Listed generic words of organisation names by their symbols (zavod ~ plant).
        self._by_symbol: dict[str, list[str]] = {}
        for token in self.tokens:
            for symbol in org_symbols(token):
                self._by_symbol.setdefault(symbol, []).append(token)
        # Listed tokens by the given-name items they carry (Alexander ~ Alyaksandr).
        table = given_names()
        self._names = table
        self._by_item: dict[int, list[str]] = {}
        for token in self.tokens:
            for item in table.reach(token):
                self._by_item.setdefault(item, []).append(token)
        self._table = FuzzyTable(
            self.tokens,
            keys,
            sounds,
            entries,
            budgets=bytes(max_edits(n) for n in range(64)),
            short=SHORT,
            tolerant=TOLERANT,
            phonetic=PHONETIC,
            phonetic_edits=PHONETIC_EXTRA_EDITS,
        )
        #: Listed Latin tokens by consonant key (normalize.abjad), for queries written in
        #: Arabic script: built here (0.3 s) rather than on the first such query, so that
        #: no query waits for it and forked workers share it.
        self._by_consonants = self._consonant_table()

    def __len__(self) -> int:
        return len(self.tokens)

    def similar(self, token: str) -> dict[str, float]:
        """Listed tokens with non-zero `token_similarity` to `token`, with that similarity."""
        tid = self.ids.get(token)
        if not token.isalpha():  # numbers and codes match only exactly
            return {token: EXACT} if tid is not None else {}
        key = tolerant_key(token)
        sound = phonetic_key(token)
        extra: list[int] = [] if tid is None else [tid]
        extra.extend(self.by_key.get(key, ()))
        if sound:
            extra.extend(self.by_sound.get(sound, ()))
        token_budget = max_edits(len(token)) if key != token else -1
        found = self._table.similar(token, key, sound, max_edits(len(key)), token_budget, extra)
        if token in self._names.own:
            self._add_cognates(token, found)
        symbols = org_symbols(token)
        if symbols:
            self._add_synonyms(token, symbols, found)
        if is_korean_syllable(token):
            self._korean(token, found)
        return found

    def _korean(self, token: str, found: dict[str, float]) -> None:
        """Spellings of one Hangul syllable pair (yong / yeong); two syllables' spellings
        only as `token_similarity` says (jong / yong share a tolerant key, not a character)."""
        for listed, s in list(found.items()):
            if s == TOLERANT and syllables_differ(token, listed):
                s = token_similarity(token, listed)
                if s > 0.0:
                    found[listed] = s
                else:
                    del found[listed]
        for variant in korean_variants(token):
            if variant in self.ids and found.get(variant, 0.0) < TOLERANT:
                found[variant] = TOLERANT

    def similar_abjad(self, token: str) -> dict[str, float]:
        """The listed words `abjad_similarity` pairs with a word romanised from Arabic
        script: the same romanisation, or a Latin spelling its consonants allow
        (normalize.abjad), at the better of their consonant tier and their spelling
        similarity (`similar`, which finds every listed word of non-zero
        token_similarity at once)."""
        found = {token: EXACT} if token in self.ids else {}
        if not token.isalpha():
            return found
        table = self._by_consonants
        spelt: dict[str, float] | None = None
        for key in abjad_keys(token):
            listed_words = table.get(key)
            if not listed_words:
                continue
            if spelt is None:
                spelt = self.similar(token)
            tier = consonant_tier(len(key))
            for listed in listed_words:
                if listed not in found and spelling_fits(token, listed, key):
                    found[listed] = max(spelt.get(listed, 0.0), tier)
        return found

    def _consonant_table(self) -> dict[str, tuple[str, ...]]:
        by_key: dict[str, list[str]] = {}
        for token in self.tokens:
            key = latin_key(token)
            if key:
                by_key.setdefault(key, []).append(token)
        return {k: tuple(v) for k, v in by_key.items()}

    def _add_cognates(self, token: str, found: dict[str, float]) -> None:
        """Listed forms of the same given name in other languages, at COGNATE."""
        for item in self._names.reach(token):
            for listed in self._by_item.get(item, ()):
                if (
                    found.get(listed, 0.0) < COGNATE
                    and listed != token
                    and token_similarity(token, listed) == COGNATE
                ):
                    found[listed] = COGNATE

    def _add_synonyms(self, token: str, symbols: frozenset[str], found: dict[str, float]) -> None:
        """Listed generic words saying the same kind of body in another language and not
        spelt alike, at ORG_SYNONYM (zavod ~ plant: token_similarity). `found` already
        holds every listed word of non-zero similarity otherwise, so a word sharing a
        symbol and not found is one."""
        for symbol in symbols:
            for listed in self._by_symbol.get(symbol, ()):
                if listed not in found:
                    found[listed] = ORG_SYNONYM

    def similar_exhaustive(self, token: str, abjad: bool = False) -> dict[str, float]:
        """The same answer by comparing with every listed token (test oracle)."""
        out: dict[str, float] = {}
        for t in self.tokens:
            s = abjad_similarity(token, t) if abjad else token_similarity(token, t)
            if s > 0.0:
                out[t] = s
        return out
