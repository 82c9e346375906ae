"""SEMA `Aliases` text -> alias names, and bilingual `A/B` names -> both parts (pure).

`Aliases` is one text field: `Air Bagan Holdings Pte. Ltd., Air Bagan Limited`. It is cut
at `, ` and `;` and at the labels OpenSanctions has met in newer files (`(a.k.a.`,
`(also known as`, `ALIAS:`, `Russian:`, `Belarusian:` ...). A piece that is only a legal
form (`Ltd.`, `JSC`, `Inc.`) is glued back to the name before it, so `Foo Co., Ltd.`
stays one name.

For persons SEMA often lists spelling variants of *part* of the name: `Andrei` for
Andrey Igorevich AKIMOV, `PASHENKO` for Natalya Aleksandrovna PASHCHENKO. On their own
such fragments would match every Andrei; so, where the surname is written in capitals
(the Russia and Ukraine style that carries them):

* a capitalised piece (`PASHENKO`) is a surname variant: alias = given names + piece;
* a piece in mixed case that resembles the first given name (`Andrei` ~ `Andrey`,
  `Alexander Alexandrovich` ~ `Aleksandr Aleksandrovich`) is a given-name variant: it
  replaces the leading given names, and the surname is added;
* any other one-word piece (`Motorola`, `Givi`, `Batya`) is a nickname: kept as written
  as a weak alias (matched only exactly), like OFAC's weak a.k.a.s;
* a piece with both (`Oleksii SALYAYEV`, `Igor STRELKOV`) is a full name: kept as is.
"""

from __future__ import annotations

import re

from rapidfuzz.fuzz import ratio

from sanctio.model import clean_text

_LABELS = (
    r"\(a\.k\.a\.?|\(also known as|\ba\.k\.a\.?:?|\bALIAS:"
    r"|\b(?:Arabic|Hebrew|Persian|Farsi|Russian|Ukrainian|Belarusian|Belarussian|Chinese"
    r"|Korean|Burmese|French|English):"
)
_SPLIT = re.compile(rf"\s*(?:,\s+|;\s*|{_LABELS})\s*", re.I)
_LEGAL_FORM = re.compile(
    r"^(?:ltd|limited|inc|llc|llp|plc|co|corp|jsc|ojsc|cjsc|pjsc|ao|oao|zao|pao|ooo|tov|sa|"
    r"s\.a|ag|gmbh|bv|nv|pte|pty|fze|fzco|lp)\.?$",
    re.I,
)
#: Given-name variants score at least this (rapidfuzz ratio) against the given name;
#: nicknames in the 2020 file score at most 44, variants at least 50.
_VARIANT = 50.0


def _balanced(piece: str) -> str:
    piece = piece.strip().strip(";,").strip()
    if piece.endswith(")") and piece.count(")") > piece.count("("):
        piece = piece[:-1].strip()
    if piece.startswith("(") and piece.count("(") > piece.count(")"):
        piece = piece[1:].strip()
    return piece


def split_aliases(text: str) -> list[str]:
    """`A, B; C (a.k.a. D)` -> [A, B, C, D], keeping `Foo Co., Ltd.` whole."""
    out: list[str] = []
    for raw in _SPLIT.split(clean_text(text)):
        piece = _balanced(raw)
        if not piece:
            continue
        if out and _LEGAL_FORM.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
        elif piece not in out:
            out.append(piece)
    return out


def _depth_split(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def bilingual(text: str) -> list[str]:
    """`Iranian Army/Armée iranienne` -> both; a `/` inside brackets does not split."""
    return [p for p in (clean_text(x) for x in _depth_split(clean_text(text), "/")) if p]


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def person_alias(piece: str, given: str, last: str) -> tuple[str, str]:
    """(property, name) for one alias piece of a person (see module docstring)."""
    tokens = piece.split()
    given_tokens = given.split()
    if not _is_caps(last) or not tokens:
        return ("alias" if len(tokens) > 1 else "weakAlias"), piece
    caps = [_is_caps(t) for t in tokens]
    if all(caps):
        return "alias", " ".join([*given_tokens, piece])
    if any(caps):
        return "alias", piece
    if given_tokens and ratio(tokens[0].casefold(), given_tokens[0].casefold()) >= _VARIANT:
        return "alias", " ".join([*tokens, *given_tokens[len(tokens) :], last])
    return ("alias" if len(tokens) > 1 else "weakAlias"), piece
