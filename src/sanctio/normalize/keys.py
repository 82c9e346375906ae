"""Comparison keys for ASCII name tokens: transliteration-tolerant and phonetic."""

from __future__ import annotations

import re

from rigour.text import metaphone

from sanctio.runtime import memo

#: Spelling pairs that transliteration systems disagree on, rewritten to one form.
#: Order matters: longer clusters first. Chosen from the drift seen between publishers
#: (Lukashenko/Lukashenka handled by edit distance; these are the systematic ones):
#: kh/h (Khamenei/Hamenei), ks/x (Aleksandr/Alexandr), y/i/j (Yuriy/Iurii/Jurij),
#: w/v (Wladimir), ph/f, ou/u (Youssef/Yusuf), ck/k/q/c, ie/ye/e (Grigoryevich/
#: Grigorievich/Grigorevich), trailing -ah/-a (Abdullah/Abdulla), doubled letters, dh/d
#: (ذ and ض: Qadhafi/Qaddafi, Fadhli/Fadli, Ramadhan/Ramadan), Russian ё (see _YO), and
#: Russian ч as German, Dutch and Swedish write it (tsch, tsj, tj: see _SWEDISH_TJ).
_RULES: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"),  # German: TSCHERESOW / CHEREZOV, Demtschenko
    ("tsj", "ch"),  # Dutch: KOROTTSJENKO / KOROTCHENKO, Jurevitsj
    ("dzh", "j"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("dj", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("ks", "x"),
    ("cs", "x"),
    ("q", "k"),
    ("w", "v"),
    ("ou", "u"),
    ("oo", "u"),
    ("y", "i"),
    ("j", "i"),
    ("ie", "e"),
)
_C_HARD = re.compile(r"c(?!h)")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_AH = re.compile(r"(?<=[a-z]{2})ah$")
#: ee before a consonant is a long i (Deeb/Dib, Khamees/Khamis, Saeed/Said, Rasheed); not
#: before v or nk (Russian Sergeev, Alekseevich, Alekseenko: two syllables) nor at the end
#: (Lee, Ri: 이).
_LONG_I = re.compile(r"ee(?=[bcdfghjklmnpqrstxz])(?!nk)")
#: Russian ё, which lists write yo, io, jo or e (Fyodor / Fedor, Pyotr / Petr, Artyom /
#: Artem, SEMYONOV / SEMENOV, BERYOZA / BEREZA): io (y and j already folded to i) between
#: consonants reads as e.
_YO = re.compile(r"(?<=[bcdfgklmnprstvz])io(?=[bcdfgklmnprstvxz])")
#: Belarusian surnames end in -аў / -оў / -еў where Russian ones end in -ов / -ев, and
#: lists romanise the Belarusian forms -au / -ou / -eu / -aw (SIVAKAU / SIVAKOV, ZUBKOU /
#: ZUBKOV, LEBEDZEU); after three letters, so that a syllable (Zhou, Hou) is left alone.
_BELARUSIAN_END = re.compile(r"(?<=[a-z]{3})(?:([ao])|(e))[uw]$")
#: Swedish writes Russian ч tj (KOTJKIN / KOCHKIN, Viktorovitj): before a consonant or at
#: the end only, where tj is no t before a soft vowel (ARTJAKOV, Артяков).
_SWEDISH_TJ = re.compile(r"tj(?=[bcdfgklmnpqrstvwxz]|$)")


@memo(200_000)
def tolerant_key(token: str) -> str:
    """`aleksandr`, `alexandr` -> `alexandr`; digits unchanged. For fuzzy lookup and match."""
    if not token.isalpha():
        return token
    key = _BELARUSIAN_END.sub(lambda m: "ev" if m.group(2) else "ov", token)
    if "tj" in key:
        key = _SWEDISH_TJ.sub("ch", key)
    previous = ""
    while key != previous:  # rewrites can expose new pairs ("yie" -> "iie" -> "ie")
        previous = key
        for old, new in _RULES:
            if old in key:
                key = key.replace(old, new)
        key = _LONG_I.sub("i", key)
        key = _C_HARD.sub("k", key)
        key = _FINAL_AH.sub("a", key)
        key = _DOUBLE.sub(r"\1", key)
        key = _YO.sub("e", key)
    return key


@memo(200_000)
def phonetic_key(token: str) -> str:
    """Metaphone of an ASCII token (rigour, Rust); empty for digits and short tokens."""
    if len(token) < 4 or not token.isalpha():
        return ""
    return str(metaphone(token))
