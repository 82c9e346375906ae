"""DFAT workbook headers -> column positions, for the 2024 and the Nov 2025+ layouts.

Headers are matched by name, ignoring case, spacing, underscores and punctuation, so
`Name of Individual or Entity`, `name_of_individual_or_entity` and `Name  Type ` all
match. Columns are never taken by position: the 2024 sheet has 12 real columns followed
by junk, and the order of the 2025 columns is not confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: Field -> header texts that name it (already in `header_key` form).
FIELDS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "reference number"),
    "name": ("name of individual or entity", "name of individual entity"),
    "type": ("type", "entity type"),
    "name_type": ("name type",),
    "alias_strength": ("alias strength",),
    "dob": ("date of birth",),
    "pob": ("place of birth",),
    "citizenship": ("citizenship",),
    "address": ("address",),
    "info": ("additional information",),
    "listing": ("listing information",),
    "imo": ("imo number", "imo"),
    "committees": ("committees", "committee"),
    "control_date": ("control date",),
    "instrument": ("instrument of designation",),
}

#: Columns without which a row cannot be read.
REQUIRED: tuple[str, ...] = ("reference", "name", "type", "name_type")

#: Header texts as DFAT writes them, for error messages.
REQUIRED_LABELS = "Reference, Name of Individual or Entity, Type, Name Type"

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LOOKUP = {label: fld for fld, labels in FIELDS.items() for label in labels}


def header_key(value: object) -> str:
    """`Name of Individual or Entity` / `name_of_individual_or_entity` -> one key."""
    if value is None:
        return ""
    return _NON_WORD.sub(" ", str(value).replace("\xa0", " ").lower()).strip()


def map_header(cells: Sequence[object]) -> dict[str, int]:
    """Field -> column index for the known headers in one row (first occurrence wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        fld = _LOOKUP.get(header_key(cell))
        if fld is not None and fld not in found:
            found[fld] = index
    return found


def is_header(mapping: dict[str, int]) -> bool:
    return all(fld in mapping for fld in REQUIRED)


def missing(mapping: dict[str, int]) -> list[str]:
    labels = dict(zip(REQUIRED, REQUIRED_LABELS.split(", "), strict=True))
    return [labels[fld] for fld in REQUIRED if fld not in mapping]


def describe(cells: Iterable[object]) -> str:
    """The non-empty cells of a row, quoted, for an error message."""
    shown = [repr(str(c).strip()) for c in cells if c is not None and str(c).strip()]
    return ", ".join(shown[:12]) or "an empty row"
