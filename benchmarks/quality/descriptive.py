"""Organisation names made of descriptive words (issue 15, cause 6): one publisher's name of
an organisation against another's that shares its distinctive word but not its generic
words ("JSC VOTKINSK MACHINE BUILDING PLANT" / "JOINT STOCK COMPANY VOTKINSKIY ZAVOD",
"FEDERAL STATE ENTERPRISE TAMBOV POWDER PLANT" / "TAMBOVSKII POROKHOVOI ZAVOD").

Generic words are those rigour tags as kinds of body (normalize.org_words); legal forms
are left out of both sets. A name qualifies when it holds a generic word and a distinctive
one, and some Latin name of a linked record of another publisher shares a distinctive word
(equal, or one the stem of the other: Votkinsk / Votkinskiy) while the generic words differ.
"""

from __future__ import annotations

from collections.abc import Iterable

from sanctio.normalize import analyze_name, is_legal_form
from sanctio.normalize.org_words import is_org_word

#: Shortest distinctive word that counts (shorter ones are acronyms and syllables).
MIN_WORD = 4


def _words(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(distinctive words, generic words) of an organisation name's first form."""
    forms = analyze_name(name, "org")
    if not forms:
        return frozenset(), frozenset()
    tokens = [t for t in forms[0].tokens if t.isalpha() and not is_legal_form(t)]
    generic = frozenset(t for t in tokens if is_org_word(t))
    distinct = frozenset(t for t in tokens if t not in generic and len(t) >= MIN_WORD)
    return distinct, generic


def _shared(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or x.startswith(y) or y.startswith(x) for x in a for y in b)


def descriptive_names(names: Iterable[str], others: Iterable[str]) -> list[str]:
    """The names (Latin) that share a distinctive word with one of `others` (the linked
    records' Latin names) and differ from it in generic words."""
    theirs = [_words(n) for n in others]
    out: list[str] = []
    for name in names:
        distinct, generic = _words(name)
        if not distinct or not generic:
            continue
        if any(_shared(distinct, d) and generic != g for d, g in theirs if d):
            out.append(name)
    return out
