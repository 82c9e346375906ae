"""Date text as the publishers write it -> partial dates (pure).

Covers the forms counted in the real files (see research/formats.md): `07 Oct 1952`,
`Oct 1952`, `1952`, `circa 1960`, `1958 to 1960`, `01 Jan 1961 to 31 Dec 1962`,
`dd/mm/yyyy` with `00` for unknown parts, `mm/yyyy`, ISO with or without a timezone
suffix, `Between 1963 and 1968`, `Approximately 1955-1958`, and enumerations such as
`a) 1969 b) 1970`, `(1) ... (2) ...`, `x >> y`, `x; y`, `x or y`.
"""

from __future__ import annotations

import datetime as dt
import re

from sanctio.model import PartialDate, year_span

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}

_ENUM = re.compile(r"(?:^|\s)(?:\(?[a-z]\)|\(\d{1,2}\)|\d{1,2}\))\s*", re.I)
_SPLIT = re.compile(r"\s*(?:>>|;|\bor\b|\band\b(?!.*\bbetween\b))\s*", re.I)
_APPROX = re.compile(r"\b(?:circa|approximately|approx\.?|about|ca\.)\s*", re.I)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$")
_DMY_SLASH = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_MY_SLASH = re.compile(r"^(\d{1,2})/(\d{4})$")
_DMY_DASH = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_TEXT = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]{3,9})\.?,?\s+(\d{4})$", re.I)
_MDY_TEXT = re.compile(r"^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s*(?:\bto\b|\band\b|-|–|until)\s*(.+)$", re.I)


def parse_single(text: str) -> PartialDate | None:
    """One date in any of the known forms, or None."""
    t = text.strip().strip(".,").strip()
    if not t:
        return None
    try:
        m = _ISO.match(t)
        if m:
            y, mo, d = m.groups()
            return PartialDate(int(y), int(mo) if mo else None, int(d) if d else None)
        m = _DMY_SLASH.match(t) or _DMY_DASH.match(t)
        if m:
            d, mo, y = (int(g) for g in m.groups())
            if mo == 0:
                return PartialDate(y)
            return PartialDate(y, mo, d or None)
        m = _MY_SLASH.match(t)
        if m:
            mo, y = (int(g) for g in m.groups())
            return PartialDate(y, mo or None)
        m = _TEXT.match(t)
        if m and m.group(2).lower() in MONTHS:
            day = int(m.group(1)) if m.group(1) else None
            return PartialDate(int(m.group(3)), MONTHS[m.group(2).lower()], day)
        m = _MDY_TEXT.match(t)
        if m and m.group(1).lower() in MONTHS:
            return PartialDate(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        m = _YEAR.match(t)
        if m:
            return PartialDate(int(m.group(1)))
    except ValueError:
        return None
    return None


def _parse_range(text: str) -> list[PartialDate] | None:
    m = _RANGE.match(text.strip())
    if not m:
        return None
    start, end = parse_single(m.group(1)), parse_single(m.group(2))
    if start is None or end is None:
        return None
    if start.month is None and end.month is None:
        return year_span(start.year, end.year)
    if start.year == end.year and start.month == 1 and end.month == 12 and start.day in (None, 1):
        return [PartialDate(start.year)]
    if end.year - start.year <= 2 and start.month in (None, 1) and end.month in (None, 12):
        return year_span(start.year, end.year)
    return [start, end]


def parse_date_text(text: str) -> list[PartialDate]:
    """All dates a cell or remark value states; raises ValueError when none parses."""
    raw = str(text).replace("\xa0", " ").strip()
    if not raw:
        raise ValueError("empty date")
    chunks = [c for c in _ENUM.split(raw) if c and c.strip()]
    out: list[PartialDate] = []
    failed: list[str] = []
    for chunk in chunks:
        chunk = _APPROX.sub("", chunk).strip()
        single = parse_single(chunk)
        if single is not None:
            found: list[PartialDate] | None = [single]
        else:
            found = _parse_range(chunk)
            if found is None:
                parts = [p for p in _SPLIT.split(chunk) if p.strip()]
                if len(parts) > 1:
                    parsed = [parse_single(_APPROX.sub("", p)) for p in parts]
                    found = [p for p in parsed if p is not None] if all(parsed) else None
        if found is None:
            failed.append(chunk)
            continue
        for d in found:
            if d not in out:
                out.append(d)
    if not out or failed:
        raise ValueError(f"unparseable date: {raw!r}")
    return out


def from_excel(value: dt.datetime | dt.date | int | float) -> PartialDate:
    """An Excel cell that holds a date (datetime) or a serial day number."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if 1000 <= value <= 2999 and float(value).is_integer():
        return PartialDate(int(value))
    day = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    return PartialDate(day.year, day.month, day.day)
