"""One UN INDIVIDUAL / ENTITY element -> an Entity (pure; the reader streams the file).

Decisions: entities are `LegalEntity` (the list never says company or organisation);
name parts are joined in written order into `name`, and `FIRST_NAME` is also
`firstName` when the name has more than one part (no `lastName`: the parts carry no
family-name meaning); `REFERENCE_NUMBER` is also `programId`, the listing's reference.
"""

from __future__ import annotations

from lxml import etree

from sanctio.model import Entity, EntityBuilder, clean_text
from sanctio.normalize.countries import country_code
from sanctio.sources.base import ProblemLog
from sanctio.sources.name_values import add_name_value
from sanctio.sources.un import values

PUBLISHER = "UN Security Council"

_Kids = dict[str, list[etree._Element]]
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def kids(elem: etree._Element) -> _Kids:
    """Child elements grouped by local name, in document order."""
    out: _Kids = {}
    for child in elem:
        tag = child.tag
        if isinstance(tag, str):
            out.setdefault(tag.rpartition("}")[2], []).append(child)
    return out


def text(k: _Kids, name: str) -> str:
    """The first `name` child's text, whitespace collapsed and stripped."""
    found = k.get(name)
    return clean_text(found[0].text) if found else ""


def values_of(k: _Kids, name: str) -> list[str]:
    """Non-empty texts of `<name><VALUE/>...</name>` children."""
    out: list[str] = []
    for group in k.get(name, []):
        out.extend(t for t in (clean_text(v.text) for v in group) if t)
    return out


class _Record:
    """One record being mapped: builder, problem log and the record's location."""

    def __init__(self, builder: EntityBuilder, log: ProblemLog, location: str) -> None:
        self.b = builder
        self.log = log
        self.location = location

    def problem(self, field: str, value: str, message: str) -> None:
        self.log.add(self.location, field, value, message)

    def countries(self, prop: str, field: str, value: str) -> None:
        """Codes for a country value; text that is more than a country name is kept in notes."""
        codes, unknown = values.countries(value)
        self.b.add(prop, *codes)
        if unknown or (codes and country_code(value) is None):
            self.b.add("notes", f"{field}: {value}")
        for leftover in unknown:
            self.problem(field, leftover, "unknown country; expected a country name")

    def date(self, prop: str, field: str, value: str) -> None:
        if not value:
            return
        try:
            self.b.add(prop, values.un_date(value))
        except ValueError:
            self.problem(field, value, "bad date; expected YYYY-MM-DD or YYYY")


def map_record(elem: etree._Element, source: str, log: ProblemLog) -> Entity | None:
    """Map an INDIVIDUAL or ENTITY element; None (with a problem) when it has no reference."""
    k = kids(elem)
    tag = etree.QName(elem).localname
    ref = text(k, "REFERENCE_NUMBER")
    location = f"{tag} {ref or 'DATAID ' + text(k, 'DATAID')} (line {elem.sourceline})"
    if not ref:
        log.add(location, "REFERENCE_NUMBER", "", "record without reference number; skipped")
        return None
    schema = "Person" if tag == "INDIVIDUAL" else "LegalEntity"
    rec = _Record(EntityBuilder(source, ref, schema), log, location)
    b = rec.b
    b.add("topics", "sanction")
    b.add("publisher", PUBLISHER)
    b.add("program", text(k, "UN_LIST_TYPE"))
    b.add("programId", ref)
    b.add("notes", text(k, "COMMENTS1"))
    rec.date("createdAt", "LISTED_ON", text(k, "LISTED_ON"))
    for value in values_of(k, "LAST_DAY_UPDATED"):
        rec.date("modifiedAt", "LAST_DAY_UPDATED", value)
    if schema == "Person":
        _individual(rec, k)
    else:
        _entity(rec, k)
    add_name_value(b, "alias", text(k, "NAME_ORIGINAL_SCRIPT"))
    for key, label in (("SUBMITTED_BY", "Submitted by"), ("SUBMITTED_ON", "Submitted on")):
        if text(k, key):
            b.add("notes", f"{label}: {text(k, key)}")
    for addr in k.get("INDIVIDUAL_ADDRESS", []) + k.get("ENTITY_ADDRESS", []):
        _address(rec, kids(addr))
    if not b.has("name"):
        rec.problem("FIRST_NAME", "", "record without a name")
    return b.build()


def _entity(rec: _Record, k: _Kids) -> None:
    rec.b.add("name", text(k, "FIRST_NAME"))
    for alias in k.get("ENTITY_ALIAS", []):
        ak = kids(alias)
        name, quality = text(ak, "ALIAS_NAME"), text(ak, "QUALITY")
        if not name:
            continue
        if quality.lower() == "f.k.a.":
            add_name_value(rec.b, "previousName", name)
        else:
            if quality.lower() not in ("a.k.a.", ""):
                rec.problem("ENTITY_ALIAS/QUALITY", quality, "expected a.k.a. or f.k.a.")
            add_name_value(rec.b, "alias", name)


