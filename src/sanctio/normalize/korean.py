"""Korean names: Hangul romanised syllable by syllable as the lists write them, and the
Korean readings of names written in Han characters (Hanja).

ICU's generic `Hangul-Latin` writes 김영복 as one word `gimyeongbog` (Revised Romanisation
letter by letter), which never meets a listed KIM YONG BOK. Sanctions lists write North
Korean names in McCune-Reischauer without its diacritics, one word per syllable (or the
given name's syllables hyphenated), and South Korean ones mostly in Revised Romanisation
with the given name joined (Kim Minjun). A person's Hangul name is read both ways:

- `ko-mr`: ICU's `Korean-Latin/BGN` (McCune-Reischauer) per syllable, folded to ASCII
  (ŏ -> o, ŭ -> u, the aspiration mark dropped), with two changes the lists make
  (counted on OFAC's North Korean persons): ㅈ is written j (JONG 11 times, CHONG 4), as
  the DPRK's own romanisation does, and an initial ㄹ is r (RI, RYONG, RYU: BGN writes the
  South Korean ni, nyong). Inside a given name a plain plosive after a voiced sound (a
  vowel, n, m, ng, l) is voiced, as McCune-Reischauer writes it (KIM Yong Bok, JONG Man
  Bok, RI Man Gon); the family name and the given name's first syllable keep the initial
  form (KIM Kyong Hui, RI Pyong Chol). Syllables stay apart: KIM YONG BOK (a hyphenated
  listed name also has its joined form, `names.joined_hyphens`).
- `ko-rr`: Revised Romanisation per syllable (ICU `Hangul-Latin`, with the final
  consonant transcribed as pronounced: bok, not bog), the given name joined: KIM YEONGBOK.

In both, the family name is the first syllable, written as McCune-Reischauer writes it
(kim, pak, choe), the customary Latin form lists use for North and South alike (ICU's
Revised Romanisation writes gim, bag); the surname 이 is Yi.

Han characters: `data/hanja.txt` (Unihan's `kHangul`, `scripts/build_hanja.py`) gives
their Korean readings, so that 金铁三 is also read 김철삼, KIM CHOL SAM.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import pairwise

import icu

from sanctio.normalize.datafiles import data_lines
from sanctio.runtime import memo

#: Romanisation schemes read here (`names._analyze` asks `korean_schemes` first).
MR, RR = "ko-mr", "ko-rr"
#: Korean readings of a Han name: the first, and the second where a character has two.
HANJA = ("ko-hanja-0", "ko-hanja-1")
HANGUL_SCHEMES: tuple[str, ...] = (MR, RR)
HANJA_SCHEMES: tuple[str, ...] = ("generic", *HANJA)

_FIRST, _LAST = 0xAC00, 0xD7A3
_HANGUL = re.compile(f"[{chr(_FIRST)}-{chr(_LAST)}]")
_PER_INITIAL, _PER_MEDIAL = 588, 28
#: Initial consonant indices (Unicode's Hangul syllable order).
_NIEUN, _RIEUL, _IEUNG, _JIEUT, _SSANGJIEUT = 2, 5, 11, 12, 13
#: Final consonant indices after which a plosive is voiced: none (a vowel), ㄴ, ㄹ, ㅁ, ㅇ.
_VOICED_FINALS = frozenset({0, 4, 8, 16, 21})
#: Plain plosives ㄱ ㄷ ㅂ (initial index -> McCune-Reischauer's voiced letter).
_VOICED = {0: "g", 3: "d", 7: "b"}
_FOLD = str.maketrans({"ŏ": "o", "ŭ": "u", "’": None, "'": None})
#: A Hangul person's name split into family and given name: 2-4 syllables.
_HAN_NAME = range(2, 5)
#: A Han name read in Korean: three characters, a family name and a two-syllable given
#: name, as nearly every Korean name is. Two-character names are far more often Chinese
#: (李秀 read RI SU met RI Su Yong at 0.80: the quality benchmark's two-character Chinese
#: customers alerted 4x as often with them), and four-character ones are no Korean name.
_HANJA_NAME = (3,)
_READINGS = 2
HANJA_FILE = "hanja.txt"
SYLLABLES_FILE = "korean_syllables.txt"


def is_hangul(ch: str) -> bool:
    """True for a precomposed Hangul syllable (U+AC00-U+D7A3)."""
    return _FIRST <= ord(ch) <= _LAST


def _jamo(syllable: str) -> tuple[int, int]:
    """(initial index, final index) of a Hangul syllable."""
    code = ord(syllable) - _FIRST
    return code // _PER_INITIAL, code % _PER_MEDIAL


@memo(8)
def _transliterator(rules: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(rules)


@memo(20_000)
def _mr_syllable(syllable: str) -> str:
    """One syllable in McCune-Reischauer's initial form, as the lists write it."""
    initial, _ = _jamo(syllable)
    bgn = _transliterator("Korean-Latin/BGN")
    out = str(bgn.transliterate(unicodedata.normalize("NFD", syllable))).translate(_FOLD)
    if not out.isascii():  # a double final BGN leaves as a jamo (ㄳ, ㄻ...): rare in names
        return _rr_syllable(syllable)
    if initial == _RIEUL and out.startswith("n"):
        out = "r" + out[1:]
    elif initial == _JIEUT and out.startswith("ch"):
        out = "j" + out[2:]
    elif initial == _SSANGJIEUT and out.startswith("tch"):
        out = "jj" + out[3:]
    return out


