"""yente query-by-example entities -> sanctio `Query`, validating schema and property names."""

from __future__ import annotations

from typing import Any

from followthemoney import model

from sanctio.api.schemas import EntityExample
from sanctio.exceptions import InputError
from sanctio.model import IDENTIFIER_PROPS, SCHEMAS
from sanctio.runtime import memo
from sanctio.screening.query import Query

NAME_PROPS: tuple[str, ...] = ("name", "alias", "previousName", "weakAlias")
PART_PROPS: tuple[str, ...] = ("firstName", "secondName", "middleName", "fatherName", "lastName")
DATE_PROPS: tuple[str, ...] = ("birthDate",)
COUNTRY_PROPS: tuple[str, ...] = ("nationality", "citizenship", "country", "jurisdiction")
ID_PROPS: tuple[str, ...] = (*IDENTIFIER_PROPS, "callSign")
#: CryptoWallet addresses, screened exactly against the listed wallets.
WALLET_PROPS: tuple[str, ...] = ("publicKey",)
MAX_VALUES = 50
MAX_VALUE_LENGTH = 1000

#: Query.create's field -> the FtM property a client should look at.
_FIELDS = {
    "name": "properties.name",
    "birth_date": "properties.birthDate",
    "nationality": "properties.nationality",
    "id_number": "properties.idNumber",
    "wallet": "properties.publicKey",
    "schema": "schema",
}


@memo(None)
def properties_of(schema: str) -> frozenset[str]:
    found = model.get(schema)
    return frozenset(found.properties) if found is not None else frozenset()


def _values(prop: str, raw: str | list[str]) -> list[str]:
    values = [raw] if isinstance(raw, str) else list(raw)
    if len(values) > MAX_VALUES:
        raise InputError(f"properties.{prop}", f"at most {MAX_VALUES} values, got {len(values)}")
    out: list[str] = []
    for value in values:
        if len(value) > MAX_VALUE_LENGTH:
            raise InputError(
                f"properties.{prop}", f"a value is longer than {MAX_VALUE_LENGTH} characters"
            )
        text = " ".join(value.split())
        if text and text not in out:
            out.append(text)
    return out


def cleaned(example: EntityExample) -> dict[str, list[str]]:
    """Property values as lists, blank ones dropped; unknown schema or property refused."""
    schema = example.schema_
    if schema not in SCHEMAS and schema != "Thing":
        known = ", ".join([*SCHEMAS, "Thing"])
        raise InputError("schema", f"unknown or unscreenable schema {schema!r}; expected {known}")
    allowed = properties_of(schema)
    props: dict[str, list[str]] = {}
    for prop, raw in example.properties.items():
        if prop not in allowed:
            raise InputError(
                f"properties.{prop}", f"{prop!r} is not a FollowTheMoney property of {schema}"
            )
        values = _values(prop, raw)
        if values:
            props[prop] = values
    return props


def _names(props: dict[str, list[str]]) -> list[str]:
    names = [v for p in NAME_PROPS for v in props.get(p, [])]
    parts = [props[p][0] for p in PART_PROPS if props.get(p)]
    if parts:
        names.append(" ".join(parts))
    return names


def to_query(example: EntityExample) -> tuple[Query, dict[str, Any]]:
    """The sanctio query and yente's echo of it; InputError's field is relative to the query."""
    try:
        props = cleaned(example)
        query = Query.create(
            _names(props),
            schema=example.schema_,
            birth_dates=[v for p in DATE_PROPS for v in props.get(p, [])],
            nationalities=[v for p in COUNTRY_PROPS for v in props.get(p, [])],
            id_numbers=[v for p in ID_PROPS for v in props.get(p, [])],
            wallets=[v for p in WALLET_PROPS for v in props.get(p, [])],
        )
    except InputError as exc:
        raise type(exc)(_FIELDS.get(exc.field, exc.field), exc.message) from None
    echo = {"id": example.id, "schema": example.schema_, "properties": props}
    return query, echo
