"""Mandarin syllables: the words Chinese names are made of (pure data).

Two different syllables are two different names however close their letters (Zhang /
Zhuang, Bing / Jing, Hong / Long): in a Chinese name one edit is another character, not
a typo. `data/pinyin.txt` lists every syllable of ICU's Han-Latin readings of the CJK
Unified Ideographs (`scripts/build_syllables.py` regenerates it and says how).
"""

from __future__ import annotations

from importlib.resources import files

from sanctio.runtime import memo


@memo(1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, read once from the package data."""
    text = files("sanctio.normalize").joinpath("data/pinyin.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def is_syllable(word: str) -> bool:
    """True when the word is a Mandarin syllable."""
    return word in pinyin_syllables()


def both_syllables(a: str, b: str) -> bool:
    """True when both words are Mandarin syllables (see the module doc)."""
    table = pinyin_syllables()
    return a in table and b in table
