"""DFAT cell values (dates of birth, citizenships, enumerations) -> clean values (pure).

The DFAT workbook is hand-edited: one cell can hold `a) 16/03/1966;   b) 30/01/1971`,
`21/09/1964; alt DOB: 1962`, `15 May 1968 (as Yasir ...) 1970 (as Ali ...)`, Hijri dates,
two-digit years and NBSPs. These helpers cut such cells into single values and hand each
one to the shared `sources.dates` parser; what still fails is returned for a Problem.
"""

from __future__ import annotations

import datetime as dt
import re

from sanctio.model import PartialDate
from sanctio.normalize.countries import country_codes
from sanctio.runtime import memo
from sanctio.sources.dates import from_excel, parse_date_text

#: Cell values DFAT uses for "nothing here".
PLACEHOLDERS = frozenset({"", "na", "n/a", "n.a.", "nil", "none", "unknown", "-"})

_ESCAPED_CR = "_x000D_"
_HIJRI = re.compile(r"\S+\s*\(\s*hijri[^)]*\)", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
_ALT = re.compile(r"\balt(?:ernative)?\.?\s*(?:dob|born|date of birth)?\s*:?", re.I)
_FILLER = re.compile(r"\b(?:for\s+)?this aka only\b,?|\bborn\b|\bc\.\s*(?=\d)", re.I)
_YEAR_PAIR = re.compile(r"\b(\d{4})\s*/\s*(\d{4})\b")
_LETTERED = re.compile(r"(?:^|(?<=[\s;,.]))\(?(?:[a-z]|[ivx]{2,4})\)\s*", re.I)
# Separators between whole dates: `;`, `>>`, a comma after a year, runs of spaces, `(`/`)`.
_SEPARATORS = re.compile(r"\s*(?:;|>>|(?<=\d{4})\s*,|,?\s+or\s+|\s{2,}|\n|[()])\s*", re.I)
_LEADING_OR = re.compile(r"^(?:or|and)\s+", re.I)
_DAY_DOT = re.compile(r"^(\d{1,2})\.\s+")
_GLUED = re.compile(r"([a-z])\.(\d)", re.I)
_SLASH_SPACE = re.compile(r"/\s+(?=\d)")
_SHORT_YEAR = re.compile(r"^(\d{1,2})[-/ ]([a-z]{3,9}|\d{1,2})\.?[-/ ](\d{2})$", re.I)
_DASHED = re.compile(r"^(\d{1,2})-([a-z]{3,9})\.?-(\d{4})$", re.I)
_MONTH_SPAN = re.compile(
    r"^between\s+([a-z]{3,9})\.?\s+(?:and|to)\s+([a-z]{3,9})\.?\s+(\d{4})$", re.I
)
#: Two-digit birth years up to this value are read as 20xx, above it as 19xx.
_PIVOT = 25


def text(value: object) -> str:
    """A cell as text: escaped carriage returns removed, NBSP as space, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(_ESCAPED_CR, "").replace("\xa0", " ").strip()


def is_placeholder(value: str) -> bool:
    return value.strip().strip(".").lower() in PLACEHOLDERS


def enumerated(value: str) -> list[str]:
    """`a) X b) Y` -> [X, Y]; a plain value -> [value]; placeholders dropped."""
    parts = [p.strip().strip(";").strip() for p in _LETTERED.split(value)]
    return [p for p in parts if p and not is_placeholder(p)]


def _fix_piece(piece: str) -> str:
    piece = _DAY_DOT.sub(r"\1 ", piece.strip().strip(".,").strip())
    piece = _SLASH_SPACE.sub("/", _GLUED.sub(r"\1. \2", piece))
    m = _DASHED.match(piece)
    if m:
        return f"{m.group(1)} {m.group(2)} {m.group(3)}"
    m = _SHORT_YEAR.match(piece)
    if m:
        yy = int(m.group(3))
        year = 2000 + yy if yy <= _PIVOT else 1900 + yy
        sep = "/" if m.group(2).isdigit() else " "
        return f"{m.group(1)}{sep}{m.group(2)}{sep}{year}"
    return piece


def _month_span(piece: str) -> str | None:
    m = _MONTH_SPAN.match(piece)
    if m:
        return f"{m.group(1)} {m.group(3)}; {m.group(2)} {m.group(3)}"
    return None


def _paren(m: re.Match[str]) -> str:
    # A parenthesis is a date only when it holds a digit and few words ("(Aug. 1961)");
    # otherwise it is a remark ("(as Ali ...)", "(appears in false passport number ...)").
    inner = m.group(1)
    words = re.findall(r"[a-z]{2,}", inner, re.I)
    return f"; {inner};" if re.search(r"\d", inner) and len(words) <= 3 else ";"


def _pieces(value: str) -> list[str]:
    value = _HIJRI.sub(" ", value.replace("\xa0", " ").replace(_ESCAPED_CR, " "))
    value = _PAREN.sub(_paren, value)
    value = _FILLER.sub(" ", _ALT.sub(";", value))
    value = _YEAR_PAIR.sub(r"\1; \2", value)
    out: list[str] = []
    for chunk in _LETTERED.split(value):
        for piece in _SEPARATORS.split(chunk):
            piece = _LEADING_OR.sub("", piece.strip().strip(".,:;").strip())
            if piece and not is_placeholder(piece):
                out.append(piece)
    return out


def parse_dob(value: object) -> tuple[list[PartialDate], list[str]]:
    """Dates a Date of Birth cell states, and the pieces of it that did not parse."""
    if value is None:
        return [], []
    if isinstance(value, dt.date | dt.datetime):
        return [from_excel(value)], []
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return [from_excel(value)], []
        except ValueError:
            return [], [str(value)]
    dates, failed = _parse_text(text(value))
    return list(dates), list(failed)


@memo(4096)
def _parse_text(raw: str) -> tuple[tuple[PartialDate, ...], tuple[str, ...]]:
    # Cached: alias rows repeat their primary row's cell verbatim.
    if is_placeholder(raw):
        return (), ()
    dates: list[PartialDate] = []
    failed: list[str] = []
    for piece in _pieces(raw):
        fixed = _fix_piece(piece)
        try:
            found = parse_date_text(_month_span(fixed) or fixed)
        except ValueError:
            failed.append(piece)
            continue
        dates.extend(d for d in found if d not in dates)
    return tuple(dates), tuple(failed)


_ADDRESS_SPLIT = re.compile(r"\s*;\s*")


def addresses(value: str) -> list[str]:
    """`a) X b) Y` or `X;\nY` -> one string per address; placeholders dropped."""
    out: list[str] = []
    for item in enumerated(value):
        out.extend(p for p in _ADDRESS_SPLIT.split(item) if p and not is_placeholder(p))
    return out


_CITIZEN_SPLIT = re.compile(r"\s+and\s+|/|;", re.I)
_CITIZEN_NOISE = re.compile(r"\([^)]*\)?|\bpossibly\b|\bcitizenship\b.*$", re.I)


def citizenships(value: str) -> tuple[list[str], list[str]]:
    """`a) Afghanistan b) Pakistan`, `Russian and Ukrainian`, `Turkish/Jordanian` -> codes."""
    codes: list[str] = []
    unknown: list[str] = []
    for item in enumerated(value):
        for part in _CITIZEN_SPLIT.split(item):
            part = _CITIZEN_NOISE.sub(" ", part).strip().strip(".,")
            if not part or is_placeholder(part):
                continue
            found, left = country_codes(part)
            codes.extend(c for c in found if c not in codes)
            unknown.extend(u for u in left if u not in unknown)
    return codes, unknown


_LISTED = re.compile(
    r"\b(?:listed|designated)\b.{0,60}?\bon:?\s*"
    r"(\d{1,2}(?:st|nd|rd|th)?\.?\s+[a-z]{3,9}\.?,?\s*\d{4}|\d{1,2}/\d{1,2}/\d{4})",
    re.I,
)
_LEADING_DATE = re.compile(r"^(\d{1,2}\.?\s+[a-z]{3,9}\.?,?\s*\d{4})\b", re.I)


def listing_date(value: object) -> PartialDate | None:
    """The first-listing date in a Listing Information cell (a date cell, or `Listed on ...`)."""
    if isinstance(value, dt.date | dt.datetime):
        return from_excel(value)
    raw = text(value)
    m = _LISTED.search(raw) or _LEADING_DATE.match(raw)
    if m:
        raw = m.group(1)
    elif len(raw) > 20:
        return None
    try:
        found = parse_date_text(_fix_piece(raw))
    except ValueError:
        return None
    return found[0] if len(found) == 1 else None


def control_date(value: object) -> PartialDate | None:
    """A Control Date cell (an Excel date in every row of the 2024 file)."""
    if isinstance(value, dt.date | dt.datetime):
        return from_excel(value)
    raw = text(value)
    if not raw or is_placeholder(raw):
        return None
    try:
        found = parse_date_text(_fix_piece(raw))
    except ValueError:
        return None
    return found[0] if len(found) == 1 else None
