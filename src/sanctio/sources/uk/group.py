"""Fold OFSI ConList rows (one per name x DOB x address ...) into one entity per Group ID.

Both OFSI layouts (pre-2022 CSV, 2022 CSV/xlsx) come here as rows keyed by the 2022
header names. Names are written given names first, then `Name 6` (the surname, or the
whole name of an entity or ship): `Vladimir Vladimirovich PUTIN`. `firstName` is
`Name 1` and `lastName` is `Name 6`; `Name 2`-`Name 5` may be given names or
patronymics, so they go into the full name only. Record ids: `uk-ofsi:<Group ID>`.

Other mapping choices: `Regime` -> program; `UK Sanctions List Ref` (the FCDO Unique
ID, e.g. `RUS0251`) and `UN Ref` -> programId (list reference numbers, which link the
record to uk-fcdo and un-sc); the earliest of `Listed On` and `UK Sanctions List Date
Designated` -> createdAt (first listed); the latest `Last Updated` -> modifiedAt;
`Other Information`, `Passport Details` and `National Identification Details` -> notes
(verbatim), and the keyed fields in `Other Information` to their properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sanctio.model import Entity, EntityBuilder, PartialDate
from sanctio.sources.base import ProblemLog
from sanctio.sources.uk.cells import (
    display_name,
    id_tokens,
    party_names,
    split_numbered,
    uk_dates,
)
from sanctio.sources.uk.other_info import parse_other_info, uk_refs, un_ref, un_refs_in_text
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

NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_COLUMNS = (
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country",
)  # fmt: skip
_PRIMARY = "name"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: where it is in the file, and its cells by 2022 header name."""

    where: str
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


