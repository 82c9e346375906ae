"""Cell text as the UK lists write it: numbered multi-values, identifiers, dd/mm/yyyy dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sanctio.model import PartialDate, clean_text
from sanctio.runtime import memo
from sanctio.sources.dates import parse_date_text

# `(1)`, `1)`, `a)`, `(b)`, and ranges such as `(1-3)`; `-(2)` occurs after `(1)` in 2018.
_MARKER = re.compile(
    r"(?:^|(?<=[\s.,;:\-]))\(?(?:\d{1,2}|[a-z])(?:\s*-\s*\(?\d{1,2})?\)", re.IGNORECASE
)
_STARTS_NUMBERED = re.compile(r"^\s*-?\(?(?:\d{1,2}|[a-z])(?:\s*-\s*\(?\d{1,2})?\)", re.IGNORECASE)
_ALNUM = re.compile(r"\w")
# An identifier inside free text: one token holding at least four digits.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/\-.]*")
_DIGITS = re.compile(r"\d")
_DATE_LIKE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|^(?:19|20)\d{2}$")
_MASK = re.compile(r"\b(?:dd|mm)(?=/)", re.IGNORECASE)
_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def split_numbered(text: str | None) -> list[str]:
    """`(1) Germany. (2) Morocco` -> [`Germany`, `Morocco`]; unnumbered text stays whole."""
    value = clean_text(text)
    if not value:
        return []
    if not _STARTS_NUMBERED.match(value):
        return [value]
    out: list[str] = []
    for chunk in _MARKER.split(value):
        chunk = chunk.strip(" .,;-")
        if _ALNUM.search(chunk) and chunk not in out:
            out.append(chunk)
    return out


def party_names(text: str | None) -> list[str]:
    """Names of related parties: numbered, or separated by semicolons."""
    out: list[str] = []
    for chunk in split_numbered(text):
        for part in chunk.split(";"):
            part = part.strip(" .,")
            if part and part not in out:
                out.append(part)
    return out


def id_tokens(text: str | None) -> list[str]:
    """Identifier-looking tokens in free text (`Passport No: 592667 (Qatari ...)` -> 592667).

    A token counts when it has at least four digits and is not a date or a bare year, so
    issue dates and places around the number are left out.
    """
    out: list[str] = []
    for token in _TOKEN.findall(clean_text(text)):
        token = token.rstrip(".-/")
        if len(_DIGITS.findall(token)) < 4 or _DATE_LIKE.match(token):
            continue
        if token not in out:
            out.append(token)
    return out


def uk_dates(text: str) -> list[PartialDate]:
    """Dates of birth and similar: `00/00/1980`, `dd/mm/1957`, `09/1962`, `1951`.

    Raises ValueError when the text holds no date (callers record a Problem).
    """
    return list(_cached_dates(text))


@memo(8192)
def _cached_dates(text: str) -> tuple[PartialDate, ...]:
    # The same listing and birth dates recur across thousands of rows.
    return tuple(parse_date_text(_MASK.sub("00", text)))


def parse_day(text: str | None) -> dt.date | None:
    """A full `dd/mm/yyyy` day (list metadata such as `Last Updated`); None otherwise."""
    m = _DAY.match(clean_text(text))
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def display_name(parts: Sequence[str | None]) -> str:
    """Name parts in list order (`Name 1` ... `Name 5`, then `Name 6`) joined by spaces."""
    return clean_text(" ".join(p for p in parts if p))
