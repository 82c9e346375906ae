"""One DFAT listing (its name rows) -> one Entity with FollowTheMoney properties (pure).

Alias rows repeat the primary row's attributes; 102 of 6491 differ in the 2024 file, so
each distinct set of attributes in a listing is read, and the builder drops repeats.
"""

from __future__ import annotations

import datetime as dt
import re

from sanctio.model import Entity, EntityBuilder, PartialDate
from sanctio.sources.au import cells
from sanctio.sources.au.references import NAME_TYPES, Listing, Row, name_type
from sanctio.sources.base import ProblemLog
from sanctio.sources.name_values import add_name_value

PUBLISHER = "DFAT"

_TYPES: dict[str, str] = {
    "individual": "Person",
    "person": "Person",
    "entity": "LegalEntity",
    "organisation": "LegalEntity",
    "organization": "LegalEntity",
    "vessel": "Vessel",
    "ship": "Vessel",
}
#: `1970 (Libya) 1973 (Libya)` names two committees in one cell.
_COMMITTEES = re.compile(r"(?<=\))\s+(?=\d)")
#: Cells that differ between the name rows of one party by design.
_NAME_FIELDS = frozenset({"reference", "name", "name_type", "alias_strength"})
_IMO = re.compile(r"\d{7}")
_IMO_PREFIX = re.compile(r"^imo[\s:.]*", re.I)


class _Mapper:
    """Collects one listing's values; reports each bad value once per entity."""

    def __init__(self, listing: Listing, source: str, log: ProblemLog, sheet: str) -> None:
        self.listing = listing
        self.log = log
        self.sheet = sheet
        self._reported: set[tuple[str, str]] = set()
        self.schema = self._schema()
        self.b = EntityBuilder(source, listing.native_id, self.schema)

    def problem(self, row: Row, fld: str, value: object, message: str) -> None:
        shown = cells.text(value)
        if (fld, shown) in self._reported:
            return
        self._reported.add((fld, shown))
        where = f"{self.sheet}!row {row.number}, Reference {row.reference}"
        self.log.add(where, fld, shown, message)

    def _schema(self) -> str:
        primary = next((r for r in self.listing.rows if r.is_primary), self.listing.rows[0])
        raw = name_type(primary.get("type"))
        schema = _TYPES.get(raw)
        if schema is None:
            guess = "Vessel" if cells.text(primary.get("imo")) else "LegalEntity"
            self.problem(
                primary,
                "Type",
                primary.get("type"),
                f"expected Individual, Entity or Vessel; read as {guess}",
            )
            schema = guess
        for row in self.listing.rows:
            other = _TYPES.get(name_type(row.get("type")))
            if other is not None and other != schema:
                self.problem(
                    row, "Type", row.get("type"), f"differs from the primary row's {schema}"
                )
        return schema

    def names(self, row: Row) -> None:
        name = cells.text(row.get("name"))
        if not name:
            self.problem(row, "Name of Individual or Entity", "", "name row without a name")
            return
        kind = name_type(row.get("name_type"))
        prop = NAME_TYPES.get(kind)
        if prop is None:
            self.problem(
                row,
                "Name Type",
                row.get("name_type"),
                "expected Primary Name, aka, Original Script or Formerly known as; read as alias",
            )
            prop = "alias"
        if prop != "name" and name_type(row.get("alias_strength")) == "weak":
            prop = "weakAlias"
        add_name_value(self.b, prop, name)

    def dates(self, row: Row) -> None:
        found, failed = cells.parse_dob(row.get("dob"))
        prop = {"Person": "birthDate", "Vessel": "buildDate"}.get(self.schema, "incorporationDate")
        self.b.add(prop, *found)
        if failed:
            self.problem(
                row,
                "Date of Birth",
                cells.text(row.get("dob")),
                f"could not read {'; '.join(failed)!r} as a date; kept the dates that parse",
            )

    def places(self, row: Row) -> None:
        places = cells.enumerated(cells.text(row.get("pob")))
        if self.schema == "Person":
            self.b.add("birthPlace", *places)
        else:
            self.b.add("notes", *(f"Place of Birth: {p}" for p in places))
        raw = cells.text(row.get("citizenship"))
        if raw and not cells.is_placeholder(raw):
            codes, unknown = cells.citizenships(raw)
            self.b.add("nationality" if self.schema == "Person" else "country", *codes)
            for value in unknown:
                self.problem(row, "Citizenship", value, "not a known country or nationality")
        self.b.add("address", *cells.addresses(cells.text(row.get("address"))))

    def listing_info(self, row: Row) -> None:
        info = cells.text(row.get("info"))
        if info and not cells.is_placeholder(info):
            self.b.add("notes", info)
        listing = row.get("listing")
        created = cells.listing_date(listing)
        if created is not None:
            self.b.add("createdAt", created)
        listing_text = cells.text(listing)
        if listing_text and not isinstance(listing, dt.date):
            self.b.add("notes", listing_text)
        instrument = cells.text(row.get("instrument"))
        if instrument and instrument != listing_text:
            self.b.add("notes", instrument)
        for committee in _COMMITTEES.split(cells.text(row.get("committees"))):
            self.b.add("program", committee)

    def vessel(self, row: Row) -> None:
        imo = cells.text(row.get("imo"))
        if not imo or cells.is_placeholder(imo):
            return
        if self.schema != "Vessel":
            self.problem(row, "IMO Number", imo, f"IMO number on a {self.schema}; kept in notes")
            self.b.add("notes", f"IMO Number: {imo}")
            return
        if not _IMO.fullmatch(_IMO_PREFIX.sub("", imo)):
            self.problem(row, "IMO Number", imo, "expected a 7-digit IMO number")
        self.b.add("imoNumber", imo)

    def build(self) -> Entity:
        latest: PartialDate | None = None
        for row in self.listing.rows:
            self.names(row)
        done: set[tuple[object, ...]] = set()
        for row in self.listing.rows:
            # Alias rows mostly repeat the primary row's attributes: read each set once.
            attrs = tuple(v for k, v in row.values.items() if k not in _NAME_FIELDS)
            if attrs in done:
                continue
            done.add(attrs)
            self.dates(row)
            self.places(row)
            self.listing_info(row)
            self.vessel(row)
            control = cells.control_date(row.get("control_date"))
            if control is not None and (latest is None or control > latest):
                latest = control
        if latest is not None:
            self.b.add("modifiedAt", latest)
        self.b.add("topics", "sanction")
        self.b.add("publisher", PUBLISHER)
        if not self.b.has("name"):
            first = self.listing.rows[0]
            self.problem(first, "Name Type", first.get("name_type"), "no Primary Name row")
            names = self.b.get("alias") + self.b.get("weakAlias") + self.b.get("previousName")
            if names:
                self.b.add("name", names[0])
        return self.b.build()


def build(listing: Listing, source: str, log: ProblemLog, sheet: str) -> Entity:
    """The entity for one listing; bad values go to `log`, never sink the file."""
    return _Mapper(listing, source, log, sheet).build()
