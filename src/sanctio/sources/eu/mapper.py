"""One EU FSF `sanctionEntity` element (XML 1.1) -> one Entity (pure).

Rules from research/formats.md section 4: the first strong `nameAlias` is the name, the
other strong ones (including translations, `@nameLanguage`) are aliases, and
`@strong="false"` (or absent), or a remark saying "low quality", makes a weak alias.
Empty attributes and absent ones mean the same; `countryIso2Code="00"` / `UNKNOWN` is
no country. Partial birth dates come from `@year` / `@monthOfYear` / `@dayOfMonth`
(unpadded) when `@birthdate` is absent; year ranges from `@yearRangeFrom/To`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from sanctio.model import EntityBuilder, PartialDate, year_span
from sanctio.normalize.countries import country_code

PUBLISHER = "EU"

#: Problem reporter: (field, value, message).
Report = Callable[[str, str, str], None]
Element = etree._Element

_SCHEMAS = {"person": "Person", "p": "Person", "enterprise": "Organization", "e": "Organization"}
#: `identificationTypeCode` -> property (OpenSanctions' eu_fsf.yml handles the same codes).
ID_TYPES: dict[str, str] = {
    "passport": "passportNumber",
    "id": "idNumber",
    "other": "idNumber",
    "ssn": "idNumber",
    "birthcert": "idNumber",
    "nationcert": "idNumber",
    "travelcardid": "idNumber",
    "electionid": "idNumber",
    "residentperm": "idNumber",
    "drivinglicence": "idNumber",
    "nrn": "idNumber",
    "tradelic": "registrationNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
}
#: Where Person-only values go on an enterprise (None: left out, the name holds them).
_NON_PERSON: dict[str, str | None] = {
    "birthDate": "incorporationDate",
    "birthCountry": "country",
    "nationality": "country",
    "passportNumber": "idNumber",
    "birthPlace": "notes",
    "position": "notes",
    "title": "notes",
    "firstName": None,
    "middleName": None,
    "lastName": None,
    "gender": None,
}
_CONTACTS = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website"}
_LETTERS = re.compile(r"\(\s*[a-e]\s*\)\s*")
_PLACEHOLDER = {"", "00", "unknown"}
_DATE_ATTRS = (
    "birthdate", "year", "monthOfYear", "dayOfMonth", "month", "day", "yearRangeFrom",
    "yearRangeTo",
)  # fmt: skip


def local(tag: object) -> str:
    """`{http://eu.europa.ec/fpi/fsd/export}nameAlias` -> `nameAlias`."""
    return str(tag).rsplit("}", 1)[-1]


def attr(elem: Element, name: str) -> str:
    return " ".join((elem.get(name) or "").split())


def children(elem: Element, name: str) -> list[Element]:
    return [c for c in elem if isinstance(c.tag, str) and local(c.tag) == name]


def texts(elem: Element, name: str) -> list[str]:
    return [
        " ".join((c.text or "").split()) for c in children(elem, name) if (c.text or "").strip()
    ]


def lettered(value: str) -> list[str]:
    """`(a) Mullah, (b) Maulavi` -> [Mullah, Maulavi]."""
    return [p.strip(" ,;") for p in _LETTERS.split(value) if p.strip(" ,;")]


class EntityMapper:
    """Builds one entity; each helper reads one kind of child element."""

    def __init__(self, entry: Element, source: str, native_id: str, report: Report) -> None:
        self.entry = entry
        self.report = report
        subject = next(iter(children(entry, "subjectType")), None)
        code = attr(subject, "code") if subject is not None else ""
        klass = attr(subject, "classificationCode") if subject is not None else ""
        schema = _SCHEMAS.get(code.lower()) or _SCHEMAS.get(klass.lower())
        if schema is None:
            report(
                "subjectType", code or klass, "expected person or enterprise; read as LegalEntity"
            )
            schema = "LegalEntity"
        self.schema = schema
        self.b = EntityBuilder(source, native_id, schema)

    def put(self, prop: str, *values: object) -> None:
        """Add values under the property the schema has (FtM Person has no imoNumber, ...)."""
        target: str | None = prop
        if self.schema != "Person" and prop in _NON_PERSON:
            target = _NON_PERSON[prop]
        if prop == "imoNumber" and self.schema != "Organization":
            target = "idNumber"
        if target is not None:
            self.b.add(target, *values)

    def country(self, elem: Element, fld: str) -> str | None:
        code = attr(elem, "countryIso2Code").lower()
        description = attr(elem, "countryDescription")
        if code in _PLACEHOLDER and description.lower() in _PLACEHOLDER:
            return None
        if code == "cs":  # Serbia and Montenegro, obsolete
            return "rs"
        if len(code) == 2 and code not in _PLACEHOLDER:
            return code
        found = country_code(description)
        if found is None:
            self.report(fld, description, "not a known country; left out")
        return found

    def names(self) -> None:
        strong_seen = False
        for alias in children(self.entry, "nameAlias"):
            whole = attr(alias, "wholeName") or " ".join(
                attr(alias, a) for a in ("firstName", "middleName", "lastName") if attr(alias, a)
            )
            weak = attr(alias, "strong").lower() != "true"
            for remark in texts(alias, "remark"):
                low = remark.lower()
                if "low quality" in low or "lo quality" in low:
                    weak = True
                elif not re.search(r"(good|god|high) quality", low):
                    self.put("notes", remark)
            if whole:
                prop = "weakAlias" if weak else ("alias" if strong_seen else "name")
                strong_seen = strong_seen or not weak
                self.put(prop, whole)
            if weak:
                continue
            self.put("firstName", attr(alias, "firstName"))
            self.put("middleName", attr(alias, "middleName"))
            self.put("lastName", attr(alias, "lastName"))
            self.put("title", *lettered(attr(alias, "title")))
            self.put("position", *lettered(attr(alias, "function")))
            gender = {"M": "male", "F": "female"}.get(attr(alias, "gender").upper())
            self.put("gender", gender)
        if not self.b.has("name"):
            weak_names = self.b.get("weakAlias")
            if not weak_names:
                self.report("nameAlias", "", "entity without a name")
                return
            self.report("nameAlias", weak_names[0], "no strong name; the first weak alias is used")
            self.put("name", weak_names[0])

    def birthdates(self) -> None:
        for node in children(self.entry, "birthdate"):
            self.put("birthDate", *self._dates(node))
            place = [attr(node, a) for a in ("place", "city", "zipCode", "region")]
            code = self.country(node, "birthdate/countryDescription")
            description = attr(node, "countryDescription")
            if code is not None:
                place.append(description)
                self.put("birthCountry", code)
            self.put("birthPlace", ", ".join(dict.fromkeys(p for p in place if p)))
            self.put("notes", *texts(node, "remark"))

    def _dates(self, node: Element) -> list[PartialDate]:
        full = attr(node, "birthdate")
        try:
            if full:
                return [PartialDate.from_iso(full[:10])]
            year = attr(node, "year")
            if year:
                month = attr(node, "monthOfYear") or attr(node, "month")
                day = attr(node, "dayOfMonth") or attr(node, "day")
                month_n = int(month) if month else None
                return [PartialDate(int(year), month_n, int(day) if day and month_n else None)]
            start, end = attr(node, "yearRangeFrom"), attr(node, "yearRangeTo")
            if start and end:
                return year_span(int(start), int(end))
            if start or end:
                return [PartialDate(int(start or end))]
        except ValueError:
            shown = " ".join(f'{k}="{attr(node, k)}"' for k in _DATE_ATTRS if attr(node, k))
            self.report("birthdate", shown, "not a valid date; left out")
        return []

    def citizenships(self) -> None:
        prop = "nationality" if self.schema == "Person" else "country"
        for node in children(self.entry, "citizenship"):
            self.put(prop, self.country(node, "citizenship/countryDescription"))

    def addresses(self) -> None:
        for node in children(self.entry, "address"):
            po_box = attr(node, "poBox")
            parts = [attr(node, "street"), f"PO Box {po_box}" if po_box else "",
                     attr(node, "zipCode"), attr(node, "city"), attr(node, "region"),
                     attr(node, "place")]  # fmt: skip
            code = self.country(node, "address/countryDescription")
            if code is not None:
                parts.append(attr(node, "countryDescription"))
                self.put("country", code)
            self.put("address", ", ".join(dict.fromkeys(p for p in parts if p)))
            self.put("notes", *texts(node, "remark"))
            for contact in children(node, "contactInfo"):
                self._contact(attr(contact, "key").upper(), attr(contact, "value"))

    def _contact(self, key: str, value: str) -> None:
        prop = _CONTACTS.get(key)
        if prop is None:
            self.report("contactInfo", f"{key}: {value}", "unknown contact key; kept in notes")
            self.put("notes", f"{key}: {value}")
            return
        for item in re.split(r"\s*[,;]\s*", value):
            self.put(prop, item.replace(" ", "") if prop == "email" else item)

    def identifications(self) -> None:
        for node in children(self.entry, "identification"):
            code = attr(node, "identificationTypeCode")
            prop = ID_TYPES.get(code.lower())
            numbers = [attr(node, "number"), attr(node, "latinNumber")]
            if prop is None:
                self.report("identificationTypeCode", code, "unknown type; read as idNumber")
                prop = "idNumber"
            self.put(prop, *numbers)
            label = attr(node, "identificationTypeDescription") or code
            number = next((n for n in numbers if n), "")
            self.put("notes", *(f"{label} {number}: {r}" for r in texts(node, "remark")))

    def regulations(self) -> None:
        starts = [attr(self.entry, "designationDate")]
        updates: list[str] = []
        for node in children(self.entry, "regulation"):
            self.put("program", attr(node, "programme"))
            self.put("sourceUrl", *texts(node, "publicationUrl"))
            starts.append(attr(node, "entryIntoForceDate"))
            updates.append(attr(node, "entryIntoForceDate"))
        self.put("createdAt", *self._earliest(starts, "designationDate/entryIntoForceDate"))
        latest = sorted(self._valid(updates, "regulation/entryIntoForceDate"))[-1:]
        self.put("modifiedAt", *latest)

    def _valid(self, values: list[str], fld: str) -> list[PartialDate]:
        out: list[PartialDate] = []
        for value in values:
            if not value:
                continue
            try:
                out.append(PartialDate.from_iso(value[:10]))
            except ValueError:
                self.report(fld, value, "expected a yyyy-mm-dd date; left out")
        return out

    def _earliest(self, values: list[str], fld: str) -> list[PartialDate]:
        return sorted(self._valid(values, fld))[:1]

    def build(self) -> EntityBuilder:
        self.names()
        self.put("notes", *texts(self.entry, "remark"), attr(self.entry, "designationDetails"))
        un_id = attr(self.entry, "unitedNationId")
        self.put("notes", f"UN reference number: {un_id}" if un_id else "")
        self.regulations()
        self.citizenships()
        self.birthdates()
        self.addresses()
        self.identifications()
        self.put("topics", "sanction")
        self.put("publisher", PUBLISHER)
        return self.b
