"""Generic words of organisation names: what kind of body a name is, not which one (pure data).

"Central design bureau", "mechanical plant", "scientific production association",
"research institute", "federal state enterprise": rigour tags these words with `DOMAIN`
and `SYMBOL` symbols (plant and zavod are both FACTORY). `scripts/build_org_words.py`
(which says how to regenerate it) asks rigour about every word of every organisation
name in the list files, Cyrillic words in their romanisations too, and writes
`data/org_words.tsv`. A word is looked up as written and by its tolerant key, so the
lists' other spellings of a transliterated word (issledovatelsky / issledovatelskiy)
are found too.
"""

from __future__ import annotations

from sanctio.normalize.datafiles import data_rows
from sanctio.normalize.keys import tolerant_key
from sanctio.runtime import memo

_DATA = "org_words.tsv"


@memo(1)
def _table() -> tuple[frozenset[str], frozenset[str]]:
    """(words, their tolerant keys), read once (`_table.cache_clear()` re-reads it)."""
    found = [row[0] for row in data_rows(_DATA)]
    return frozenset(found), frozenset(map(tolerant_key, found))


@memo(100_000)
def is_org_word(token: str) -> bool:
    """Whether a folded ASCII token is a generic word of organisation names (plant,
    zavod, bureau, byuro, research, institute, federal, state, enterprise, ...)."""
    known, keys = _table()
    return token in known or (token.isalpha() and tolerant_key(token) in keys)