@memo(20_000)
def _rr_syllable(syllable: str) -> str:
    """One syllable in Revised Romanisation, its final consonant as pronounced."""
    initial, final = _jamo(syllable)
    rr = _transliterator("Hangul-Latin")
    out = str(rr.transliterate(chr(ord(syllable) - final)))
    if final:
        coda = str(_transliterator("Korean-Latin/BGN").transliterate(chr(0x11A7 + final)))
        if not coda.isascii():
            coda = str(rr.transliterate(syllable))[len(out) :]
        out += coda
    if initial == _RIEUL and out.startswith("l"):
        out = "r" + out[1:]
    return out.lower()


def _voiced(syllable: str, previous: str) -> str:
    """`_mr_syllable` with a plain plosive voiced after a voiced sound (inside a given name)."""
    out = _mr_syllable(syllable)
    initial, _ = _jamo(syllable)
    letter = _VOICED.get(initial)
    if letter is not None and _jamo(previous)[1] in _VOICED_FINALS:
        return letter + out[1:]
    return out


def syllable_spellings(syllable: str) -> tuple[str, ...]:
    """How the lists' schemes spell one Hangul syllable: McCune-Reischauer as the lists
    write it (initial, then voiced; ㅈ as J, then CH), then Revised Romanisation;
    one-letter spellings (오 o, 이 i) are left out, as they read as initials."""
    mr = _mr_syllable(syllable)
    found = [mr]
    initial = _jamo(syllable)[0]
    letter = _VOICED.get(initial)
    if letter is not None:
        found.append(letter + mr[1:])
    elif initial == _JIEUT:
        # ㅈ: the North's J (JONG, JO) and McCune-Reischauer's initial CH, which other
        # lists keep (CHONG, CHO, Chun-ryong's CHO): one syllable, two spellings.
        found.append("ch" + mr[1:])
    found.append(_rr_syllable(syllable))
    return tuple(f for f in dict.fromkeys(found) if len(f) > 1)


def all_syllables() -> Iterator[str]:
    """Every precomposed Hangul syllable, in code point order."""
    return map(chr, range(_FIRST, _LAST + 1))


@memo(1)
def _spellings() -> tuple[dict[str, frozenset[int]], dict[int, tuple[str, ...]]]:
    """(spelling -> the Hangul syllables it writes, syllable -> its spellings), read once
    from `data/korean_syllables.txt` (`syllable_spellings` of every syllable, frozen by
    `scripts/build_hanja.py`: computing it takes about half a second)."""
    by_spelling: dict[str, set[int]] = {}
    by_syllable: dict[int, tuple[str, ...]] = {}
    for line in data_lines(SYLLABLES_FILE):
        syllable, *found = line.split()
        by_syllable[ord(syllable)] = tuple(found)
        for spelling in found:
            by_spelling.setdefault(spelling, set()).add(ord(syllable))
    return {k: frozenset(v) for k, v in by_spelling.items()}, by_syllable


def is_korean_syllable(word: str) -> bool:
    """True when the word spells a Hangul syllable (kim, yong, yeong, chol, cheol, bok)."""
    return word in _spellings()[0]


def same_korean_syllable(a: str, b: str) -> bool:
    """True when two different words spell one Hangul syllable in the lists' schemes
    (yong / yeong 영, chol / cheol 철, kwang / gwang 광, pok / bok 복)."""
    table = _spellings()[0]
    sa, sb = table.get(a), table.get(b)
    return a != b and sa is not None and sb is not None and not sa.isdisjoint(sb)


def syllables_differ(a: str, b: str) -> bool:
    """True when both words spell Hangul syllables but no syllable in common (jong 정 /
    yong 영, jin 진 / in 인: one tolerant key, two characters)."""
    table = _spellings()[0]
    sa, sb = table.get(a), table.get(b)
    return sa is not None and sb is not None and sa.isdisjoint(sb)


