"""One FCDO UK Sanctions List `<Designation>` element -> one entity (pure).

Element names follow formats.md 3.4 (the FCDO XML as OpenSanctions' gb_fcdo_sanctions
crawler reads it). Record ids are `uk-fcdo:<UniqueID>` (e.g. `uk-fcdo:RUS0251`). The
UniqueID encodes the regime and was re-issued when regimes were restructured, so the
stable `OFSIGroupID` is kept too: `programId` holds every list reference the designation
carries (UniqueID, OFSIGroupID, UNReferenceNumber). Names are written as for OFSI: given
names, then `Name6`. `DateDesignated` -> createdAt, `LastUpdated` -> modifiedAt,
`RegimeName` -> program; `OtherInformation`, `UKStatementofReasons`, `SanctionsImposed`
and document details -> notes.
"""

from __future__ import annotations

from lxml import etree

from sanctio.model import EntityBuilder, clean_text
from sanctio.sources.base import ProblemLog
from sanctio.sources.uk.cells import display_name
from sanctio.sources.uk.values import (
    SCHEMA_BY_TYPE,
    address_text,
    name_prop,
    put,
    put_contacts,
    put_countries,
    put_dates,
    put_gender,
    put_number,
    put_registration,
)

NAME_PARTS = ("Name1", "Name2", "Name3", "Name4", "Name5", "Name6")
ADDRESS_PARTS = (
    "AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5",
    "AddressLine6", "AddressPostalCode", "AddressCountry",
)  # fmt: skip


def _texts(el: etree._Element, tag: str) -> list[str]:
    """Text of every descendant named `tag`, cleaned, empty ones left out, in order."""
    out: list[str] = []
    for child in el.iter(tag):
        text = clean_text(child.text)
        if text and text not in out:
            out.append(text)
    return out


def _text(el: etree._Element, tag: str) -> str:
    found = el.find(tag)
    return clean_text(found.text) if found is not None else ""


def designation_entity(
    el: etree._Element, source: str, log: ProblemLog, where: str
) -> EntityBuilder | None:
    """The entity for one designation; None (and a problem) when it has no UniqueID."""
    uid = _text(el, "UniqueID")
    if not uid:
        log.add(where, "UniqueID", "", "designation without a UniqueID; left out")
        return None
    kind = _text(el, "IndividualEntityShip")
    schema = SCHEMA_BY_TYPE.get(kind.lower())
    if schema is None:
        log.add(where, "IndividualEntityShip", kind, "expected Individual, Entity or Ship")
        schema = "LegalEntity"
    b = EntityBuilder(source, uid, schema)
    where = f"{where} ({uid})"
    add_designation(b, el, log, where)
    return b


def add_designation(b: EntityBuilder, el: etree._Element, log: ProblemLog, where: str) -> None:
    """Add one designation's values (a repeated UniqueID adds to the same entity)."""
    _names(b, el, log, where)
    b.add("notes", *_texts(el, "OtherInformation"))
    b.add("notes", *_texts(el, "UKStatementofReasons"))
    _person(b, el, log, where)
    _entity(b, el)
    _ship(b, el, log, where)
    for address in el.iter("Address"):
        put(b, "address", address_text(_text(address, t) for t in ADDRESS_PARTS))
        put_countries(b, "country", _text(address, "AddressCountry"), log, where, "AddressCountry")
    put_contacts(b, "phone", _texts(el, "PhoneNumber"))
    put_contacts(b, "email", _texts(el, "EmailAddress"))
    put_contacts(b, "website", _texts(el, "Website"))
    b.add("program", *_texts(el, "RegimeName"))
    b.add("programId", _text(el, "UniqueID"), *_texts(el, "OFSIGroupID"))
    b.add("programId", *_texts(el, "UNReferenceNumber"))
    put_dates(b, "createdAt", _text(el, "DateDesignated"), log, where, "DateDesignated")
    put_dates(b, "modifiedAt", _text(el, "LastUpdated"), log, where, "LastUpdated")
    for imposed in _texts(el, "SanctionsImposed"):
        b.add("notes", "Sanctions imposed: " + "; ".join(imposed.split("|")))
    b.add("topics", "sanction")
    b.add("publisher", "FCDO")


