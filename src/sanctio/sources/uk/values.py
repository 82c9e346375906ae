"""Put UK list values into FtM properties: schema checks, countries, dates, contacts, ids."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sanctio.model import EntityBuilder
from sanctio.sources.base import ProblemLog
from sanctio.sources.uk.cells import id_tokens, split_numbered, uk_dates
from sanctio.sources.uk.places import uk_country_codes

#: `Group Type` (OFSI) / `IndividualEntityShip` (FCDO), lower-cased -> FtM schema.
SCHEMA_BY_TYPE = {"individual": "Person", "entity": "LegalEntity", "ship": "Vessel"}

_COMMON = frozenset(
    [
        "name",
        "alias",
        "weakAlias",
        "previousName",
        "notes",
        "program",
        "programId",
        "createdAt",
        "modifiedAt",
        "topics",
        "publisher",
        "sourceUrl",
        "address",
        "country",
    ]
)
_LEGAL = _COMMON | frozenset(
    [
        "idNumber",
        "registrationNumber",
        "innCode",
        "ogrnCode",
        "taxNumber",
        "phone",
        "email",
        "website",
        "legalForm",
    ]
)
_PERSON = _LEGAL | frozenset(
    [
        "firstName",
        "lastName",
        "title",
        "birthDate",
        "birthPlace",
        "birthCountry",
        "nationality",
        "gender",
        "passportNumber",
        "position",
    ]
)
_VESSEL = _COMMON | frozenset(
    ["imoNumber", "flag", "pastFlags", "type", "tonnage", "buildDate", "registrationNumber"]
)
#: The FtM properties each schema takes, of those the UK readers write.
ALLOWED: dict[str, frozenset[str]] = {"LegalEntity": _LEGAL, "Person": _PERSON, "Vessel": _VESSEL}

_INN = re.compile(r"\bINN\b\D{0,6}(\d{12}|\d{10})\b")
_OGRN = re.compile(r"\bOGRN\b\D{0,6}(\d{15}|\d{13})\b")
_TAX = re.compile(r"\b(?:TIN|Tax\s+ID(?:\s+No\.?)?)\b\D{0,6}(\d[\d\-]{4,}\d)\b", re.IGNORECASE)
_CONTACT_SPLIT = re.compile(r"\s+|[,;]\s*")
_PHONE_SPLIT = re.compile(r"[;,]\s*|\.\s+(?=[+\d(])")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_GENDERS = {"male": "male", "female": "female", "m": "male", "f": "female"}


def put(b: EntityBuilder, prop: str, *values: object) -> None:
    """Add values when the entity's schema has the property; others are left out."""
    if prop in ALLOWED.get(b.schema, _COMMON):
        b.add(prop, *values)


def put_countries(
    b: EntityBuilder, prop: str, text: str | None, log: ProblemLog, where: str, field: str
) -> None:
    """Country codes for every country a cell names; unknown names become problems."""
    if not text or prop not in ALLOWED.get(b.schema, _COMMON):
        return
    codes, unknown = uk_country_codes(text)
    b.add(prop, *codes)
    for part in unknown:
        log.add(where, field, part, "no country of that name; expected a country name or code")


def put_dates(
    b: EntityBuilder, prop: str, text: str | None, log: ProblemLog, where: str, field: str
) -> None:
    """Partial dates from `dd/mm/yyyy` (with `00` or `dd`/`mm` masks), `mm/yyyy`, `yyyy`."""
    if not text or prop not in ALLOWED.get(b.schema, _COMMON):
        return
    try:
        b.add(prop, *uk_dates(text))
    except ValueError:
        log.add(where, field, text, "not a date; expected dd/mm/yyyy, mm/yyyy or yyyy")


def put_gender(b: EntityBuilder, text: str | None, log: ProblemLog, where: str) -> None:
    """`Male` / `female` -> FtM gender codes."""
    if not text:
        return
    gender = _GENDERS.get(text.strip().strip(".").lower())
    if gender is None:
        log.add(where, "Gender", text, "expected Male or Female")
    else:
        put(b, "gender", gender)


def put_contacts(b: EntityBuilder, kind: str, values: Iterable[str]) -> None:
    """Phone numbers, e-mail addresses and websites; an address with `@` is an e-mail."""
    for value in values:
        for chunk in split_numbered(value):
            if kind == "phone":
                put(b, "phone", *(t.strip(" .") for t in _PHONE_SPLIT.split(chunk)))
                continue
            for token in _tokens(chunk):
                put(b, "email" if "@" in token and "/" not in token else "website", token)


def _tokens(chunk: str) -> list[str]:
    """Addresses separated by spaces, commas or semicolons. A piece starting with `%` is
    the rest of a URL with a space in it; pieces without a dot (`Social Media:`, `and`)
    are labels and left out."""
    out: list[str] = []
    for piece in _CONTACT_SPLIT.split(chunk):
        piece = piece.strip().strip(".")
        if out and piece.startswith("%"):
            out[-1] = f"{out[-1]} {piece}"
        elif "." in piece or "@" in piece:
            out.append(piece)
    return out


def put_registration(b: EntityBuilder, values: Iterable[str]) -> None:
    """Registration numbers as the list gives them, plus labelled INN / OGRN / tax numbers."""
    for value in values:
        put(b, "registrationNumber", *id_tokens(value))
        put(b, "innCode", *_INN.findall(value))
        put(b, "ogrnCode", *_OGRN.findall(value))
        taxes = [t for t in _TAX.findall(value) if not b.has("innCode", t)]
        put(b, "taxNumber", *taxes)


def put_number(b: EntityBuilder, prop: str, text: str | None) -> None:
    """A plain number (tonnage); other text stays in the notes only."""
    value = (text or "").strip().rstrip(".")
    if _NUMBER.match(value):
        put(b, prop, value.replace(",", "."))


def address_text(parts: Iterable[str | None]) -> str:
    """One address string from its lines, postcode and country, in list order."""
    return ", ".join(p.strip() for p in parts if p and p.strip())


def name_prop(kind: str, strength: str | None) -> str | None:
    """The name property for a name type and alias quality; None for an unknown type.

    `Prime Alias` / `Primary name` -> name; `Primary name variation` -> alias (a spelling
    of the same name); AKA / Alias -> alias, or weakAlias when quality is low; FKA ->
    previousName.
    """
    k = " ".join(kind.lower().replace(".", "").split())
    weak = "low" in (strength or "").lower()
    if k in {"prime alias", "primary name"}:
        return "name"
    if k in {"aka", "alias", "primary name variation"}:
        return "weakAlias" if weak else "alias"
    if k in {"fka", "formerly known as", "previous name"}:
        return "previousName"
    return None
