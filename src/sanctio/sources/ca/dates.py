"""SEMA date text -> partial dates (pure).

2020 files use ISO (`1977-06-19`, `1944`, `1964-03`, `x or y`). Since 2025 SEMA also
writes `24-02-2022` (`%d-%m-%Y`), `Feb-22` (`%b-%y`) and bare Excel serial day numbers
(`19575` = 1953-08-04, counted from 1899-12-30 as Excel does).
"""

from __future__ import annotations

import re

from sanctio.model import PartialDate
from sanctio.sources.dates import MONTHS, from_excel, parse_date_text

_SERIAL = re.compile(r"^\d{5}$")
_MON_YY = re.compile(r"^(?:(\d{1,2})-)?([a-z]{3,9})\.?-(\d{2})$", re.I)
#: Two-digit years of births and ship builds up to this are 20xx, above it 19xx;
#: listing dates are always 20xx (SEMA starts in 1992 but `%b-%y` appears only in 2025).
_PIVOT = 30


def parse_sema_date(text: str, *, listing: bool = False) -> list[PartialDate]:
    """All dates a SEMA date field states; raises ValueError when it cannot."""
    value = " ".join(text.replace("\xa0", " ").split())
    if _SERIAL.match(value):
        return [from_excel(int(value))]
    m = _MON_YY.match(value)
    if m and m.group(2).lower() in MONTHS:
        yy = int(m.group(3))
        year = 2000 + yy if listing or yy <= _PIVOT else 1900 + yy
        day = int(m.group(1)) if m.group(1) else None
        return [PartialDate(year, MONTHS[m.group(2).lower()], day)]
    return parse_date_text(value)
