"""One SEMA `record` (2020 or 2025 schema) -> one Entity (pure).

2020: `Country`, `Title`?, `LastName`/`GivenName` or `Entity`, `Aliases`, `DateOfBirth`,
`Schedule`, `Item`. 2025: `EntityOrShip`, `TitleOrShip`, `ShipIMONumber`,
`DateOfBirthOrShipBuildDate`, `DateOfListing` replace or join them. A record with an IMO
number is a Vessel, one with a surname or given name a Person, any other a LegalEntity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sanctio.model import EntityBuilder, PartialDate, clean_text
from sanctio.sources.ca import aliases, keys
from sanctio.sources.ca.dates import parse_sema_date

PUBLISHER = "Global Affairs Canada"
_NONE = {"", "n/a", "na", "none"}

#: Problem reporter: (field, value, message).
Report = Callable[[str, str, str], None]


@dataclass(frozen=True, slots=True)
class Record:
    """A record's fields as text (first occurrence of each tag), with its position."""

    number: int
    line: int
    fields: dict[str, str]

    def get(self, *tags: str) -> str:
        for tag in tags:
            value = clean_text(self.fields.get(tag))
            if value.lower() not in _NONE:
                return value
        return ""

    @property
    def location(self) -> str:
        return f"record {self.number} (line {self.line})"

    @property
    def imo(self) -> str:
        return self.get("ShipIMONumber")

    @property
    def schema(self) -> str:
        if self.imo:
            return "Vessel"
        if self.get("LastName", "GivenName"):
            return "Person"
        return "LegalEntity"

    @property
    def name(self) -> str:
        if self.schema == "Person":
            return clean_text(f"{self.get('GivenName')} {self.get('LastName')}")
        names = aliases.bilingual(self.get("EntityOrShip", "Entity"))
        return names[0] if names else ""

    def dob(self) -> str:
        return self.get("DateOfBirthOrShipBuildDate", "DateOfBirth")

    @property
    def dob_field(self) -> str:
        new = "DateOfBirthOrShipBuildDate"
        return new if new in self.fields else "DateOfBirth"

    def native_id(self, *extra: str) -> str:
        if self.schema == "Vessel":
            return keys.vessel_id(self.get("Country"), self.imo, *extra)
        return keys.party_id(self.get("Country"), self.name, *extra)


def _dates(builder: EntityBuilder, prop: str, text: str, report: Report, field: str) -> None:
    if not text:
        return
    try:
        found: list[PartialDate] = parse_sema_date(text, listing=prop == "createdAt")
    except ValueError:
        report(field, text, "expected a date such as 1952-10-07, 07-10-1952, Oct-52 or 1952")
        return
    builder.add(prop, *found)


def _names(builder: EntityBuilder, record: Record) -> None:
    schema = record.schema
    if schema == "Person":
        given, last = record.get("GivenName"), record.get("LastName")
        builder.add("name", record.name)
        builder.add("firstName", given)
        builder.add("lastName", last)
        for piece in aliases.split_aliases(record.get("Aliases")):
            builder.add(*aliases.person_alias(piece, given, last))
        return
    names = aliases.bilingual(record.get("EntityOrShip", "Entity"))
    builder.add("name", *names[:1])
    builder.add("alias", *names[1:])
    for piece in aliases.split_aliases(record.get("Aliases")):
        builder.add("alias", *aliases.bilingual(piece))


def map_record(record: Record, source: str, native_id: str, report: Report) -> EntityBuilder:
    """The builder for one record; bad values go to `report`, never sink the file."""
    schema = record.schema
    b = EntityBuilder(source, native_id, schema)
    _names(b, record)
    if not b.has("name"):
        report("LastName/GivenName/Entity", "", "record without a name")
    date_prop = {"Person": "birthDate", "Vessel": "buildDate"}.get(schema, "incorporationDate")
    _dates(b, date_prop, record.dob(), report, record.dob_field)
    _dates(b, "createdAt", record.get("DateOfListing"), report, "DateOfListing")
    title = record.get("TitleOrShip", "Title")
    if schema == "Person":
        b.add("title", *aliases.bilingual(title))
    elif schema == "Vessel":
        b.add("type", title)
        b.add("imoNumber", record.imo)
    elif title:
        b.add("notes", title)
    regime = keys.english_part(record.get("Country"))
    if regime:
        b.add("program", regime)
    else:
        report("Country", "", "record without a regime (Country)")
    schedule, item = record.get("Schedule"), record.get("Item")
    where = ", ".join(x for x in (f"Schedule {schedule}" if schedule else "", f"Item {item}") if x)
    b.add("notes", f"{regime}: {where}" if item else "")
    b.add("topics", "sanction")
    b.add("publisher", PUBLISHER)
    return b
