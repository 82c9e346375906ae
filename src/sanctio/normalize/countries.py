"""Country names, adjectives and codes as lists write them -> ISO-like codes (pure)."""

from __future__ import annotations

import re

from rigour._core import territories_jsonl
from rigour.data import iter_jsonl_text
from rigour.territories import lookup_territory

from sanctio.runtime import memo

_ENUM = re.compile(r"(?:^|\s)(?:\(?[a-z]\)|\(\d{1,2}\)|\d{1,2}\))\s*", re.I)

#: Values lists use that name no country.
_PLACEHOLDERS = {"", "00", "unknown", "na", "n/a", "-0-", "none", "stateless"}


def _ftm_code(code: str, is_ftm: bool, parent: object) -> str | None:
    """FollowTheMoney accepts only its own country codes: a subdivision outside them (a US
    state, a Russian region) counts as its country; a defunct territory (Netherlands
    Antilles) as unknown rather than as a guess at its successor."""
    if is_ftm:
        return code
    if "-" in code and parent:
        return str(parent)
    return None


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


@memo(None)
def _names() -> dict[str, str]:
    """Codes and strong names of every territory (0.2 s, against ~3-8 s for the first
    fuzzy `lookup_territory`, which is kept as the fallback for adjectives and odd forms)."""
    mapping: dict[str, str] = {}
    for data in iter_jsonl_text(territories_jsonl()):
        code = _ftm_code(str(data["code"]), bool(data.get("is_ftm")), data.get("parent"))
        if code is None:
            continue
        names = [code, data.get("alpha3"), data.get("name"), data.get("full_name")]
        names += list(data.get("names_strong") or [])
        for name in names:
            if name:
                mapping.setdefault(_key(str(name)), code)
    return mapping


@memo(8192)
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
    if territory is None:
        return None
    parent = territory.parent.code if territory.parent is not None else None
    return _ftm_code(territory.code, territory.is_ftm, parent)


def warm() -> None:
    """Build both lookup tables now (~2-3 s, rigour's the bulk): a process about to fork
    workers that read lists calls this once, and the workers share the tables."""
    _names()
    lookup_territory("")


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
