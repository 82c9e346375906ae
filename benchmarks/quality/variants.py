"""Pure name rewrites for benchmark queries: typos, reordering, dropped middles, legal forms."""

from __future__ import annotations

import random
import re
import unicodedata

_LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: Equivalent spellings of common legal forms (any may replace any other in its row).
LEGAL_FORMS: tuple[tuple[str, ...], ...] = (
    ("LLC", "LIMITED LIABILITY COMPANY", "OOO", "L.L.C."),
    ("JSC", "JOINT STOCK COMPANY", "AO", "J.S.C."),
    ("PJSC", "PUBLIC JOINT STOCK COMPANY", "PAO"),
    ("OJSC", "OPEN JOINT STOCK COMPANY", "OAO"),
    ("CJSC", "CLOSED JOINT STOCK COMPANY", "ZAO"),
    ("LTD", "LIMITED", "LTD.", "CO. LTD"),
    ("CO", "COMPANY", "CO."),
    ("CORP", "CORPORATION", "CORP."),
    ("INC", "INCORPORATED", "INC."),
    ("GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"),
    ("FZE", "FREE ZONE ESTABLISHMENT"),
    ("FZCO", "FREE ZONE COMPANY"),
)
_FORM_RE = [
    (row, re.compile(r"(?<![\w.])(" + "|".join(re.escape(v) for v in row) + r")(?![\w])", re.I))
    for row in LEGAL_FORMS
]


def is_latin(text: str) -> bool:
    """True when every letter is Latin (so transliteration is not what is being tested)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def has_non_latin(text: str) -> bool:
    """True when at least half the letters are of a non-Latin script (Cyrillic, Arabic...)."""
    letters = [ch for ch in text if ch.isalpha()]
    other = [ch for ch in letters if not unicodedata.name(ch, "").startswith("LATIN")]
    return bool(letters) and len(other) * 2 >= len(letters)


def typo(name: str, rng: random.Random, edits: int = 1) -> str:
    """Apply `edits` random single-character edits inside words of 4+ letters."""
    words = name.split(" ")
    for _ in range(edits):
        choices = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
        if not choices:
            break
        i = rng.choice(choices)
        w = words[i]
        pos = [j for j, c in enumerate(w) if c.isalpha()]
        j = rng.choice(pos[1:] or pos)
        letter = rng.choice(_LETTERS)
        letter = letter.upper() if w[j].isupper() else letter
        op = rng.choice(("sub", "del", "ins", "swap"))
        if op == "sub":
            alt = [c for c in _LETTERS if c != w[j].lower()]
            letter = rng.choice(alt)
            w = w[:j] + (letter.upper() if w[j].isupper() else letter) + w[j + 1 :]
        elif op == "del":
            w = w[:j] + w[j + 1 :]
        elif op == "ins":
            w = w[:j] + letter + w[j:]
        elif j + 1 < len(w) and w[j + 1].isalpha() and w[j + 1] != w[j]:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        else:
            w = w[:j] + w[j + 1 :]
        words[i] = w
    return " ".join(words)


def reorder(name: str) -> str | None:
    """ "LAST, First Middle" -> "First Middle LAST"; "First Last" -> "Last First"."""
    if name.count(",") == 1:
        family, given = (p.strip() for p in name.split(","))
        return f"{given} {family}" if family and given else None
    words = name.split()
    if len(words) < 2:
        return None
    return " ".join([words[-1], *words[:-1]])


def drop_middle(name: str) -> str | None:
    """Drop middle names and patronymics: keep the family name and the first given name."""
    if name.count(",") == 1:
        family, given = (p.strip() for p in name.split(","))
        parts = given.split()
        if len(parts) < 2:
            return None
        return f"{family}, {parts[0]}"
    words = name.split()
    if len(words) < 3:
        return None
    return f"{words[0]} {words[-1]}"


def swap_legal_form(name: str, rng: random.Random) -> str | None:
    """Write the company's legal form another way (LLC -> OOO...), or drop it."""
    for row, pattern in _FORM_RE:
        match = pattern.search(name)
        if match is None:
            continue
        found = match.group(1).upper()
        others = [v for v in row if v != found] + [""]
        repl = rng.choice(others)
        out = " ".join((name[: match.start()] + repl + name[match.end() :]).split())
        return out.strip(" ,") or None
    return None