@memo(50_000)
def korean_variants(word: str) -> tuple[str, ...]:
    """The other spellings of the Hangul syllables `word` spells (yong: yeong, ryong...)."""
    by_spelling, by_syllable = _spellings()
    out: dict[str, None] = {}
    for code in sorted(by_spelling.get(word, ())):
        out.update(dict.fromkeys(s for s in by_syllable[code] if s != word))
    return tuple(out)


def _family(syllable: str) -> str:
    out = _mr_syllable(syllable)
    return "yi" if out == "i" else out


def _given_mr(syllables: str) -> list[str]:
    out = [_mr_syllable(syllables[0])] if syllables else []
    out += [_voiced(s, p) for p, s in pairwise(syllables)]
    return out


def romanise_hangul(word: str, scheme: str, person: bool) -> str | None:
    """A Hangul word in `scheme` (MR or RR), or None when it is no Hangul word.

    A person's name of 2-4 syllables is a family name (its first syllable) and a given
    name; any other word reads as a given name would (MR: syllables apart, RR: joined)."""
    if not word or not all(map(is_hangul, word)):
        return None
    family, given = "", word
    if person and (len(word) in _HAN_NAME or len(word) == 1):
        family, given = _family(word[0]), word[1:]
    parts = _given_mr(given) if scheme == MR else [_rr_syllable(s) for s in given]
    return " ".join(p for p in (family, *parts) if p)


@memo(1)
def hanja_readings() -> dict[str, tuple[str, ...]]:
    """Han character -> its Korean readings in Hangul, read once from the package data."""
    out: dict[str, tuple[str, ...]] = {}
    for line in data_lines(HANJA_FILE):
        char, *found = line.split()
        out[char] = tuple(found)
    return out


def _distinct(found: tuple[str, ...]) -> tuple[str, ...]:
    """Readings without the South Korean forms of an initial ㄹ or ㄴ (李 리 / 이, 龍 룡 / 용,
    年 년 / 연): the original reading is the one the North writes and the lists give."""
    out: list[str] = []
    for reading in found:
        initial, _ = _jamo(reading)
        rest = (ord(reading) - _FIRST) % _PER_INITIAL
        if initial in (_IEUNG, _NIEUN) and any(
            (ord(r) - _FIRST) % _PER_INITIAL == rest and _jamo(r)[0] in (_RIEUL, _NIEUN)
            for r in found
            if r != reading
        ):
            continue
        out.append(reading)
    return tuple(out)


def hangul_readings(word: str) -> tuple[str, ...]:
    """At most two Hangul readings of a Han name of 3 characters: every character's first
    reading, and the other reading of the first character that has two (金铁三: 금철삼,
    김철삼); () when a character has no Korean reading or the word is no such name."""
    if len(word) not in _HANJA_NAME:
        return ()
    table = hanja_readings()
    options = []
    for char in word:
        found = table.get(char)
        if not found:
            return ()
        options.append(_distinct(found)[:_READINGS])
    first = [o[0] for o in options]
    out = ["".join(first)]
    for i, found in enumerate(options):
        if len(found) > 1:
            out.append("".join([*first[:i], found[1], *first[i + 1 :]]))
            break
    return tuple(out)


def romanise_hanja(word: str, scheme: str, person: bool) -> str | None:
    """A person's Han name read in Korean (`scheme` HANJA[i]: the i-th reading), in
    McCune-Reischauer; None when it has no such reading."""
    if not person:
        return None
    found = hangul_readings(word)
    index = HANJA.index(scheme)
    if index >= len(found):
        return None
    return romanise_hangul(found[index], MR, person)


@memo(200_000)
def romanise_korean(word: str, scheme: str, person: bool) -> str | None:
    """`word` in one of this module's schemes (`korean_schemes`); None when the scheme
    does not apply to it (the caller romanises it generically)."""
    if scheme in HANJA:
        return romanise_hanja(word, scheme, person)
    return romanise_hangul(word, scheme, person)


def joined_family(words: list[str]) -> list[str]:
    """A Hangul family name written apart from its given name (김 영복) joined to it, as
    Korean writes names (김영복): the name then reads as family + given name."""
    if len(words) > 1 and len(words[0]) == 1 and all(map(is_hangul, words[0] + words[1])):
        return [words[0] + words[1], *words[2:]]
    return words


def korean_schemes(words: list[str], person: bool) -> tuple[str, ...]:
    """The schemes a name's words are read in: Hangul and Hanja readings for a person's
    name holding Hangul or a 2-4 character Han word with Korean readings; () otherwise."""
    if not person:
        return ()
    text = "".join(words)
    if text.isascii():
        return ()
    if _HANGUL.search(text) is not None:
        return HANGUL_SCHEMES
    if any(hangul_readings(w) for w in words):
        return HANJA_SCHEMES
    return ()
