"""One OFAC legacy CSV record (with its aliases, addresses, comments) -> Entity (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sanctio.model import Entity, EntityBuilder, PartialDate, Relation, clean_text
from sanctio.sources.base import ProblemLog
from sanctio.sources.ofac.memo import MEMO, Mapped
from sanctio.sources.ofac.remarks import parse_remarks, read_country
from sanctio.sources.ofac.wallets import wallet_entities

#: SDN.CSV / CONS_PRIM.CSV columns (no header row in the files).
ENT_NUM, NAME, TYPE, PROGRAM, TITLE, CALL_SIGN, VESS_TYPE, TONNAGE, GRT, FLAG, OWNER, REMARKS = (
    range(12)
)
#: OFAC caps Remarks at this many characters; the rest is in the comments file.
REMARKS_LIMIT = 1000

#: `-0-` entities stay LegalEntity even with registration numbers in their remarks: OFAC's
#: CSV never tells a company from an agency, party or militia, and guessing would move
#: entities between schemas from one list version to the next.
SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "LegalEntity"}
ALIAS_PROPS = {"aka": "alias", "fka": "previousName", "nka": "alias"}

_COMMON = frozenset(
    {"name", "alias", "previousName", "weakAlias", "notes", "program", "topics", "publisher"}
    | {"country", "address", "registrationNumber"}
)
_LEGAL = _COMMON | {
    "idNumber", "taxNumber", "vatCode", "leiCode", "swiftBic", "uscCode", "dunsCode",
    "licenseNumber", "email", "website", "phone", "incorporationDate",
}  # fmt: skip
#: FollowTheMoney properties each schema has, among those this reader writes.
ALLOWED: dict[str, frozenset[str]] = {
    "LegalEntity": _LEGAL,
    "Person": _LEGAL
    | {"firstName", "lastName", "position", "birthDate", "birthPlace", "nationality"}
    | {"citizenship", "gender", "passportNumber"},
    "Vessel": _COMMON
    | {"imoNumber", "mmsi", "callSign", "flag", "pastFlags", "type", "tonnage", "buildDate"}
    | {"grossRegisteredTonnage"},
    "Airplane": _COMMON | {"serialNumber", "model", "buildDate", "type"},
}
#: Where a value goes when its property is missing from the record's schema.
_FALLBACK = {
    "nationality": "country",
    "citizenship": "country",
    "flag": "country",
    "imoNumber": "registrationNumber",
    "passportNumber": "idNumber",
}
_TRAILING_ACRONYM = re.compile(r"\s*\([^()]*\)$")


class _Builder(EntityBuilder):
    """EntityBuilder with the same whitespace cleaning done by `str.split` (half the cost).

    `clean_text`'s regex is most of the mapping time on large files; `" ".join(s.split())`
    collapses the same Unicode whitespace (NBSP included). Drop this class once
    `model.entity.clean_text` does the same.
    """

    __slots__ = ()

    def add(self, prop: str, *values: object) -> None:
        for value in values:
            text = value.iso() if isinstance(value, PartialDate) else " ".join(str(value).split())
            if text:
                bucket = self._props.setdefault(prop, [])
                if text not in bucket:
                    bucket.append(text)


@dataclass(slots=True)
class Record:
    """The rows of one ent_num across the main file and its companions."""

    line: int
    ent_num: str
    fields: list[str]
    aliases: list[tuple[str, str]] = field(default_factory=list)
    addresses: list[list[str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields[NAME].strip()


class NameIndex:
    """Primary names -> ent_nums, to resolve `Linked To: NAME` to one record of the file."""

    def __init__(self, records: list[Record]) -> None:
        self.exact: dict[str, list[str]] = {}
        self.bare: dict[str, list[str]] = {}
        for rec in records:
            name = rec.name
            self.exact.setdefault(name, []).append(rec.ent_num)
            if name.endswith(")"):
                self.bare.setdefault(_TRAILING_ACRONYM.sub("", name), []).append(rec.ent_num)

    def resolve(self, name: str) -> str | None:
        """The ent_num when exactly one record bears `name` (or `name (ACRONYM)`)."""
        for candidate in (name, name + "."):
            found = self.exact.get(candidate, [])
            if len(found) == 1:
                return found[0]
            if found:
                return None
        found = self.bare.get(name, [])
        return found[0] if len(found) == 1 else None


def map_record(rec: Record, source: str, names: NameIndex, log: ProblemLog) -> list[Entity]:
    """Build the entity for one record, followed by a CryptoWallet per address its
    remarks state; record-level problems go to `log`."""
    key = (
        source,
        rec.ent_num,
        tuple(rec.fields),
        tuple(rec.aliases),
        tuple(tuple(a) for a in rec.addresses),
        tuple(rec.comments),
    )
    mapped = MEMO.get(key)
    if mapped is None:
        scratch = ProblemLog(log.file)
        entity, links, wallets = _map(rec, source, scratch)
        found = tuple((p.field, p.value, p.message) for p in scratch.problems)
        mapped = Mapped(entity, links, found, tuple(wallet_entities(entity, wallets)))
        MEMO.put(key, mapped)
    # Every problem of a record is located at its line, which moves between versions.
    where = f"line {rec.line} (ent_num {rec.ent_num})"
    for field_name, value, message in mapped.problems:
        log.add(where, field_name, value, message)
    if not mapped.links:
        return [mapped.entity, *mapped.wallets]
    # Links resolve against this file's names, so they are never taken from the memo.
    relations: list[Relation] = []
    for target in mapped.links:
        ent_num = names.resolve(target)
        rel = Relation("linkedTo", clean_text(target), f"{source}:{ent_num}" if ent_num else None)
        if rel.target_name and rel not in relations:
            relations.append(rel)
    entity = mapped.entity
    return [
        Entity(entity.id, entity.schema, entity.properties, tuple(relations)),
        *mapped.wallets,
    ]


def _map(
    rec: Record, source: str, log: ProblemLog
) -> tuple[Entity, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The entity without relations, the `Linked To:` names its remarks state and the
    (currency, address) of each digital currency address they state."""
    f = rec.fields
    put = _Putter(rec, log)
    schema = SCHEMAS.get(f[TYPE].strip().lower())
    if schema is None:
        log.add(put.where, "SDN_Type", f[TYPE], "expected individual, vessel, aircraft or -0-")
        schema = "LegalEntity"
    b = put.start(source, schema)
    name = rec.name
    b.add("name", name)
    if schema == "Person" and "," in name:
        last, first = name.split(",", 1)
        b.add("lastName", last)
        b.add("firstName", first)
    b.add_all("program", (p.strip(" []") for p in f[PROGRAM].split("] [")))
    b.add("topics", "sanction")
    b.add("publisher", "OFAC")
    if f[TITLE]:
        # OFAC's Title holds offices (`President of the Russian Federation`), not honorifics.
        put("position" if schema == "Person" else "notes", f[TITLE], "Title")
    if any(f[CALL_SIGN:REMARKS]):
        _add_vessel_columns(put, f)
    for alt_type, alt_name in rec.aliases:
        prop = ALIAS_PROPS.get(alt_type.strip().lower())
        if prop is None:
            log.add(put.where, "alt_type", alt_type, "expected aka, fka or nka; kept as alias")
            prop = "alias"
        b.add(prop, alt_name)
    for parts in rec.addresses:
        _add_address(put, parts)
    links, wallets = _add_remarks(put, rec)
    return b.build(), links, wallets


