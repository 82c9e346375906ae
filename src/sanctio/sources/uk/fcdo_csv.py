"""Reader for the FCDO UK Sanctions List CSV (`UK-Sanctions-List.csv`): one row per name.

Layout as third-party parsers show it (formats.md 3.4; no real file is stored here): an
optional `Report Date: 13-Feb-2026` line, then a header with `Unique ID`, `OFSI Group
ID`, `Name 1`...`Name 6`, `Name type`, `Alias strength`, `D.O.B`, ... Rows are folded by
`Unique ID` into `uk-fcdo:<Unique ID>` entities and mapped as the XML reader maps them
(`fcdo_map`). Columns are found by header name, ignoring case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from sanctio.exceptions import FormatError
from sanctio.model import Entity, EntityBuilder, PartialDate
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.dates import parse_single
from sanctio.sources.uk.cells import display_name, party_names, split_numbered, uk_dates
from sanctio.sources.uk.csv_file import csv_records, decode_csv
from sanctio.sources.uk.group import Row
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

_REPORT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*\"?Report Date:", re.IGNORECASE)
_NAMES = tuple(f"name {i}" for i in range(1, 7))
_ADDRESS = (
    *(f"address line {i}" for i in range(1, 7)), "address postal code", "address country"
)  # fmt: skip
_TYPE_COLUMNS = ("designation type", "individual, entity, ship")
_COUNTRIES = {
    "address country": "country",
    "country of birth": "birthCountry",
    "current believed flag of ship": "flag",
    "previous flags": "pastFlags",
}
_TEXTS = {
    "title": "title",
    "position": "position",
    "town of birth": "birthPlace",
    "type of entity": "legalForm",
    "type of ship": "type",
    "passport number": "passportNumber",
    "national identifier number": "idNumber",
    "imo number": "imoNumber",
    "hull identification number (hin)": "registrationNumber",
    "regime name": "program",
    "name non-latin script": "alias",
    "ofsi group id": "programId",
    "un reference number": "programId",
}
_NOTES = {
    "other information": "",
    "uk statement of reasons": "",
    "passport additional information": "Passport details: ",
    "national identifier additional information": "National identification details: ",
    "sanctions imposed": "Sanctions imposed: ",
}
_LINKS = {
    "parent company": "parent",
    "subsidiaries": "subsidiary",
    "current owner/operator (s)": "owner",
    "previous owner/operator (s)": "previous-owner",
}
_CONTACTS = {"phone number": "phone", "email address": "email", "website": "website"}
_REQUIRED = ("unique id", "name 6", "name type", "regime name")


class FcdoCsvReader:
    """FCDO UK Sanctions List CSV -> one entity per Unique ID."""

    format = "uk-fcdo-csv"

    def sniff(self, path: Path, head: bytes) -> str | None:
        if path.suffix.lower() != ".csv":
            return None
        lines = head.splitlines()
        if lines and _REPORT.match(lines[0]):
            lines = lines[1:]
        if lines and b"Unique ID" in lines[0] and b"Name type" in lines[0]:
            return "uk-fcdo"
        return None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        path = paths[0]
        records = csv_records(decode_csv(path.read_bytes(), path), path)
        first = next(records, None)
        if first is None:
            raise FormatError(str(path), "", "file is empty; expected the UK Sanctions List CSV")
        published = None
        if first[1] and first[1][0].strip().lower().startswith("report date:"):
            published = _report_date(first[1][0])
            first = next(records, (first[0] + 1, []))
        columns = [c.strip().lower() for c in first[1]]
        missing = [c for c in _REQUIRED if c not in columns]
        if missing or not any(c in columns for c in _TYPE_COLUMNS):
            raise FormatError(
                str(path),
                f"line {first[0]}",
                "expected the UK Sanctions List header (Unique ID, Name 6, Name type, Regime "
                "Name, Designation Type, ...); missing " + ", ".join(missing or _TYPE_COLUMNS),
            )
        groups: dict[str, list[Row]] = {}
        log = ProblemLog(path)
        for line, values in records:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                raise FormatError(
                    str(path),
                    f"line {line}",
                    f"{len(values)} columns; expected {len(columns)} as in the header",
                )
            row = Row(f"line {line}", {c: v.strip() for c, v in zip(columns, values, strict=True)})
            uid = row.get("unique id")
            if uid:
                groups.setdefault(uid, []).append(row)
            else:
                log.add(row.where, "Unique ID", "", "row without a Unique ID; left out")
        entities = [_entity(uid, rows, source, log) for uid, rows in groups.items()]
        return ParsedList(source, self.format, (path,), published, entities, log.problems)


def _report_date(cell: str) -> dt.date | None:
    """`Report Date: 13-Feb-2026` -> 2026-02-13."""
    found = parse_single(cell.split(":", 1)[1].strip().replace("-", " "))
    if found is None or found.day is None or found.month is None:
        return None
    return dt.date(found.year, found.month, found.day)


def _distinct(rows: list[Row], column: str) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for row in rows:
        value = row.cells.get(column)
        if value and value not in seen:
            seen[value] = row.where
    return list(seen.items())


def _entity(uid: str, rows: list[Row], source: str, log: ProblemLog) -> Entity:
    kind = next((rows[0].get(c) for c in _TYPE_COLUMNS if rows[0].get(c)), "")
    schema = SCHEMA_BY_TYPE.get(kind.lower())
    if schema is None:
        log.add(rows[0].where, "Designation Type", kind, "expected Individual, Entity or Ship")
        schema = "LegalEntity"
    b = EntityBuilder(source, uid, schema)
    b.add("programId", uid)
    _names(b, rows, log)
    for column, prop in _TEXTS.items():
        for text, _ in _distinct(rows, column):
            put(b, prop, *split_numbered(text))
    nationality = "nationality" if schema == "Person" else "country"
    for text, where in _distinct(rows, "nationality(/ies)"):
        put_countries(b, nationality, text, log, where, "Nationality(/ies)")
    for column, prop in _COUNTRIES.items():
        for text, where in _distinct(rows, column):
            put_countries(b, prop, text, log, where, column)
    for text, where in _distinct(rows, "d.o.b"):
        for value in split_numbered(text):
            put_dates(b, "birthDate", value, log, where, "D.O.B")
    for text, where in _distinct(rows, "year built"):
        put_dates(b, "buildDate", text, log, where, "Year Built")
    for text, where in _distinct(rows, "gender"):
        if schema == "Person":
            put_gender(b, text, log, where)
    for text, _ in _distinct(rows, "tonnage of ship"):
        put_number(b, "tonnage", text)
    put_registration(b, [t for t, _ in _distinct(rows, "business registration number (s)")])
    for column, kind in _CONTACTS.items():
        put_contacts(b, kind, [t for t, _ in _distinct(rows, column)])
    for column, relation in _LINKS.items():
        for text, _ in _distinct(rows, column):
            for name in party_names(text):
                b.link(relation, name)
    for parts in dict.fromkeys(tuple(r.cells.get(c, "") for c in _ADDRESS) for r in rows):
        put(b, "address", address_text(parts))
    for column, label in _NOTES.items():
        for text, _ in _distinct(rows, column):
            b.add("notes", label + ("; ".join(text.split("|")) if label else text))
    designated = _dates(rows, "date designated", log)
    if designated:
        b.add("createdAt", min(designated))
    updated = _dates(rows, "last updated", log)
    if updated:
        b.add("modifiedAt", max(updated))
    b.add("topics", "sanction")
    b.add("publisher", "FCDO")
    return b.build()


def _names(b: EntityBuilder, rows: list[Row], log: ProblemLog) -> None:
    primary = ""
    for row in rows:
        full = display_name([row.get(c) for c in _NAMES])
        kind = row.get("name type")
        prop = name_prop(kind, row.get("alias strength"))
        if prop is None:
            log.add(
                row.where,
                "Name type",
                kind,
                "expected Primary Name, Primary Name Variation or Alias",
            )
            prop = "alias"
        if not full:
            continue
        if prop == "name" and not primary:
            primary = full
        b.add("alias" if prop == "name" else prop, full)
        if b.schema == "Person" and prop != "weakAlias" and row.get("name 1"):
            b.add("firstName", row.get("name 1"))
            b.add("lastName", row.get("name 6"))
    b.add("name", primary or next(iter(b.get("alias") + b.get("weakAlias")), ""))


def _dates(rows: list[Row], column: str, log: ProblemLog) -> list[PartialDate]:
    out: list[PartialDate] = []
    for text, where in _distinct(rows, column):
        try:
            out.extend(uk_dates(text))
        except ValueError:
            log.add(where, column, text, "not a date; expected dd/mm/yyyy")
    return out


READER = FcdoCsvReader()
