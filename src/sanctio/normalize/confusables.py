"""Words mixing Latin and Cyrillic look-alike letters, written in one script (pure).

"Cергій" (a Latin C heading a Cyrillic word), "PUTИN", "АКСЬОНОВ" typed with a Latin O:
such words come from keyboards that switch layouts, from copied text, and from people
disguising a name. Each letter looks like the other script's, so a reader sees one name,
but a matcher romanising each letter by its own script sees another. A word holding
letters of both scripts is rewritten in the script most of its letters are in, through
Unicode's confusable look-alikes (ICU's spoof checker skeletons: Cyrillic с is Latin c,
Н is H, В is B), when every letter of the other script has one; otherwise it is left as
written. Words of one script, the usual case, are not touched.
"""

from __future__ import annotations

import re

import icu

from sanctio.runtime import memo

#: A Latin letter next to a Cyrillic one: found only in mixed words (fast to rule out).
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")
_WORD = re.compile(r"[A-Za-z\u0400-\u04ff]+")
#: The Russian alphabet first: a Latin letter goes to its look-alike there when it has one.
_CYRILLIC = [*range(0x410, 0x450), *range(0x400, 0x410), *range(0x450, 0x500)]


@memo(1)
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    """(Cyrillic letter -> Latin look-alike, Latin letter -> Cyrillic look-alike), from
    ICU's confusable skeletons (Unicode's confusables data)."""
    checker = icu.SpoofChecker()
    to_latin: dict[int, str] = {}
    to_cyrillic: dict[int, str] = {}
    for cp in _CYRILLIC:
        letter = chr(cp)
        if not letter.isalpha():
            continue
        skeleton = checker.getSkeleton(0, letter)
        if len(skeleton) == 1 and skeleton.isascii() and skeleton.isalpha():
            to_latin[cp] = skeleton
            to_cyrillic.setdefault(ord(skeleton), letter)
    return to_latin, to_cyrillic


def unmix_scripts(text: str) -> str:
    """The text with each word that mixes Latin and Cyrillic letters written in its main
    script where look-alikes allow (see the module docstring)."""
    if text.isascii() or _MIXED.search(text) is None:
        return text
    return _WORD.sub(_unmixed, text)


def _unmixed(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = sum(1 for ch in word if ch.isascii())
    if latin == 0 or latin == len(word):
        return word
    to_latin, to_cyrillic = _tables()
    table = to_cyrillic if latin * 2 < len(word) else to_latin
    minority = {ord(ch) for ch in word if ch.isascii() == (table is to_cyrillic)}
    if not all(cp in table for cp in minority):
        return word
    return word.translate(table)
