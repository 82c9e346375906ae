"""A screening query, validated on creation so bad input fails early and clearly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sanctio.exceptions import InputError
from sanctio.model import SCHEMAS, PartialDate
from sanctio.normalize import has_control_chars, has_word_chars
from sanctio.normalize.countries import country_code
from sanctio.screening.budget import check_names

MAX_NAME_LENGTH = 1000
MAX_NAMES = 50
QUERY_SCHEMAS: tuple[str, ...] = (*SCHEMAS, "Thing")


@dataclass(frozen=True, slots=True)
class Query:
    """Who to screen: names (any script), optional schema, birth dates, countries, ids."""

    names: tuple[str, ...]
    schema: str | None = None
    birth_dates: tuple[PartialDate, ...] = ()
    nationalities: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()

    @classmethod
    def create(
        cls,
        names: str | Iterable[str],
        *,
        schema: str | None = None,
        birth_dates: Iterable[str | PartialDate] = (),
        nationalities: Iterable[str] = (),
        id_numbers: Iterable[str] = (),
    ) -> Query:
        """Validate and build; raises InputError(field, message) on bad input."""
        raw = [names] if isinstance(names, str) else list(names)
        checked = tuple(_check_name(n) for n in raw)
        if not checked:
            raise InputError("name", "at least one name is required")
        if len(checked) > MAX_NAMES:
            raise InputError("name", f"at most {MAX_NAMES} names per query, got {len(checked)}")
        check_names(checked)
        return cls(
            checked,
            _check_schema(schema),
            tuple(_check_date(d) for d in birth_dates),
            tuple(_check_country(c) for c in nationalities),
            tuple(_check_identifier(i) for i in id_numbers),
        )


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise InputError("name", f"expected text, got {type(name).__name__}")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(
            "name", f"{len(name)} characters is too long; expected at most {MAX_NAME_LENGTH}"
        )
    if has_control_chars(name):
        raise InputError("name", f"control characters are not allowed in a name: {name!r}")
    text = " ".join(name.split())
    if not text:
        raise InputError("name", "empty or whitespace-only; expected a person or entity name")
    if not has_word_chars(text):
        raise InputError("name", f"{text!r} has no letters or digits; expected a name")
    return text


def _check_schema(schema: str | None) -> str | None:
    if schema is None or schema == "":
        return None
    if schema not in QUERY_SCHEMAS:
        known = ", ".join(QUERY_SCHEMAS)
        raise InputError("schema", f"unknown schema {schema!r}; expected one of: {known}")
    return None if schema == "Thing" else schema


def _check_date(value: str | PartialDate) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.from_iso(str(value))
    except ValueError:
        raise InputError(
            "birth_date", f"{value!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


def _check_country(value: str) -> str:
    text = str(value).strip()
    code = country_code(text) if text and not has_control_chars(text) else None
    if code is None:
        raise InputError(
            "nationality", f"unknown country {value!r}; expected an ISO code or country name"
        )
    return code


def _check_identifier(value: str) -> str:
    text = " ".join(str(value).split())
    if not text or len(text) > 100 or has_control_chars(str(value)):
        raise InputError("id_number", f"{value!r}: expected 1-100 printable characters")
    return text
