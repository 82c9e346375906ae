"""What an OFSI ConList sheet must hold: a `Last Updated` title row, then a known header.

Shared by the CSV and xlsx readers. Columns are mapped by header name, never by
position; the pre-2022 header is renamed to the 2022 names (`NI Number`, free text
there, becomes `National Identification Details`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sanctio.exceptions import FormatError
from sanctio.sources.uk.cells import parse_day

#: Columns both layouts have (formats.md 3.2 and 3.3).
REQUIRED: tuple[str, ...] = (
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB",
    "Town of Birth", "Country of Birth", "Nationality", "Passport Details", "Position",
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type", "Regime",
    "Listed On", "Last Updated", "Group ID",
)  # fmt: skip
_RENAMES = {"NI Number": "National Identification Details"}


def title_date(cells: Sequence[object], path: Path, where: str) -> dt.date:
    """The list's own date from the title row `Last Updated | dd/mm/yyyy`."""
    texts = [t for t in (cell_text(c) for c in cells[:2]) if t]
    if len(texts) < 2 or texts[0].lower() != "last updated":
        raise FormatError(
            str(path), where, f"expected the title row 'Last Updated | dd/mm/yyyy', found {texts!r}"
        )
    day = parse_day(texts[1])
    if day is None:
        raise FormatError(
            str(path), where, f"'Last Updated' date {texts[1]!r}: expected dd/mm/yyyy"
        )
    return day


def header_columns(cells: Sequence[object], path: Path, where: str) -> list[str]:
    """Column names in 2022 terms; raises FormatError naming missing columns."""
    names = [str(c).strip() if c is not None else "" for c in cells]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise FormatError(
            str(path),
            where,
            "expected the OFSI ConList header (Name 6, Name 1, ..., Group ID); missing "
            + ", ".join(missing),
        )
    return [_RENAMES.get(n, n) for n in names]


def cell_text(value: object) -> str:
    """A cell as text: strings stripped, whole numbers without `.0`, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
