"""Generic words of organisation names: what kind of body a name is, not which one (pure data).

"Central design bureau", "mechanical plant", "scientific production association",
"research institute", "federal state enterprise": rigour tags these words with `DOMAIN`
and `SYMBOL` symbols (plant and zavod are both FACTORY). `scripts/build_org_words.py`
(which says how to regenerate it) asks rigour about every word of every organisation
name in the list files, Cyrillic words in their romanisations too, and writes
`data/org_words.tsv`. A word is looked up as written and by its tolerant key, so the
lists' other spellings of a transliterated word (issledovatelsky / issledovatelskiy)
are found too. Two words sharing a symbol are one generic word in two languages
(`share_org_symbol`: zavod / plant, byuro / bureau, fond / fund).
"""

from __future__ import annotations

from sanctio.normalize.datafiles import data_rows
from sanctio.normalize.keys import tolerant_key
from sanctio.runtime import memo

_DATA = "org_words.tsv"


@memo(100_000)
def is_org_word(token: str) -> bool:
    """Whether a folded ASCII token is a generic word of organisation names (plant,
    zavod, bureau, byuro, research, institute, federal, state, enterprise, ...)."""
    by_word, by_key = _symbols()
    return token in by_word or (token.isalpha() and tolerant_key(token) in by_key)


@memo(1)
def _symbols() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(word -> its symbols, tolerant key -> the symbols of its words), read once
    (`_symbols.cache_clear()` re-reads it)."""
    by_word: dict[str, frozenset[str]] = {}
    by_key: dict[str, set[str]] = {}
    for row in data_rows(_DATA):
        symbols = frozenset(row[1].split()) if len(row) > 1 else frozenset()
        by_word[row[0]] = symbols
        by_key.setdefault(tolerant_key(row[0]), set()).update(symbols)
    return by_word, {key: frozenset(symbols) for key, symbols in by_key.items()}


@memo(100_000)
def org_symbols(token: str) -> frozenset[str]:
    """rigour's DOMAIN and SYMBOL ids of a generic word (`DOMAIN:FACTORY` for plant and
    zavod), looked up as written, else by tolerant key; empty for any other word."""
    by_word, by_key = _symbols()
    found = by_word.get(token)
    if found is not None:
        return found
    return by_key.get(tolerant_key(token), frozenset()) if token.isalpha() else frozenset()


def share_org_symbol(a: str, b: str) -> bool:
    """Whether two generic words of organisation names say the same kind of body (a
    symbol in common: zavod / plant, byuro / bureau, fond / fund)."""
    return not org_symbols(a).isdisjoint(org_symbols(b))
