"""Mandarin and Korean syllables: the words Chinese and Korean names are made of (pure data).

In a person's name two different syllables are two different names however close their
letters (Zhang / Zhuang, Bing / Jing, Hong / Long): one edit is another character, not a
typo (match.names applies it to persons' and organisations' names: a vessel's FU YAN YU
is a typo of FU YUAN YU). `data/pinyin.txt` lists every syllable of ICU's Han-Latin
readings of the CJK Unified Ideographs (`scripts/build_syllables.py` regenerates it and
says how). Korean names are made of syllables as well (KIM Jong Un, RI Pyong Chol: kyong /
yong, kang / jang are other characters): `normalize.korean` spells every Hangul syllable
in the lists' schemes. Vietnamese is written syllable by syllable too, each word one
syllable (Nguyễn Văn An): a name written with Vietnamese letters is a name of syllables
(`is_vietnamese`), so that Dương does not pair with the Mandarin DONG on an edit.
"""

from __future__ import annotations

import re
import unicodedata

from sanctio.normalize.datafiles import data_lines
from sanctio.normalize.korean import is_korean_syllable
from sanctio.runtime import memo


@memo(1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, read once from the package data."""
    return frozenset(line.strip() for line in data_lines("pinyin.txt") if line.strip())


@memo(100_000)
def is_syllable(word: str) -> bool:
    """True when the word is a Mandarin syllable or spells a Korean one."""
    return word in pinyin_syllables() or is_korean_syllable(word)


#: Letters only the Vietnamese alphabet writes: đ, ơ, ư and the vowels with a tone mark
#: of Unicode's Latin Extended Additional block (ạ ả ấ ầ ... ỹ). Romanian's ă and â are
#: left out; Yoruba's ẹ and ọ are in the block too, and its names, read as syllables,
#: only meet Chinese and Korean names less loosely.
_VIETNAMESE = re.compile("[\u0111\u0110\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def is_vietnamese(text: str) -> bool:
    """True when the text holds a letter of the Vietnamese alphabet no other language
    writes (the name as written, before folding drops the marks; composed or not). A
    name whose marks are all of Latin-1 (Hà Hoàng: à is French too) is not known so."""
    if text.isascii():
        return False
    return _VIETNAMESE.search(unicodedata.normalize("NFC", text)) is not None