def _individual(rec: _Record, k: _Kids) -> None:
    b = rec.b
    parts = [text(k, key) for key in _NAME_PARTS]
    b.add("name", " ".join(p for p in parts if p))
    if sum(1 for p in parts if p) > 1:
        b.add("firstName", parts[0])
    gender = text(k, "GENDER")
    if gender.lower() in ("male", "female"):
        b.add("gender", gender.lower())
    elif gender.lower() not in ("", "unknown"):
        rec.problem("GENDER", gender, "unknown gender; expected Male or Female")
    b.add("title", *values_of(k, "TITLE"))
    b.add("position", *values_of(k, "DESIGNATION"))
    for value in values_of(k, "NATIONALITY"):
        rec.countries("nationality", "NATIONALITY", value)
    for alias in k.get("INDIVIDUAL_ALIAS", []):
        _alias(rec, kids(alias))
    for dob in k.get("INDIVIDUAL_DATE_OF_BIRTH", []):
        _birth_date(rec, kids(dob))
    for pob in k.get("INDIVIDUAL_PLACE_OF_BIRTH", []):
        pk = kids(pob)
        country = text(pk, "COUNTRY")
        place = [text(pk, key) for key in ("STREET", "CITY", "STATE_PROVINCE")] + [country]
        b.add("birthPlace", _with_note(", ".join(p for p in place if p), text(pk, "NOTE")))
        if country:
            rec.countries("birthCountry", "PLACE_OF_BIRTH/COUNTRY", country)
    for doc in k.get("INDIVIDUAL_DOCUMENT", []):
        _document(rec, kids(doc))


def _alias(rec: _Record, ak: _Kids) -> None:
    name, quality = text(ak, "ALIAS_NAME"), text(ak, "QUALITY")
    if not name:
        return
    if quality.lower() == "low":
        add_name_value(rec.b, "weakAlias", name)
    else:
        if quality.lower() not in ("good", ""):
            rec.problem("INDIVIDUAL_ALIAS/QUALITY", quality, "expected Good or Low")
        add_name_value(rec.b, "alias", name)
    rec.date("birthDate", "INDIVIDUAL_ALIAS/DATE_OF_BIRTH", text(ak, "DATE_OF_BIRTH"))
    place = [text(ak, "CITY_OF_BIRTH"), text(ak, "COUNTRY_OF_BIRTH")]
    rec.b.add("birthPlace", ", ".join(p for p in place if p))
    if text(ak, "NOTE"):
        rec.b.add("notes", f"{name}: {text(ak, 'NOTE')}")


def _birth_date(rec: _Record, dk: _Kids) -> None:
    note = text(dk, "NOTE")
    fields = [text(dk, key) for key in ("TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR")]
    try:
        dates = values.dob_dates(*fields)
    except ValueError:
        rec.problem("INDIVIDUAL_DATE_OF_BIRTH", " ".join(f for f in fields if f), "bad date")
        dates = []
    if dates:
        rec.b.add("birthDate", *dates)
        if note and not values.is_approximate_note(note):
            rec.b.add("notes", f"Date of birth {' / '.join(d.iso() for d in dates)}: {note}")
        return
    if not note:
        return
    try:
        rec.b.add("birthDate", *values.note_dates(note))
    except ValueError:
        rec.problem("INDIVIDUAL_DATE_OF_BIRTH/NOTE", note, "no date in note; kept in notes")
        rec.b.add("notes", f"Date of birth: {note}")


def _document(rec: _Record, dk: _Kids) -> None:
    kind, kind2 = text(dk, "TYPE_OF_DOCUMENT"), text(dk, "TYPE_OF_DOCUMENT2")
    number, note = text(dk, "NUMBER"), text(dk, "NOTE")
    if number:
        rec.b.add(values.document_prop(kind, kind2), number)
    issued = [text(dk, key) for key in ("DATE_OF_ISSUE", "CITY_OF_ISSUE", "COUNTRY_OF_ISSUE")]
    details = [
        f"{kind2}" if kind2 else "",
        f"issuing country {text(dk, 'ISSUING_COUNTRY')}" if text(dk, "ISSUING_COUNTRY") else "",
        "issued " + ", ".join(p for p in issued if p) if any(issued) else "",
        note,
    ]
    if any(details):
        label = " ".join(p for p in (kind, number) if p) or "Document"
        rec.b.add("notes", f"{label}: " + "; ".join(d for d in details if d))


def _address(rec: _Record, ak: _Kids) -> None:
    country = text(ak, "COUNTRY")
    if country:
        rec.countries("country", "ADDRESS/COUNTRY", country)
    parts = [text(ak, key) for key in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE")]
    if any(parts):
        address = ", ".join(p for p in [*parts, country] if p)
        rec.b.add("address", _with_note(address, text(ak, "NOTE")))


def _with_note(value: str, note: str) -> str:
    return f"{value} ({note})" if value and note else value
