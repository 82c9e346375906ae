"""Mandarin and Korean syllables: the words Chinese and Korean names are made of (pure data).

In a person's name two different syllables are two different names however close their
letters (Zhang / Zhuang, Bing / Jing, Hong / Long): one edit is another character, not a
typo (match.names applies it to persons' and organisations' names: a vessel's FU YAN YU
is a typo of FU YUAN YU). `data/pinyin.txt` lists every syllable of ICU's Han-Latin
readings of the CJK Unified Ideographs (`scripts/build_syllables.py` regenerates it and
says how). Korean names are made of syllables as well (KIM Jong Un, RI Pyong Chol: kyong /
yong, kang / jang are other characters): `normalize.korean` spells every Hangul syllable
in the lists' schemes.
"""

from __future__ import annotations

from importlib.resources import files

from sanctio.normalize.korean import is_korean_syllable
from sanctio.runtime import memo


@memo(1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, read once from the package data."""
    text = files("sanctio.normalize").joinpath("data/pinyin.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@memo(100_000)
def is_syllable(word: str) -> bool:
    """True when the word is a Mandarin syllable or spells a Korean one."""
    return word in pinyin_syllables() or is_korean_syllable(word)
