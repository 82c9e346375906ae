"""Given names across languages: Alexander / Aleksandr / Alyaksandr / Oleksandr (pure data).

The groups are Wikidata given-name items as rigour's person-name symbols tag them,
extracted for the words of the lists' person names by `scripts/build_given_names.py`
(which says how to regenerate them) into `data/given_names.tsv`: per Latin token, the
items it carries and the items its Cyrillic forms add (Аляксандр carries both
Alexander's and Alyaksandr's items). Two tokens are forms of one given name when one's
own items meet the other's own or bridged items (at most one Cyrillic bridge).

Some items are Chinese or Korean given names whose romanisations share no letters
(chong / sang, ding / jan): items the two tokens share directly pair them only when both
have 5+ letters and the same first letter (Mohammed / Muhammad, Hussein / Husayn); a
Cyrillic bridge (Аляксандр, Рыгор) pairs any two tokens of 4+ letters (Grigory / Ryhor).
"""

from __future__ import annotations

from sanctio.normalize.datafiles import data_rows
from sanctio.runtime import memo

_DATA = "given_names.tsv"
#: Shortest token paired through a Cyrillic bridge, and through a shared item.
MIN_BRIDGED = 4
MIN_DIRECT = 5


class GivenNames:
    """token -> own items and bridged items (interned ints), read once from the data file."""

    __slots__ = ("bridged", "own")

    def __init__(self, rows: list[tuple[str, list[str], list[str]]]) -> None:
        ids: dict[str, int] = {}
        self.own: dict[str, frozenset[int]] = {}
        self.bridged: dict[str, frozenset[int]] = {}
        for token, own, bridged in rows:
            if len(token) < MIN_BRIDGED or not token.isascii():
                continue
            self.own[token] = frozenset(ids.setdefault(i, len(ids)) for i in own)
            if bridged:
                self.bridged[token] = frozenset(ids.setdefault(i, len(ids)) for i in bridged)

    def reach(self, token: str) -> frozenset[int]:
        """Items a token's cognates may carry as their own: its own and bridged items."""
        own = self.own.get(token, frozenset())
        return own | self.bridged.get(token, frozenset())

    def same(self, a: str, b: str) -> bool:
        """Whether two tokens are forms of one given name (see the module docstring)."""
        own_a, own_b = self.own.get(a), self.own.get(b)
        if own_a is None or own_b is None:
            return False
        empty: frozenset[int] = frozenset()
        if own_a & self.bridged.get(b, empty) or own_b & self.bridged.get(a, empty):
            return True
        return bool(own_a & own_b) and a[0] == b[0] and min(len(a), len(b)) >= MIN_DIRECT


@memo(1)
def given_names() -> GivenNames:
    """The shipped table (cached; `given_names.cache_clear()` re-reads it)."""
    rows: list[tuple[str, list[str], list[str]]] = []
    for row in data_rows(_DATA):
        token, own, bridged = [*row, "", ""][:3]
        rows.append((token, own.split(), bridged.split()))
    return GivenNames(rows)


def same_given_name(a: str, b: str) -> bool:
    """Whether two folded ASCII tokens are forms of one given name across languages."""
    return a != b and given_names().same(a, b)
