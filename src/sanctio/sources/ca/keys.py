"""Stable native ids for SEMA records, which carry no id of their own (pure).

SEMA's `Item` numbers restart per regime and schedule and are renumbered when the list
changes, so `Item` is no key. A listed party is instead keyed on what identifies it on
the list: its regime and its name (OpenSanctions does much the same with schedule +
country + name, + IMO for ships). The id is `<regime>-<10 hex digits>`:

* `<regime>` is the regime's acronym where the Country field gives one (`jvcfor`), else
  the slug of its English part (`russia`, `south-sudan`): readable, and it keeps one
  regime's ids together.
* the digits are the start of the SHA-1 of the regime plus the name in a canonical
  form (accents and punctuation removed, case folded, words sorted), so re-spacing,
  re-casing, `Surname, Given` vs `Given Surname` and NBSPs do not change the id.
* vessels are keyed on regime + IMO number instead of the name: ships are renamed,
  their IMO number stays.

The id changes when SEMA respells a name or renames a regime; nothing in the file
allows better. Two records with the same regime and name in one file are told apart
by date of birth, then by schedule and item (see `reader`), and a Problem says so.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")
_NON_WORD = re.compile(r"[\W_]+")


def english_part(country: str) -> str:
    """`Syria / Syrie` -> `Syria`; `Venezuela ` -> `Venezuela` (the regime, in English)."""
    text = " ".join(country.replace("\xa0", " ").split())
    return text.split(" / ", 1)[0].strip()


def canonical(text: str) -> str:
    """Accent-free, case-folded words in sorted order: `Al Assad, Asma` -> `al asma assad`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sorted(_NON_WORD.sub(" ", plain).split()))


def regime_code(country: str) -> str:
    """`Justice for Victims ... (JVCFOR) / ...` -> `jvcfor`; `South Sudan` -> `south-sudan`."""
    english = english_part(country)
    m = _ACRONYM.search(english)
    if m:
        return m.group(1).lower()
    return canonical(english).replace(" ", "-") if english else "none"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def party_id(country: str, name: str, *extra: str) -> str:
    """The native id of a person or entity: regime + canonical name (+ tie-breakers)."""
    regime = regime_code(country)
    return f"{regime}-{_digest(regime, canonical(name), *extra)}"


def vessel_id(country: str, imo: str, *extra: str) -> str:
    """The native id of a ship: regime + IMO number (ships change names, not IMO numbers)."""
    regime = regime_code(country)
    return f"{regime}-{_digest(regime, 'imo', re.sub(r'[^0-9]', '', imo), *extra)}"
