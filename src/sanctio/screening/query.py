"""A screening query, validated on creation so bad input fails early and clearly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sanctio.exceptions import InputError
from sanctio.model import SCHEMAS, PartialDate
from sanctio.normalize import has_control_chars, has_word_chars
from sanctio.normalize.countries import country_code
from sanctio.normalize.wallets import is_wallet_address
from sanctio.screening.budget import check_names

MAX_NAME_LENGTH = 1000
MAX_NAMES = 50
WALLET_SCHEMA = "CryptoWallet"
QUERY_SCHEMAS: tuple[str, ...] = (*SCHEMAS, "Thing")


@dataclass(frozen=True, slots=True)
class Query:
    """Who to screen: names (any script), optional schema, birth dates, countries, ids;
    or crypto wallet addresses, screened exactly against the listed wallets."""

    names: tuple[str, ...]
    schema: str | None = None
    birth_dates: tuple[PartialDate, ...] = ()
    nationalities: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    wallets: tuple[str, ...] = ()

    @classmethod
    def create(
        cls,
        names: str | Iterable[str],
        *,
        schema: str | None = None,
        birth_dates: Iterable[str | PartialDate] = (),
        nationalities: Iterable[str] = (),
        id_numbers: Iterable[str] = (),
        wallets: Iterable[str] = (),
    ) -> Query:
        """Validate and build; raises InputError(field, message) on bad input. A query
        needs a name or a wallet address (a wallet query has schema CryptoWallet)."""
        raw = [names] if isinstance(names, str) else list(names)
        checked = tuple(_check_name(n) for n in raw)
        addresses = tuple(dict.fromkeys(_check_wallet(w) for w in wallets))
        if len(addresses) > MAX_NAMES:
            raise InputError(
                "wallet", f"at most {MAX_NAMES} addresses per query, got {len(addresses)}"
            )
        if addresses and not checked:
            schema = WALLET_SCHEMA
        if not checked and schema != WALLET_SCHEMA:
            raise InputError("name", "at least one name is required")
        if schema == WALLET_SCHEMA and not addresses:
            raise InputError("wallet", "a CryptoWallet query needs at least one address")
        if len(checked) > MAX_NAMES:
            raise InputError("name", f"at most {MAX_NAMES} names per query, got {len(checked)}")
        check_names(checked)
        return cls(
            checked,
            _check_schema(schema),
            tuple(_check_date(d) for d in birth_dates),
            tuple(_check_country(c) for c in nationalities),
            tuple(_check_identifier(i) for i in id_numbers),
            addresses,
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


def _check_wallet(value: object) -> str:
    text = "".join(str(value).split())
    if not isinstance(value, str) or not is_wallet_address(text):
        raise InputError(
            "wallet", f"{str(value)[:200]!r}: expected an address of 16-128 letters and digits"
        )
    return text
