"""Given-name spelling families from the lists' own aliases, for the `given-name` class.

A list often gives one person's name in several languages' spellings (OFAC:
"LUKASHENKA, Alyaksandr" a.k.a. "LUKASHENKO, Alexander"). Two names of one entity that
agree on every word but one, each left with one word of 4+ letters that does not resemble
the other, state a pair of spellings of one name; pairs stated by 3+ entities and with
some letters in common (normalised Levenshtein 0.4+: Igor / Ihar, not Omar / Reuben,
which are other names a person goes by) are kept.
This uses nothing of sanctio's or rigour's name data, so the class measures them fairly.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from sanctio.model import Entity

#: Words this alike are spellings of each other (a typo or a transliteration drift).
ALIKE = 0.75
MIN_SUPPORT = 3
KIN = 0.4
_WORD = re.compile(r"[a-z]+")


def ascii_words(name: str) -> list[str]:
    """Lower-case ASCII words of a Latin name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(text)


def _alike(a: str, b: str) -> bool:
    return Levenshtein.normalized_similarity(a, b) >= ALIKE


def _variant_pair(a: list[str], b: list[str]) -> tuple[str, str] | None:
    left = [w for w in a if not any(_alike(w, x) for x in b)]
    right = [w for w in b if not any(_alike(w, x) for x in a)]
    anchored = any(len(w) >= 4 and any(_alike(w, x) for x in b) for w in a)
    if anchored and len(left) == len(right) == 1 and min(len(left[0]), len(right[0])) >= 4:
        a_word, b_word = left[0], right[0]
        if Levenshtein.normalized_similarity(a_word, b_word) >= KIN:
            return a_word, b_word
    return None


def spelling_families(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """word -> other spellings of it, from pairs of one person's names (see module doc)."""
    support: Counter[tuple[str, str]] = Counter()
    for entity in entities:
        if entity.schema != "Person":
            continue
        names = [ascii_words(n) for n in entity.names() if n.isascii()]
        found: set[tuple[str, str]] = set()
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pair = _variant_pair(a, b)
                if pair is not None:
                    found.add(pair)
                    found.add((pair[1], pair[0]))
        support.update(found)
    out: dict[str, set[str]] = {}
    for (given, variant), n in support.items():
        if n >= MIN_SUPPORT:
            out.setdefault(given, set()).add(variant)
    return out


def swap_given_name(
    name: str, families: dict[str, set[str]], held: set[str], rng: random.Random
) -> str | None:
    """The name with one word written as another spelling of it that the target's records
    do not hold (`held`: their words), or None when no word has such a spelling."""
    words = name.split(" ")
    options: list[tuple[int, str]] = []
    for i, word in enumerate(words):
        parts = ascii_words(word)
        if len(parts) != 1:
            continue
        for other in sorted(families.get(parts[0], ())):
            if other not in held and not any(_alike(other, h) for h in held):
                options.append((i, other))
    if not options:
        return None
    i, other = rng.choice(options)
    word = words[i]
    spelled = other.upper() if word.isupper() else other.capitalize()
    trail = word[len(word.rstrip(",.")) :]
    words[i] = spelled + trail
    return " ".join(words)
