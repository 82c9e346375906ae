"""Country names, adjectives and codes as lists write them -> ISO-like codes (pure)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rigour._core import territories_jsonl
from rigour.data import iter_jsonl_text
from rigour.territories import lookup_territory

_ENUM = re.compile(r"(?:^|\s)(?:\(?[a-z]\)|\(\d{1,2}\)|\d{1,2}\))\s*", re.I)

#: Values lists use that name no country.
_PLACEHOLDERS = {"", "00", "unknown", "na", "n/a", "-0-", "none", "stateless"}


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


@cache
def _names() -> dict[str, str]:
    """Codes and strong names of every territory (0.2 s, against ~3-8 s for the first
    fuzzy `lookup_territory`, which is kept as the fallback for adjectives and odd forms)."""
    mapping: dict[str, str] = {}
    for data in iter_jsonl_text(territories_jsonl()):
        # FollowTheMoney accepts only its own country codes: a territory outside them
        # (Netherlands Antilles, a US state) counts as its parent.
        code = str(data["code"]) if data.get("is_ftm") else str(data.get("parent") or "")
        if not code:
            continue
        names = [code, data.get("alpha3"), data.get("name"), data.get("full_name")]
        names += list(data.get("names_strong") or [])
        for name in names:
            if name:
                mapping.setdefault(_key(str(name)), code)
    return mapping


@lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """`Russia`, `Russian Federation`, `German`, `RU` -> `ru`; None when unknown."""
    t = text.replace("\xa0", " ").strip().strip(".,;").strip()
    if t.lower() in _PLACEHOLDERS:
        return None
    # Bilingual regime-style values ("Syria / Syrie"): the English part comes first.
    if " / " in t:
        t = t.split(" / ", 1)[0].strip()
    fast = _names().get(_key(t))
    if fast is not None:
        return fast
    territory = lookup_territory(t)
    return territory.ftm_country if territory is not None else None


def country_codes(text: str) -> tuple[list[str], list[str]]:
    """Split an enumerated cell (`(1) Germany. (2) Morocco`) into codes and leftovers."""
    codes: list[str] = []
    unknown: list[str] = []
    for chunk in _ENUM.split(text):
        for part in re.split(r"\s*[;,]\s*(?=[A-Z(])|\s{2,}", chunk):
            part = part.strip().strip(".").strip()
            if not part or part.lower() in _PLACEHOLDERS:
                continue
            code = country_code(part)
            if code is None:
                unknown.append(part)
            elif code not in codes:
                codes.append(code)
    return codes, unknown
