"""Tokenise free text once into word tokens with character spans, name forms and breaks.

Each token keeps its span in the original text, its romanised comparable forms (the way
`sanctio.normalize` writes list names) plus inflection variants ("Путина" -> putin,
"Lukashenko's" -> lukashenko), whether it looks like part of a name (capitalised, an
initial) and how strongly it is separated from the token before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sanctio.match.tokens import PARTICLES
from sanctio.normalize import fold, romanise
from sanctio.normalize.text import word_chars
from sanctio.normalize.translit import CYRILLIC_SCHEMES, is_cyrillic
from sanctio.runtime import memo

_POSSESSIVE = re.compile(r"(?:['’ʼ`]s|['’ʼ`])$", re.IGNORECASE)
_JOINERS = re.compile(r"['’ʼ`\u00ad\u200b-\u200d\u0300-\u036f\u0483-\u0489]")
#: A gap holding one of these ends any name: sentences, clauses, brackets. A comma does
#: not ("PUTIN, Vladimir"): each name needs two of its own words close together anyway.
_HARD = re.compile(r"[.!?;:()\[\]{}<>|=+*#@\u2026]|\n[ \t\r\f]*\n")
#: Abbreviations whose full stop does not end a sentence before a name.
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "adm",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "jr",
        "sr",
        "messrs",
        "mme",
        "mlle",
        "hr",
        "fr",
        "sheikh",
        "ген",
        "г",
        "гг",
        "им",
    }
)
#: Russian / Ukrainian / Belarusian case endings of names, longest first.
_ENDINGS: tuple[str, ...] = (
    "ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ым", "им", "ом", "ем",
    "ою", "ею", "а", "я", "у", "ю", "е", "ы", "и", "і",
)  # fmt: skip
QUOTES = frozenset("\"'“”„«»‹›‘’")
#: Lower-case words that may sit inside a name ("Abu Bakr al-Baghdadi", "van der Berg").
NAME_PARTICLES = PARTICLES | frozenset(
    {
        "al",
        "el",
        "abu",
        "abd",
        "abdul",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "de",
        "da",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "bint",
        "y",
        "ter",
        "ten",
    }
)

NONE, SOFT, HARD = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text: span, comparable forms, casing and the break before it."""

    start: int
    end: int
    raw: str
    forms: tuple[str, ...]  # romanised forms, the token as written first
    variants: tuple[str, ...]  # de-inflected forms (exact look-up only)
    cap: bool  # capitalised, all caps, or a script without case
    initial: bool  # a single letter, like "V." in "V. Putin"
    brk: int  # NONE, SOFT (line break) or HARD before this token
    quoted: bool  # directly inside quotation marks or guillemets


@memo(None)
def _word() -> re.Pattern[str]:
    """Letters or digits in any script with their combining marks (`word_chars`: the
    vowel signs of Devanagari or Thai belong to the word), soft hyphens and zero-width
    joiners inside words, and apostrophes between letters (O'Brien, Lukashenko's). One
    character class: fast."""
    chars = word_chars()
    return re.compile(f"[{chars}\u00ad\u200b-\u200d]+(?:['’ʼ`][{chars}]+)*")


def _strip_possessive(word: str) -> str:
    stripped = _POSSESSIVE.sub("", word)
    return stripped if stripped else word


@memo(100_000)
def word_forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(forms, variants) of one written word: romanised as written, then de-inflected."""
    folded = _JOINERS.sub("", fold(_strip_possessive(word)))
    if not folded:
        return (), ()
    if is_cyrillic(folded):
        forms = _romanised(folded, CYRILLIC_SCHEMES)
        variants: list[str] = []
        for stem in cyrillic_stems(folded):
            variants.extend(f for f in _romanised(stem, ("ru", "uk")) if f not in forms)
        return forms, tuple(dict.fromkeys(variants))
    return _romanised(folded, ("generic",)), ()


def _romanised(folded: str, schemes: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for scheme in schemes:
        form = romanise(folded, scheme).replace(" ", "")
        if form and form not in out:
            out.append(form)
    return tuple(out)


def cyrillic_stems(word: str) -> list[str]:
    """Nominative candidates of an inflected Cyrillic name: Путина -> Путин, Юрия -> Юрий."""
    out: list[str] = []
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            out.extend((stem, stem + "а", stem + "й", stem + "ь"))
    return [s for s in dict.fromkeys(out) if s != word]


def _is_cap(word: str) -> bool:
    """Capitalised, or a letter of a script without case (Arabic, Han); digits are not."""
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())


def _break(gap: str, previous: str) -> int:
    """How strongly the characters between two words separate them."""
    if gap == " ":
        return NONE
    if not gap.strip():
        return SOFT if "\n" in gap else NONE
    if _HARD.search(gap):
        # a full stop after an initial or a title does not end the name ("V. Putin")
        only_stop = gap.strip() == "." and "\n\n" not in gap
        if only_stop and (len(previous) == 1 or fold(previous) in _TITLES):
            return SOFT if "\n" in gap else NONE
        return HARD
    if "-" in gap.strip() and "\n" in gap:
        return SOFT
    return SOFT if "\n" in gap else NONE


def tokenize(text: str, cased: bool = False) -> tuple[list[Token], int]:
    """Name-like words of the text in order, and the number of words in all.

    In a mixed-case text (`cased`) only capitalised words, initials and name particles
    are kept: a lower-case word between two kept words becomes a hard break. A word
    hyphenated over a line break ("Luka-" / "shenko") is joined.
    """
    matches = [m.span() for m in _word().finditer(text)]
    tokens: list[Token] = []
    i = 0
    previous_end = 0
    previous_raw = ""
    skipped = False
    size = len(text)
    while i < len(matches):
        start, end = matches[i]
        i += 1
        first = text[start]
        if cased and first.islower() and end - start > 5:
            skipped = True  # fast path: a lower-case word too long to be a particle
            continue
        raw = text[start:end]
        # "Luka-\nshenko": rejoin a word that a line break cut in two
        while end < size and text[end] == "-" and i < len(matches):
            nstart, nend = matches[i]
            gap = text[end:nstart]
            if gap.strip() == "-" and "\n" in gap and text[nstart].islower():
                raw += text[nstart:nend]
                end = nend
                i += 1
                continue
            break
        cap = _is_cap(raw)
        if cased and not cap and not first.isdigit() and raw.lower() not in NAME_PARTICLES:
            skipped = True
            continue
        forms, variants = word_forms(raw)
        if not forms:
            continue
        brk = HARD if not tokens or skipped else _break(text[previous_end:start], previous_raw)
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < size else ""
        tokens.append(
            Token(
                start,
                end,
                raw,
                forms,
                variants,
                cap=cap,
                initial=len(raw) == 1 and raw.isalpha(),
                brk=brk,
                quoted=before in QUOTES or after in QUOTES,
            )
        )
        previous_end, previous_raw, skipped = end, raw, False
    return tokens, len(matches)


def is_mixed_case(text: str) -> bool:
    """True when the text is mostly lower case, so capitals can mark names."""
    sample = text[:20_000]
    lower = sum(map(str.__ne__, sample, sample.upper()))  # letters that have an upper case
    upper = sum(map(str.__ne__, sample, sample.lower()))
    return lower > 0 and lower > upper // 2
