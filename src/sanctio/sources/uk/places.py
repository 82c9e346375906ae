"""Country text as the UK lists write it -> ISO-like codes, with the UK's own spellings.

`normalize.countries` knows standard names and adjectives; the UK files add their own
forms (`Congo (Democratic Republic)`, `Former USSR now Belarus`, `Afghanistan (previous
address)`), which are resolved here before a value is reported as unknown.
"""

from __future__ import annotations

import re

from sanctio.normalize.countries import country_code
from sanctio.sources.uk.cells import split_numbered

#: Spellings in the UK files that the shared country table does not know.
_ALIASES = {
    "congo (democratic republic)": "cd",
    "occupied palestinian territories": "ps",
    "bosnia-herzegovina": "ba",
    "repubic of moldova": "md",
    "qatarian": "qa",
    "trinadad and tobago": "tt",
    "former yugoslavia": "yucs",
    "ukranian ssr": "su-ua",
    "ukrainian ussr": "su-ua",
}

_NOW = re.compile(r"\b(?:now|currently)\s+(?:the\s+)?([^()]+?)\s*\)?\s*$", re.IGNORECASE)
_PAREN = re.compile(r"\s*\([^()]*\)?")
_PREFIX = re.compile(r"^(?:in|possibly|former)\s+", re.IGNORECASE)
_SUFFIX = re.compile(
    r"\s+(?:citizen(?:ship)?\b.*|national\b.*|by birth|as (?:at|of)\b.*|since\b.*|nationalities)$",
    re.IGNORECASE,
)
_PARTS = re.compile(r"[.,]\s+(?=[A-Z])|;\s*|\s+and\s+")


def _resolve(text: str) -> str | None:
    t = text.strip().strip(".,;").strip()
    if not t:
        return None
    code = country_code(t) or _ALIASES.get(t.lower())
    if code:
        return code
    m = _NOW.search(t)
    if m:
        return _resolve(m.group(1))
    for pattern in (_PAREN, _PREFIX, _SUFFIX):
        shorter = pattern.sub("", t).strip()
        if shorter and shorter != t:
            return _resolve(shorter)
    return None


def uk_country_codes(text: str | None) -> tuple[list[str], list[str]]:
    """Codes for every country a cell names, and the parts that name none."""
    codes: list[str] = []
    unknown: list[str] = []
    for chunk in split_numbered(text):
        whole = _resolve(chunk)
        found: list[tuple[str, str | None]]
        if whole:
            found = [(chunk, whole)]
        else:
            found = [(p, _resolve(p)) for p in _PARTS.split(chunk) if p.strip()]
        for part, code in found:
            if code is None:
                if part not in unknown:
                    unknown.append(part)
            elif code not in codes:
                codes.append(code)
    return codes, unknown
