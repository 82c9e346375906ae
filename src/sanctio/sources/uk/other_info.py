"""The `(Key):value` grammar of OFSI's `Other Information` cell (2022 format).

Only keys OFSI actually uses start a new field: free text also contains `(2022):` or
`(United States of America):`, which stay part of the value around them.
"""

from __future__ import annotations

import re

#: Keys seen in the 2023 and 2025 ConList files (formats.md 3.3), lower-cased.
KNOWN_KEYS: frozenset[str] = frozenset(
    {
        "uk sanctions list ref",
        "uk statement of reasons",
        "un ref",
        "gender",
        "phone number",
        "email address",
        "type of entity",
        "website",
        "parent company",
        "business reg no",
        "subsidiaries",
        "imo number",
        "type of ship",
        "flag of ship",
        "tonnage of ship",
        "length of ship",
        "year built",
        "current owners",
        "fax",
        "previous flags",
    }
)

_KEY = re.compile(r"\(([^()]{1,40})\)\s*:")
_UK_REF = re.compile(r"\b[A-Z]{3}\d{4}\b")
# `QDi.028`, `CDi. 038`, `QDE.145`, and pre-2022 forms such as `QE.A.146.14`.
_UN_REF = re.compile(r"^\s*([A-Z]{2}[A-Za-z]?(?:\.[A-Z])?\.\s?\d+(?:\.\d+)*)")
_UN_LABEL = re.compile(r"\bUN\s+Ref\b[\s.:]*", re.IGNORECASE)
_FIRST_TOKEN = re.compile(r"^\s*([^\s,;]+)")


def parse_other_info(text: str) -> list[tuple[str, str]]:
    """`(Key):value` pairs in order; text before the first key comes with key `""`."""
    pairs: list[tuple[str, str]] = []
    key = ""
    start = 0
    for m in _KEY.finditer(text):
        name = m.group(1).strip().lower()
        if name not in KNOWN_KEYS:
            continue
        pairs.append((key, text[start : m.start()].strip()))
        key, start = name, m.end()
    pairs.append((key, text[start:].strip()))
    return [(k, v) for k, v in pairs if v or k]


def uk_refs(value: str) -> list[str]:
    """`RUS0251. Financial sanctions ...` -> [`RUS0251`]; `BEL0045 and GHR0050` -> both."""
    head = value.split(". ", 1)[0]
    refs = _UK_REF.findall(head)
    if refs:
        return refs
    m = _FIRST_TOKEN.match(head)
    return [m.group(1).rstrip(".")] if m else []


def un_ref(value: str) -> str | None:
    """`QDi.028. Apprehended ...` -> `QDi.028`; `CDi. 038.` -> `CDi.038`."""
    m = _UN_REF.match(value)
    if not m:
        return None
    return m.group(1).replace(" ", "").rstrip(".")


def un_refs_in_text(text: str) -> list[str]:
    """UN references named in free text (`UN Ref QDe.004.`, `UN REF:QE.A.146.14`)."""
    out: list[str] = []
    for m in _UN_LABEL.finditer(text):
        ref = un_ref(text[m.end() :])
        if ref and ref not in out:
            out.append(ref)
    return out