def _names(b: EntityBuilder, el: etree._Element, log: ProblemLog, where: str) -> None:
    named: list[tuple[str, str, str, str]] = []  # full name, prop, Name1, Name6
    for name in el.iter("Name"):
        full = display_name([_text(name, p) for p in NAME_PARTS])
        kind = _text(name, "NameType")
        prop = name_prop(kind, _text(name, "AliasStrength"))
        if prop is None:
            log.add(
                where, "NameType", kind, "expected Primary Name, Primary Name Variation or Alias"
            )
            prop = "alias"
        if full:
            named.append((full, prop, _text(name, "Name1"), _text(name, "Name6")))
    primary = next((n for n in named if n[1] == "name"), None) or (named[0] if named else None)
    if primary is None:
        log.add(where, "Names", "", "designation without a name")
    elif not b.has("name"):
        b.add("name", primary[0])
    for full, prop, first, last in named:
        b.add("alias" if prop == "name" else prop, full)
        # `Name6` alone is a whole name (an a.k.a. such as `Haji Mohammad Hassan`).
        if b.schema == "Person" and prop != "weakAlias" and first:
            put(b, "firstName", first)
            put(b, "lastName", last)
    b.add("alias", *_texts(el, "NameNonLatinScript"))


def _person(b: EntityBuilder, el: etree._Element, log: ProblemLog, where: str) -> None:
    put(b, "title", *_texts(el, "Title"))
    for dob in _texts(el, "DOB"):
        put_dates(b, "birthDate", dob, log, where, "DOB")
    put(b, "birthPlace", *_texts(el, "TownOfBirth"))
    for country in _texts(el, "CountryOfBirth"):
        put_countries(b, "birthCountry", country, log, where, "CountryOfBirth")
    nationality = "nationality" if b.schema == "Person" else "country"
    for country in _texts(el, "Nationality"):
        put_countries(b, nationality, country, log, where, "Nationality")
    put(b, "position", *_texts(el, "Position"))
    for gender in _texts(el, "Gender"):
        if b.schema == "Person":
            put_gender(b, gender, log, where)
    put(b, "passportNumber", *_texts(el, "PassportNumber"))
    for info in _texts(el, "PassportAdditionalInformation"):
        put(b, "notes", f"Passport details: {info}")
    put(b, "idNumber", *_texts(el, "NationalIdentifierNumber"))
    for info in _texts(el, "NationalIdentifierAdditionalInformation"):
        put(b, "notes", f"National identification details: {info}")


def _entity(b: EntityBuilder, el: etree._Element) -> None:
    put(b, "legalForm", *_texts(el, "TypeOfEntity"))
    put_registration(b, _texts(el, "BusinessRegistrationNumber"))
    for parent in _texts(el, "ParentCompany"):
        b.link("parent", parent)
    for subsidiary in _texts(el, "Subsidiary"):
        b.link("subsidiary", subsidiary)


def _ship(b: EntityBuilder, el: etree._Element, log: ProblemLog, where: str) -> None:
    put(b, "imoNumber", *_texts(el, "IMONumber"))
    for owner in _texts(el, "CurrentOwnerOperator"):
        b.link("owner", owner)
    for owner in _texts(el, "PreviousOwnerOperator"):
        b.link("previous-owner", owner)
    for flag in _texts(el, "CurrentBelievedFlagOfShip"):
        put_countries(b, "flag", flag, log, where, "CurrentBelievedFlagOfShip")
    for flag in _texts(el, "PreviousFlag"):
        put_countries(b, "pastFlags", flag, log, where, "PreviousFlag")
    put(b, "type", *_texts(el, "TypeOfShip"))
    for tonnage in _texts(el, "TonnageOfShip"):
        put_number(b, "tonnage", tonnage)
    for year in _texts(el, "YearBuilt"):
        put_dates(b, "buildDate", year, log, where, "YearBuilt")
    put(b, "registrationNumber", *_texts(el, "HullIdentificationNumber"))
