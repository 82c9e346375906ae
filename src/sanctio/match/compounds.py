"""Words written joined in one list and split in another (NAMSAN / NAM SAN, CHONGCHONGANG /
CHONG CHON GANG): extra query forms that meet the listed spelling.

A hyphen already joins both ways (`normalize.names.joined_hyphens`: NAM-SAN meets NAMSAN
and NAM SAN). Without one, two or three adjacent words of a query (of JOIN_MIN letters or
more) are joined when the joined word is a listed word, and a query word is split in two
when both halves are listed short words
(syllables of SPLIT_MIN to SPLIT_LETTERS letters: NAMSAN -> NAM SAN, HONGPANG -> HONG PANG)
and the word itself is not listed (a word the lists know is taken as written).
Asking the lists' vocabulary keeps the forms few: most queries get none. In persons' names
words join the same way (AGHA JANI: AGHAJANI) but syllables of Korean and Chinese names
do not, and no word splits (see `compound_forms`); a Persian compound given name written
apart in Arabic script joins by its own rule (`compound_given`).
"""

from __future__ import annotations

from collections.abc import Callable

from sanctio.match.prepared import GLUED_PARTICLES, GLUED_SON_OF, Form
from sanctio.match.tokens import LEADING_PARTICLES, is_weak_token
from sanctio.normalize.abjad import is_abjad
from sanctio.normalize.syllables import is_syllable

#: Longest and shortest half of a split word: syllables of Korean and Chinese names
#: (NAM SAN), not a stray letter pair (SMITH is no SM ITH).
SPLIT_LETTERS = 4
SPLIT_MIN = 3
#: Most adjacent words joined into one listed word (CHONG CHON GANG: CHONGCHONGANG).
JOIN_WORDS = 3
#: Fewest letters of each word joined: a single letter is an initial or a piece of an
#: abbreviation (the S of S.Coop. in "Finanzas RT S.Coop." is no part of RTS-KHOLDING).
JOIN_MIN = 2


def compound_forms(
    forms: list[Form], listed: Callable[[str], bool], person: bool = False
) -> list[Form]:
    """Forms of these name forms with two adjacent words joined into a listed word, or a
    word split into two listed syllables; new forms only. A `person`'s words join only
    where one is no Mandarin or Korean syllable (AGHA JANI: AGHAJANI, SALEH-NEJAD:
    SALEHNEJAD), and never split: the syllables of a Korean or Chinese person's name
    follow their own rules (names.py: SYLLABLE_CONFLICT), which a joined Kim Yeongjin would
    escape."""
    have = {tokens for _, tokens, _ in forms}
    out: list[Form] = []
    for text, tokens, _ in forms:
        for variant in _variants(tokens, listed, person):
            if variant not in have:
                have.add(variant)
                out.append((text, variant, ()))
    return out


def _variants(
    tokens: tuple[str, ...], listed: Callable[[str], bool], person: bool
) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    joinable = [w.isalpha() and len(w) >= JOIN_MIN for w in tokens]
    count = len(tokens)
    for i in range(count - 1):
        if not joinable[i]:
            continue
        joined = tokens[i]
        # Runs of 2 to JOIN_WORDS joinable words from i: words i..end.
        for end in range(i + 1, min(i + JOIN_WORDS, count)):
            if not joinable[end]:
                break
            joined += tokens[end]
            # The vocabulary first: most runs join into no listed word.
            if not listed(joined) or (person and all(map(is_syllable, tokens[i : end + 1]))):
                continue
            out.append((*tokens[:i], joined, *tokens[end + 1 :]))
    for i, t in enumerate(() if person else tokens):
        if not t.isalpha() or not 2 * SPLIT_MIN <= len(t) <= 2 * SPLIT_LETTERS or listed(t):
            continue
        for k in range(SPLIT_MIN, len(t) - SPLIT_MIN + 1):
            a, b = t[:k], t[k:]
            if len(a) <= SPLIT_LETTERS and len(b) <= SPLIT_LETTERS and listed(a) and listed(b):
                out.append((*tokens[:i], a, b, *tokens[i + 1 :]))
                break
    return out


#: Words that never start a compound given name (particles, the article, bin).
_NOT_COMPOUND = GLUED_PARTICLES | GLUED_SON_OF | LEADING_PARTICLES


def compound_given(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """A Persian compound given name written apart in Arabic script (علی اصغر نوروزی) and
    as one word in Latin (ALIASGHAR, GHOLAMHOSSEIN, MOHAMMADREZA): the name with its first
    two words joined, for names of three words or more; None otherwise. A query form
    only where the joined word is listed (match.query.prepare_query): joined, two words
    the lists lack would cost as one."""
    if len(tokens) < 3 or not (tokens[0].isalpha() and tokens[1].isalpha()):
        return None
    if tokens[0] in _NOT_COMPOUND or tokens[1] in _NOT_COMPOUND:
        return None
    return (tokens[0] + tokens[1], *tokens[2:])


def persian_given_forms(forms: list[Form]) -> list[Form]:
    """Arabic-script person names' forms with a compound given name joined
    (compound_given); match.query keeps those whose joined word the lists know."""
    out: list[Form] = []
    for text, tokens, _ in forms:
        joined = compound_given(tokens) if is_abjad(text) else None
        if joined is not None and all(joined != f[1] for f in out):
            out.append((text, joined, ()))
    return out


#: Most words of an Arabic-script organisation name whose neighbours are tried joined.
JOIN_ABJAD_WORDS = 8


def persian_compound_forms(forms: list[Form]) -> list[tuple[Form, str]]:
    """Arabic-script organisation names' forms with two adjacent words joined, each with
    its joined word: Persian writes a compound apart (موتر سازی, ماشین سازی) that a Latin
    list writes as one word (MOTORSAZI, MASHINSAZI). match.query keeps the forms whose
    joined word meets a listed one; names of more than JOIN_ABJAD_WORDS words get none."""
    out: list[tuple[Form, str]] = []
    seen: set[tuple[str, ...]] = set()
    for text, tokens, _ in forms:
        if not is_abjad(text) or len(tokens) > JOIN_ABJAD_WORDS:
            continue
        for i in range(len(tokens) - 1):
            a, b = tokens[i], tokens[i + 1]
            if not (_joinable(a) and _joinable(b)):
                continue
            joined = (*tokens[:i], a + b, *tokens[i + 2 :])
            if joined not in seen:
                seen.add(joined)
                out.append(((text, joined, ()), a + b))
    return out


def _joinable(token: str) -> bool:
    """A word of a Persian compound: letters, no particle, article or legal form."""
    return token.isalpha() and token not in _NOT_COMPOUND and not is_weak_token(token)
