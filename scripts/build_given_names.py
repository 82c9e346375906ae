"""Regenerate src/sanctio/normalize/data/given_names.tsv from rigour's person-name symbols.

Where the data comes from: rigour (pinned in pyproject.toml) tags person-name tokens
with `NAME:Q...` symbols, Wikidata given-name items, whose labels in every language and
script it ships (OpenSanctions maintains that data). Two spellings carrying the same item
are forms of one given name (Aleksandr and Alexander: Q17501806); the Cyrillic form of a
name carries the items of its romanisations (Аляксандр: Q17501806 and Q19412810, the item
of Alyaksandr / Aliaksandr), so it bridges spellings that share no item directly.

Which tokens: sanctio needs the groups only for tokens it can meet, so this script asks
rigour about every word of every person name in the list files given (Latin words as
sanctio folds them, Cyrillic words as written), and writes, for each Latin word with
items, its own items and the items its Cyrillic bridges add. Running rigour's tagger at
screening time is not an option: its first call builds an automaton for about a minute.

How to update: after bumping rigour, or to cover new lists, run
    SANCTIO_LISTS_DIR=/path/to/lists .venv/bin/python scripts/build_given_names.py
then bump NORMALIZER_VERSION (the groups change scores) and commit the data file.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from list_names import list_names, write_data
from rigour.names import NameTypeTag, analyze_names
from rigour.names.symbol import SymbolCategory

from sanctio.normalize import fold, is_cyrillic, words

OUT = Path(__file__).resolve().parents[1] / "src/sanctio/normalize/data/given_names.tsv"
#: A Cyrillic word with more items than this is too ambiguous to bridge spellings.
MAX_BRIDGE_ITEMS = 12
#: A Latin word with more items than this (Yuri: 19, Japanese and Slavic names) pairs
#: only through items it holds itself.
MAX_OWN_ITEMS = 24


def _items(tokens: list[str]) -> dict[str, frozenset[str]]:
    """token -> the NAME symbols rigour tags it with (tokens without any left out)."""
    out: dict[str, frozenset[str]] = {}
    for start in range(0, len(tokens), 5000):
        chunk = tokens[start : start + 5000]
        found = analyze_names(
            NameTypeTag.PER, chunk, phonetics=False, numerics=False, consolidate=False
        )
        for name in found:
            ids = frozenset(str(s.id) for s in name.symbols if s.category == SymbolCategory.NAME)
            if ids and len(name.parts) == 1:
                out[name.original] = ids
    return out


def main() -> int:
    latin: set[str] = set()
    cyrillic: set[str] = set()
    for name in list_names(frozenset({"Person"})):
        for word in words(name):
            if is_cyrillic(word):
                cyrillic.add(word.lower())
            else:
                for token in words(fold(word)):
                    if token.isalpha() and token.isascii() and len(token) >= 4:
                        latin.add(token)
    print(f"{len(latin)} Latin, {len(cyrillic)} Cyrillic words", file=sys.stderr)
    own = _items(sorted(latin))
    bridges = [ids for ids in _items(sorted(cyrillic)).values() if len(ids) <= MAX_BRIDGE_ITEMS]
    by_item: dict[str, list[frozenset[str]]] = defaultdict(list)
    for ids in bridges:
        for item in ids:
            by_item[item].append(ids)
    lines = []
    for token, ids in sorted(own.items()):
        if len(ids) > MAX_OWN_ITEMS:
            continue
        bridged: set[str] = set()
        for item in ids:
            for group in by_item.get(item, ()):
                bridged |= group
        lines.append(f"{token}\t{' '.join(sorted(ids))}\t{' '.join(sorted(bridged - ids))}\n")
    header = (
        "token\tits rigour NAME items\titems its Cyrillic forms add "
        "(scripts/build_given_names.py; rigour 2.6.1)"
    )
    return write_data(OUT, header, lines, "tokens")


if __name__ == "__main__":
    raise SystemExit(main())