def fold_groups(rows: Iterable[Row], source: str, log: ProblemLog) -> list[Entity]:
    """One entity per `Group ID`, in order of first appearance."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        gid = row.get("Group ID")
        if not gid:
            log.add(row.where, "Group ID", "", "row without a Group ID; expected a number")
            continue
        groups.setdefault(gid, []).append(row)
    return [_entity(gid, members, source, log) for gid, members in groups.items()]


def _distinct(rows: list[Row], column: str) -> list[tuple[str, str]]:
    """(value, where first seen) for each distinct non-empty value of a column."""
    seen: dict[str, str] = {}
    for row in rows:
        value = row.cells.get(column)
        if value and value not in seen:
            seen[value] = row.where
    return list(seen.items())


def _entity(gid: str, rows: list[Row], source: str, log: ProblemLog) -> Entity:
    kind = rows[0].get("Group Type")
    schema = SCHEMA_BY_TYPE.get(kind.lower())
    if schema is None:
        log.add(rows[0].where, "Group Type", kind, "expected Individual, Entity or Ship")
        schema = "LegalEntity"
    b = EntityBuilder(source, gid, schema)
    _names(b, rows, log)
    _details(b, rows, log)
    _listing(b, rows, log)
    for text, where in _distinct(rows, "Other Information"):
        b.add("notes", text)
        _other_info(b, text, log, where)
    b.add("topics", "sanction")
    b.add("publisher", "OFSI")
    return b.build()


_NAME_KEY = (*NAME_COLUMNS, "Alias Type", "Alias Quality")


def _names(b: EntityBuilder, rows: list[Row], log: ProblemLog) -> None:
    # Rows repeat each name once per DOB, address ...: map each distinct name row once.
    distinct: dict[tuple[str, ...], str] = {}
    for row in rows:
        key = tuple(row.cells.get(c, "") for c in _NAME_KEY)
        distinct.setdefault(key, row.where)
    named: list[tuple[str, str, str]] = []  # full name, property, alias type
    for key, where in distinct.items():
        *parts, kind, quality = key
        prop = name_prop(kind, quality)
        if prop is None:
            log.add(where, "Alias Type", kind, "expected Primary name, AKA or FKA")
            prop = "alias"
        full = display_name(parts)
        if not full:
            continue
        named.append((full, prop, kind))
        b.add("alias" if prop == _PRIMARY else prop, full)
        # `Name 6` alone is a whole name (an a.k.a. such as `Abu Mohammed`), not a surname.
        if b.schema == "Person" and prop != "weakAlias" and parts[0]:
            b.add("firstName", parts[0])
            b.add("lastName", parts[5])
    b.add("name", _primary(named))
    for text, _ in _distinct(rows, "Name Non-Latin Script"):
        b.add("alias", text)
    for weak in b.get("weakAlias"):
        if b.has("alias", weak) or b.has("previousName", weak):
            b.discard("weakAlias", weak)


def _primary(named: list[tuple[str, str, str]]) -> str:
    """The first primary name; groups without one (16601, 16789 in 2025) take a variation."""
    for full, prop, _ in named:
        if prop == _PRIMARY:
            return full
    for full, _, kind in named:
        if kind.lower().endswith("variation"):
            return full
    return named[0][0] if named else ""


def _details(b: EntityBuilder, rows: list[Row], log: ProblemLog) -> None:
    for text, _ in _distinct(rows, "Title"):
        put(b, "title", *split_numbered(text))
    for text, where in _distinct(rows, "DOB"):
        put_dates(b, "birthDate", text, log, where, "DOB")
    for text, _ in _distinct(rows, "Town of Birth"):
        put(b, "birthPlace", *split_numbered(text))
    for text, where in _distinct(rows, "Country of Birth"):
        put_countries(b, "birthCountry", text, log, where, "Country of Birth")
    nationality = "nationality" if b.schema == "Person" else "country"
    for text, where in _distinct(rows, "Nationality"):
        put_countries(b, nationality, text, log, where, "Nationality")
    for text, _ in _distinct(rows, "Position"):
        put(b, "position", *split_numbered(text))
    _documents(b, rows, "Passport Number", "Passport Details", "passportNumber")
    _documents(
        b, rows, "National Identification Number", "National Identification Details", "idNumber"
    )
    for parts in dict.fromkeys(
        tuple(row.cells.get(c, "") for c in ADDRESS_COLUMNS) for row in rows
    ):
        put(b, "address", address_text(parts))
    for text, where in _distinct(rows, "Country"):
        put_countries(b, "country", text, log, where, "Country")


def _documents(b: EntityBuilder, rows: list[Row], number: str, details: str, prop: str) -> None:
    """Document numbers; the pre-2022 layout has only free text, so numbers are picked out."""
    legacy = number not in rows[0].cells
    for text, _ in _distinct(rows, number):
        put(b, prop, *split_numbered(text))
    for text, _ in _distinct(rows, details):
        if legacy:
            for chunk in split_numbered(text):
                put(b, prop, *id_tokens(chunk)[:1])
        put(b, "notes", f"{details.capitalize()}: {text}")


def _listing(b: EntityBuilder, rows: list[Row], log: ProblemLog) -> None:
    for text, _ in _distinct(rows, "Regime"):
        b.add("program", text)
    listed: list[PartialDate] = []
    for column in ("Listed On", "UK Sanctions List Date Designated"):
        listed.extend(_dates(rows, column, log))
    if listed:
        b.add("createdAt", min(listed))
    updated = _dates(rows, "Last Updated", log)
    if updated:
        b.add("modifiedAt", max(updated))


def _dates(rows: list[Row], column: str, log: ProblemLog) -> list[PartialDate]:
    out: list[PartialDate] = []
    for text, where in _distinct(rows, column):
        try:
            out.extend(uk_dates(text))
        except ValueError:
            log.add(where, column, text, "not a date; expected dd/mm/yyyy")
    return out


def _other_info(b: EntityBuilder, text: str, log: ProblemLog, where: str) -> None:
    """Keyed fields of `Other Information`; pre-2022 text only yields its UN references."""
    pairs = parse_other_info(text)
    if len(pairs) == 1 and not pairs[0][0]:
        b.add("programId", *un_refs_in_text(text))
        return
    for key, value in pairs:
        if not value:
            continue
        if key == "uk sanctions list ref":
            b.add("programId", *uk_refs(value))
        elif key == "un ref":
            b.add("programId", un_ref(value))
        elif key == "gender":
            if b.schema == "Person":
                put_gender(b, value, log, where)
        elif key in ("phone number", "email address", "website"):
            put_contacts(b, key.split()[0], [value])
        elif key == "business reg no":
            put_registration(b, split_numbered(value))
        elif key == "type of entity":
            put(b, "legalForm", value)
        elif key == "parent company":
            for name in party_names(value):
                b.link("parent", name)
        elif key == "subsidiaries":
            for name in party_names(value):
                b.link("subsidiary", name)
        elif key == "current owners":
            for name in party_names(value):
                b.link("owner", name)
        elif key == "imo number":
            put(b, "imoNumber", *id_tokens(value)[:1])
        elif key == "type of ship":
            put(b, "type", value)
        elif key == "flag of ship":
            put_countries(b, "flag", value, log, where, "Flag of ship")
        elif key == "previous flags":
            put_countries(b, "pastFlags", value, log, where, "Previous flags")
        elif key == "tonnage of ship":
            put_number(b, "tonnage", value)
        elif key == "year built":
            put_dates(b, "buildDate", value, log, where, "Year built")
