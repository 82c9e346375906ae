"""References in ownership files: a party of the file or a listed entity by its sanctio id."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sanctio.sources.base import SOURCES

#: Sources whose ids may be used as owners or assets (`ofac-sdn:35096`).
LISTED_SOURCES = frozenset(s for s in SOURCES if s != "ftm")


def is_listed_id(ref: str) -> bool:
    """`ofac-sdn:35096`-shaped: a known list source, a colon and a native id."""
    source, sep, native = ref.partition(":")
    return bool(sep and native) and source in LISTED_SOURCES


def parse_percentage(text: str) -> Decimal | None:
    """`55`, `55.0`, `55,5`, `55%` -> Decimal; "" -> None; ValueError when not a number."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("expected a number of percent from 0 to 100") from None
    if not value.is_finite():
        raise ValueError("expected a number of percent from 0 to 100")
    return value


def check_date(text: str) -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD (time parts dropped); ValueError otherwise."""
    import datetime as dt

    value = text.strip()[:10]
    if not value:
        return ""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            dt.date.fromisoformat(value)
        elif len(parts) == 2:
            dt.date(int(parts[0]), int(parts[1]), 1)
        elif len(parts) == 1 and len(value) == 4:
            dt.date(int(value), 1, 1)
        else:
            raise ValueError
    except ValueError:
        raise ValueError("expected a date YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    return value
