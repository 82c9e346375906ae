"""Issue 15's positive classes from the lists' linked clusters: Arabic-script names against
Latin records, Persian/Arabic-script organisation names, Latin spelling families of Arabic
names. Pure selection rules; `positives.PositiveBuilder` draws the cases.

- `arabic-script` / `persian-org`: the query is a name of a linked party written in Arabic
  script (UK OFSI "non-latin script" names, UN original-script names, Australia's). The
  query's publisher, every publisher whose record of the party holds an Arabic-script
  name, and every publisher with any record holding the query's name (an unlinked
  duplicate) are left out of the search, so only Latin records remain as targets (mostly
  OFAC SDN, which writes none).
- `persian-org-translated`: an organisation whose Latin records share no romanised word
  with the query (consonant skeletons of the ICU romanisation never meet): a translation,
  which needs an alias rather than a better romanisation.
- `arabic-latin`: one publisher's Latin spelling of a person whose party holds an
  Arabic-script name somewhere in the lists, chosen when no other publisher writes every
  word of it: each word it does not share has a spelling partner in one target name
  (Mohammed / Muhammad, Husayn / Hussein, Abdulrahman / Abdul Rahman...). The spellings
  are the publishers' own, not generated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from normality import ascii_text
from rapidfuzz.distance import Levenshtein

from sanctio.model import Entity

#: A differing query word must be this alike to a target word (or two joined) to count as
#: another spelling of it rather than another name.
SPELLING_KIN = 0.5
#: Romanised words this alike (consonant skeletons) count as the same word.
SKELETON_ALIKE = 0.75
#: Countries whose people mostly bear Arabic(-script) names: the Arab League, Iran,
#: Afghanistan, Pakistan. A person of one of these nationalities, or whose party holds an
#: Arabic-script name on some list, is in the `arabic-latin` pool.
ARABIC_NAME_COUNTRIES = frozenset(
    ("dz", "bh", "km", "dj", "eg", "iq", "jo", "kw", "lb", "ly", "mr", "ma", "om", "ps", "qa",
     "sa", "so", "sd", "sy", "tn", "ae", "ye", "ir", "af", "pk")
)  # fmt: skip
_WORD = re.compile(r"[a-z]+")
_SKELETON = str.maketrans("wq", "vk", "aeiouy")


def _arabic_letters(text: str) -> tuple[int, int]:
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("ARABIC"))
    return arabic, len(letters)


def is_arabic(name: str) -> bool:
    """At least half the letters are Arabic script (Arabic, Persian, Urdu, Pashto)."""
    arabic, letters = _arabic_letters(name)
    return letters > 0 and arabic * 2 >= letters


def has_arabic(name: str) -> bool:
    return _arabic_letters(name)[0] > 0


def words(name: str) -> list[str]:
    """Lower-case ASCII words (ICU romanisation for other scripts)."""
    return _WORD.findall((ascii_text(name) or "").lower())


def skeleton(word: str) -> str:
    """The consonants of a romanised word (Arabic script writes no short vowels), w as v,
    q as k, without a leading article al-."""
    out = word.translate(_SKELETON)
    return out[1:] if word.startswith("al") and len(out) > 3 else out


def is_translation(query: str, latin_names: Iterable[str]) -> bool:
    """True when no word of the query's romanisation (3+ consonants) meets a word of the
    Latin names by consonant skeleton: the Latin name is a translation, not a spelling."""
    mine = {skeleton(w) for w in words(query)}
    mine = {s for s in mine if len(s) >= 3}
    theirs = {skeleton(w) for n in latin_names for w in words(n)}
    theirs = {s for s in theirs if len(s) >= 2}
    return not any(
        Levenshtein.normalized_similarity(a, b) >= SKELETON_ALIKE for a in mine for b in theirs
    )


def arabic_holders(cluster: Iterable[Entity]) -> set[str]:
    """Publishers whose record of the party holds a name in Arabic script."""
    return {e.source for e in cluster if any(has_arabic(n) for n in e.names(weak=True))}


def arabic_named(cluster: Iterable[Entity]) -> bool:
    """The party bears an Arabic(-script) name: written so on a list, or by nationality."""
    return any(
        any(has_arabic(n) for n in e.names(weak=True))
        or any(c in ARABIC_NAME_COUNTRIES for c in e.get("nationality"))
        for e in cluster
    )


def name_key(name: str) -> str:
    """An Arabic-script name as ICU romanises it (hamza, ya and spacing variants meet)."""
    return " ".join(words(name))


def name_holders(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """Romanised Arabic-script name -> publishers with a record holding it, linked or
    not: an unlinked duplicate on a third list would otherwise answer the query itself."""
    out: dict[str, set[str]] = {}
    for e in entities:
        for n in e.names(weak=True):
            if has_arabic(n):
                out.setdefault(name_key(n), set()).add(e.source)
    return out


def _partner(word: str, target: list[str]) -> float:
    """How alike `word` is to a word of the target, or to two adjacent ones joined."""
    pieces = target + ["".join(target[i : i + 2]) for i in range(len(target) - 1)]
    return max((Levenshtein.normalized_similarity(word, p) for p in pieces), default=0.0)


def spelling_differs(query: str, target_names: Iterable[str]) -> bool:
    """True when the target names do not write every word of the query, and one target
    name holds a spelling partner for each word they lack (see the module doc)."""
    targets = [words(n) for n in target_names if n.isascii() or not has_arabic(n)]
    held = {w for t in targets for w in t}
    mine = words(query)
    if len(mine) < 2 or not targets:
        return False
    # Short words (al, el, b.) are left to the long ones: a query differing only there is
    # not drawn, one differing elsewhere too is.
    missing = [w for w in mine if w not in held and len(w) >= 3]
    if not missing:
        return False
    return any(all(_partner(w, t) >= SPELLING_KIN for w in missing) for t in targets)