def _add_vessel_columns(put: _Putter, f: list[str]) -> None:
    put("callSign", f[CALL_SIGN], "Call_Sign")
    put("type", f[VESS_TYPE], "Vess_type")
    put("tonnage", f[TONNAGE], "Tonnage")
    put("grossRegisteredTonnage", f[GRT], "GRT")
    if f[FLAG].strip():
        put.country("flag", f[FLAG], "Vess_flag")
    if f[OWNER].strip():
        # FtM `owner` is an entity reference; OFAC gives only a name.
        put("notes", f"Vessel owner: {f[OWNER].strip()}", "Vess_owner")


def _add_address(put: _Putter, parts: list[str]) -> None:
    # ADD.CSV: ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
    street, city, country, remarks = (p.strip() for p in parts[2:6])
    if country:
        put.country("country", country, "Country")
        if read_country(country) == (None, None):
            country = ""  # `undetermined` names no place; keep it out of the address
    put("address", ", ".join(p for p in (street, city, country) if p), "Address")
    put("notes", remarks, "Add_remarks")


def _add_remarks(put: _Putter, rec: Record) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Add the facts the remarks state; return the names they link to and the wallets."""
    remarks = rec.fields[REMARKS]
    full = remarks + "".join(rec.comments)
    if not full.strip():
        return (), ()
    put("notes", full, "Remarks")
    truncated = len(remarks) >= REMARKS_LIMIT and not rec.comments
    parsed = parse_remarks(full, truncated=truncated)
    for fact in parsed.facts:
        put(fact.prop, fact.value, fact.key)
    for issue in parsed.issues:
        put.log.add(put.where, issue.field, issue.value, issue.message)
    return parsed.links, parsed.wallets


class _Putter:
    """Adds values the record's schema can hold; re-homes or reports the others."""

    builder: EntityBuilder
    allowed: frozenset[str]

    def __init__(self, rec: Record, log: ProblemLog) -> None:
        self.rec = rec
        self.log = log

    def start(self, source: str, schema: str) -> EntityBuilder:
        self.builder = _Builder(source, self.rec.ent_num, schema)
        self.allowed = ALLOWED[schema]
        return self.builder

    @property
    def where(self) -> str:
        return f"line {self.rec.line} (ent_num {self.rec.ent_num})"

    def __call__(self, prop: str, value: str | PartialDate, source_field: str) -> None:
        if isinstance(value, str) and not value.strip():
            return
        if prop not in self.allowed:
            fallback = _FALLBACK.get(prop)
            if fallback is None or fallback not in self.allowed:
                self.log.add(
                    self.where,
                    source_field,
                    value,
                    f"{prop} is not a property of {self.builder.schema}; value not mapped",
                )
                return
            prop = fallback
        self.builder.add(prop, value)

    def country(self, prop: str, text: str, source_field: str) -> None:
        code, problem = read_country(text)
        if problem is not None:
            self.log.add(self.where, source_field, text, problem)
        elif code is not None:
            self(prop, code, source_field)
