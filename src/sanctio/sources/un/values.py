"""UN consolidated list field values -> dates, country codes and document kinds (pure)."""

from __future__ import annotations

import re

from sanctio.model import PartialDate, year_span
from sanctio.normalize.countries import country_code
from sanctio.sources.dates import MONTHS, parse_date_text

#: Values the UN writes where it knows no country; dropped without a problem.
PLACEHOLDERS = {"", "na", "n/a", "unknown", "none", "-"}

_PAREN = re.compile(r"\([^)]*\)")
_PARTS = re.compile(r"\s*(?:/|;|,|\bor\b|\band\b)\s*", re.I)
_PASSPORT = re.compile(r"pass(?:port|eport)|pasaporte", re.I)
_MONTHS_BETWEEN = re.compile(r"^between\s+([a-z]+)\.?\s+and\s+([a-z]+)\.?\s+(\d{4})\.?$", re.I)
_APPROX_NOTES = {"approximately", "approx.", "approx", "circa"}


def un_date(text: str) -> PartialDate:
    """`1963-04-11`, `2015-04-14-04:00` (xs:date with offset) or `1980` -> a partial date."""
    return PartialDate.from_iso(text.strip()[:10])


def year(text: str) -> int:
    value = text.strip()
    if not (len(value) == 4 and value.isdigit()):
        raise ValueError(f"not a year: {text!r}")
    return int(value)


def note_dates(note: str) -> list[PartialDate]:
    """A DOB written only as a note (`Nov. 1973`, `Between Aug. and Sep. 1977`)."""
    m = _MONTHS_BETWEEN.match(note.strip())
    if m:
        first, last = MONTHS.get(m.group(1).lower()), MONTHS.get(m.group(2).lower())
        if first is not None and last is not None:
            y = int(m.group(3))
            return [PartialDate(y, first), PartialDate(y, last)]
    return parse_date_text(note)


def is_approximate_note(note: str) -> bool:
    """Notes such as `Approximately` only qualify the date beside them."""
    return note.strip().lower() in _APPROX_NOTES


def dob_dates(kind: str, date: str, yr: str, from_yr: str, to_yr: str) -> list[PartialDate]:
    """Dates of one INDIVIDUAL_DATE_OF_BIRTH from its children; raises ValueError if bad."""
    if kind.upper() == "BETWEEN" or (from_yr and to_yr):
        return year_span(year(from_yr), year(to_yr))
    out: list[PartialDate] = []
    if date:
        out.append(un_date(date))
    if yr:
        out.append(PartialDate(year(yr)))
    return out


def countries(text: str) -> tuple[list[str], list[str]]:
    """A country value -> codes and unmapped leftovers.

    Tries the whole value, then without parenthesised remarks (`Libya (in custody)`),
    then each part of `Sudan/South Sudan`-style pairs.
    """
    value = text.strip()
    if value.lower() in PLACEHOLDERS:
        return [], []
    code = country_code(value)
    if code is not None:
        return [code], []
    base = _PAREN.sub(" ", value).strip()
    code = country_code(base) if base else None
    if code is not None:
        return [code], []
    parts = [p for p in _PARTS.split(base) if p.strip()]
    codes = [c for c in (country_code(p) for p in parts) if c is not None]
    if len(parts) > 1 and len(codes) == len(parts):
        return list(dict.fromkeys(codes)), []
    return [], [value]


def document_prop(kind: str, kind2: str) -> str:
    """`passportNumber` for passports (English, French, Spanish labels), else `idNumber`."""
    label = kind or kind2
    return "passportNumber" if _PASSPORT.search(label) else "idNumber"
