"""Text folding: Unicode NFKC, casefold, punctuation to spaces (pure, no I/O)."""

from __future__ import annotations

import re
import unicodedata

#: Characters that join a word rather than split it (O'Brien, Grigor'evich, BGN primes).
_JOINERS = dict.fromkeys(map(ord, "'’ʼʹʻ`´\u02bc\u02b9\u00b7\u0301"))
#: Dotted abbreviations such as "U.S.A." or "d.o.o." collapse to one word.
_DOTTED = re.compile(r"\b(?:\w\.){2,}(?:\w\b)?")
_NON_WORD = re.compile(r"[\W_]+")
#: Zero-width non-joiner and joiner (U+200C, U+200D), the left-to-right / right-to-left
#: marks (U+200E, U+200F) and embeddings (U+202A-U+202C) are not here: Persian, Arabic and
#: Indic names are written or pasted with them (شرکت ملی نفت‌کش), and folding drops the
#: marks. Overrides (U+202D, U+202E), which can disguise what a name says, are.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202d\u202e\u2060-\u2064\ufeff]"
)
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def fold(text: str) -> str:
    """NFKC + casefold, zero-width characters removed: the comparable form of any text."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text)).casefold()


def has_control_chars(text: str) -> bool:
    """True when the text holds control or invisible format characters (tabs, NUL, RLO...)."""
    return _CONTROL.search(text) is not None


def words(text: str) -> list[str]:
    """Split folded text into word tokens: joiners dropped, dotted abbreviations joined."""
    text = text.translate(_JOINERS)
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    return [w for w in _NON_WORD.split(text) if w]


def has_word_chars(text: str) -> bool:
    """True when the text holds at least one letter or digit in any script."""
    return any(ch.isalnum() for ch in text)
