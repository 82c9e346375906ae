"""Text folding: Unicode NFKC, casefold, punctuation to spaces (pure, no I/O)."""

from __future__ import annotations

import re
import sys
import unicodedata

from sanctio.normalize.confusables import unmix_scripts
from sanctio.runtime import memo

#: Characters that join a word rather than split it (O'Brien, Grigor'evich, BGN primes).
_JOINERS = dict.fromkeys(map(ord, "'’ʼʹʻ`´\u02bc\u02b9\u00b7\u0301"))
#: Dotted abbreviations such as "U.S.A." or "d.o.o." collapse to one word.
_DOTTED = re.compile(r"\b(?:\w\.){2,}(?:\w\b)?")
#: Zero-width non-joiner and joiner (U+200C, U+200D), the left-to-right / right-to-left
#: marks (U+200E, U+200F) and embeddings (U+202A-U+202C) are not here: Persian, Arabic and
#: Indic names are written or pasted with them (شرکت ملی نفت‌کش), and folding drops the
#: marks. Overrides (U+202D, U+202E), which can disguise what a name says, are.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202d\u202e\u2060-\u2064\ufeff]"
)
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
#: Hebrew points and cantillation, Arabic harakat, shadda, sukun, the superscript alif and
#: Quranic marks: vowels and readings the lists' Hebrew and Arabic-script names leave
#: unwritten (مُحَمَّد is written محمد, שָׁלוֹם is שלום). Folding drops them, so a vocalised
#: name meets its plain spelling and reaches the consonant-skeleton rules of
#: `normalize.abjad`. Letters NFKC composes (آ, أ, ۀ) are not marks and stay.
_POINTING = re.compile(
    r"[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    r"\u08d3-\u08e1\u08e3-\u08ff]"
)


def fold(text: str) -> str:
    """NFKC + casefold, zero-width characters and Hebrew and Arabic pointing removed, words
    mixing Latin and Cyrillic look-alikes written in one script (`unmix_scripts`): the
    comparable form of any text."""
    folded = unmix_scripts(_ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text)))
    if _POINTING.search(folded):
        # Letters a removed point stood between may compose now (ا + ٓ is آ).
        folded = unicodedata.normalize("NFKC", _POINTING.sub("", folded))
    return folded.casefold()


def has_control_chars(text: str) -> bool:
    """True when the text holds control or invisible format characters (tabs, NUL, RLO...)."""
    return _CONTROL.search(text) is not None


def words(text: str) -> list[str]:
    """Split folded text into word tokens: joiners dropped, dotted abbreviations joined."""
    text = text.translate(_JOINERS)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    return [w for w in _non_word().split(text) if w]


@memo(None)
def word_chars() -> str:
    """A regular-expression character class body (no brackets) of the characters words are
    made of: letters and digits (`\\w`) and every combining mark (Unicode categories Mn,
    Mc, Me). Python's `\\w` holds no marks, so without them a word splits at each vowel
    sign of Devanagari, Bengali, Tamil, Thai or Myanmar (कौल would be क + ल) and at
    each point of a vocalised name. Read off the running Python's Unicode database once."""
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp))[0] != "M":
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    spans = (chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return "\\w" + "".join(spans)


@memo(None)
def _non_word() -> re.Pattern[str]:
    """What separates words: anything but `word_chars`, and the underscore."""
    return re.compile(f"[^{word_chars()}]+|_+")


def has_word_chars(text: str) -> bool:
    """True when the text holds at least one letter or digit in any script."""
    return any(ch.isalnum() for ch in text)
