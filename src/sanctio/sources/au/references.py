"""DFAT rows -> one group of name rows per listed party, keyed on the Reference number.

DFAT writes one row per name: the primary row's Reference is a number (`2`) and every
other name of the same party repeats it with a suffix (`2a`, `300aa`, `34c1`). The
entity key is the leading integer. Rows of one party are normally contiguous. When a
number comes back after other references (`2940` in the 2024-11-11 file: `2940`-`2940i`,
then `2940j` 186 rows later), two things can have happened, and the rows tell which:

* the later block has no Primary Name row: it is a stray name of the same party (2940j
  "Chernomorneftegaz CJSC" is an alias of 2940 "Chernomorneftegaz"). It is merged into
  that party, and a Problem records the gap.
* the later block has its own Primary Name row: DFAT has reused the number for another
  party (OpenSanctions has seen this). It becomes a separate entity `<n>-2`, `<n>-3`, ...
  and a Problem says so, so that no unrelated names are merged under one id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sanctio.sources.base import ProblemLog

_SPACE = re.compile(r"\s+")

#: Name Type values (lower-cased, single-spaced) -> FollowTheMoney name property.
NAME_TYPES: dict[str, str] = {
    "primary name": "name",
    "primary": "name",
    "aka": "alias",
    "a.k.a.": "alias",
    "a.k.a": "alias",
    "alias": "alias",
    "also known as": "alias",
    "original script": "alias",
    "formerly known as": "previousName",
    "previously listed as": "previousName",
    "fka": "previousName",
    "f.k.a.": "previousName",
}


def name_type(value: object) -> str:
    """`Primary Name `, `primary name`, `AKA` -> `primary name`, `aka`."""
    return _SPACE.sub(" ", str(value or "").replace("\xa0", " ")).strip().lower()


@dataclass(frozen=True, slots=True)
class Row:
    """One name row: its sheet row number, raw Reference, entity key and cells by field."""

    number: int
    reference: str
    key: int
    values: dict[str, object]

    def get(self, fld: str) -> object:
        return self.values.get(fld)

    @property
    def is_primary(self) -> bool:
        return NAME_TYPES.get(name_type(self.values.get("name_type"))) == "name"


@dataclass(slots=True)
class Listing:
    """All name rows of one listed party, under its native id (`2940`, or `2940-2`)."""

    native_id: str
    rows: list[Row] = field(default_factory=list)


def _blocks(rows: Iterable[Row]) -> list[list[Row]]:
    blocks: list[list[Row]] = []
    for row in rows:
        if blocks and blocks[-1][0].key == row.key:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def group(rows: Iterable[Row], log: ProblemLog, sheet: str) -> list[Listing]:
    """Contiguous blocks of one Reference number -> listings (see module docstring)."""
    listings: list[Listing] = []
    by_key: dict[int, list[Listing]] = {}
    for block in _blocks(rows):
        first = block[0]
        earlier = by_key.get(first.key)
        if earlier is None:
            listing = Listing(str(first.key), list(block))
            by_key[first.key] = [listing]
            listings.append(listing)
            continue
        where = f"{sheet}!row {first.number}"
        previous = earlier[-1]
        if any(r.is_primary for r in block):
            native_id = f"{first.key}-{len(earlier) + 1}"
            log.add(
                where,
                "Reference",
                first.reference,
                f"reference {first.key} is used again after other references, with its own "
                f"Primary Name; read as a separate party with id {native_id}",
            )
            listing = Listing(native_id, list(block))
            earlier.append(listing)
            listings.append(listing)
        else:
            log.add(
                where,
                "Reference",
                first.reference,
                f"reference {first.key} continues here after other references (first block "
                f"at row {previous.rows[0].number}); its {len(block)} row(s) carry no Primary "
                f"Name, so they are merged into {previous.native_id}",
            )
            previous.rows.extend(block)
    return listings
