"""OFAC Enhanced XML features and identity documents -> FollowTheMoney properties (pure)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from sanctio.model import EntityBuilder, PartialDate, year_span
from sanctio.normalize.countries import country_code
from sanctio.sources.base import ProblemLog
from sanctio.sources.dates import parse_date_text
from sanctio.sources.ofac.wallets import wallet_currency

#: OFAC `entityType` -> FollowTheMoney schema.
SCHEMAS = {
    "Individual": "Person",
    "Entity": "LegalEntity",
    "Vessel": "Vessel",
    "Aircraft": "Airplane",
}

_COMMON = {
    "name", "alias", "previousName", "weakAlias", "notes", "program", "programId", "topics",
    "createdAt", "modifiedAt", "publisher", "sourceUrl", "country", "address", "registrationNumber",
}  # fmt: skip
_LEGAL = {
    "email", "phone", "website", "idNumber", "taxNumber", "innCode", "ogrnCode", "okpoCode",
    "leiCode", "swiftBic", "vatCode", "licenseNumber", "incorporationDate", "sector",
    "classification", "legalForm", "dunsCode",
}  # fmt: skip
_PERSON = {
    "birthDate", "birthPlace", "nationality", "citizenship", "gender", "firstName", "lastName",
    "middleName", "fatherName", "motherName", "passportNumber", "socialSecurityNumber", "title",
    "position",
}  # fmt: skip
_VESSEL = {
    "imoNumber", "mmsi", "callSign", "flag", "pastFlags", "type", "pastTypes", "tonnage",
    "grossRegisteredTonnage", "buildDate",
}  # fmt: skip
_AIRPLANE = {"serialNumber", "model", "buildDate", "type"}

#: Properties this reader writes, per schema (checked against followthemoney in the tests).
PROPS: dict[str, frozenset[str]] = {
    "LegalEntity": frozenset(_COMMON | _LEGAL),
    "Person": frozenset(_COMMON | _LEGAL | _PERSON),
    "Vessel": frozenset(_COMMON | _VESSEL),
    "Airplane": frozenset(_COMMON | _AIRPLANE),
}

#: Feature type -> (property, kind); kind says how the value is read. Unlisted types
#: (sanctions-information notes, CMIC dates, ISIN, BIK, ...) are kept in `notes` verbatim.
FEATURES: dict[str, tuple[str, str]] = {
    "Birthdate": ("birthDate", "date"),
    "Place of Birth": ("birthPlace", "text"),
    "Nationality Country": ("nationality", "country"),
    "Citizenship Country": ("citizenship", "country"),
    "Nationality of Registration": ("country", "country"),
    "Gender": ("gender", "gender"),
    "Website": ("website", "text"),
    "Email Address": ("email", "text"),
    "Phone Number": ("phone", "text"),
    "SWIFT/BIC": ("swiftBic", "text"),
    "Title": ("title", "text"),
    "Location": ("address", "text"),
    "Organization Established Date": ("incorporationDate", "date"),
    "Organization Type:": ("sector", "text"),
    "Target Type": ("classification", "text"),
    "D-U-N-S Number": ("dunsCode", "text"),
    "Vessel Registration Identification": ("imoNumber", "text"),
    "MMSI": ("mmsi", "text"),
    "Vessel Call Sign": ("callSign", "text"),
    "Other Vessel Call Sign": ("callSign", "text"),
    "Vessel Flag": ("flag", "country"),
    "Other Vessel Flag": ("pastFlags", "country"),
    "Former Vessel Flag": ("pastFlags", "country"),
    "Vessel Type": ("type", "text"),
    "VESSEL TYPE": ("type", "text"),
    "Other Vessel Type": ("pastTypes", "text"),
    "Vessel Tonnage": ("tonnage", "text"),
    "Vessel Gross Registered Tonnage": ("grossRegisteredTonnage", "text"),
    "Vessel Year of Build": ("buildDate", "date"),
    "Aircraft Model": ("model", "text"),
    "Aircraft Manufacturer's Serial Number (MSN)": ("serialNumber", "text"),
    "Aircraft Manufacturer\u2019s Serial Number (MSN)": ("serialNumber", "text"),
    "Aircraft Construction Number (also called L/N or S/N or F/N)": ("serialNumber", "text"),
    "Aircraft Manufacture Date": ("buildDate", "date"),
    "Aircraft Tail Number": ("registrationNumber", "text"),
    "Previous Aircraft Tail Number": ("registrationNumber", "text"),
}

_PASSPORT = "passportNumber"
_ID = "idNumber"
_TAX = "taxNumber"
_REG = "registrationNumber"
_LICENSE = "licenseNumber"

#: Identity document types that are company or registry numbers.
_REGISTRATIONS = (
    "Registration ID", "Registration Number", "Business Registration Number",
    "Business Registration Document #", "Company Number", "UK Company Number",
    "Commercial Registry Number", "Certificate of Incorporation Number",
    "Public Registration Number", "Government Gazette Number", "Unified Social Credit Code (USCC)",
    "United Social Credit Code Certificate (USCCC)", "Chamber of Commerce Number",
    "Enterprise Number", "Business Number", "C.R. No.", "Romanian C.R.", "LE Number",
    "Registered Charity No.", "Folio Mercantil No.", "Matricula Mercantil No",
    "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.",
    "Registration Certificate Number (Dubai)", "Central Registration System Number",
    "Economic Register Number (CBLS)", "Branch Unit Number", "Organization Code",
    "Chinese Commercial Code", "MSB Registration Number",
    "Global Intermediary Identification Number", "Trademark number", "Permit Number",
    "File Number",
)  # fmt: skip

#: Identity document type -> property; unlisted types are read as `idNumber`.
DOCUMENTS: dict[str, str] = {
    "Passport": _PASSPORT,
    "Diplomatic Passport": _PASSPORT,
    "British National Overseas Passport": _PASSPORT,
    "Stateless Person Passport": _PASSPORT,
    "Travel Document Number": _PASSPORT,
    "SSN": "socialSecurityNumber",
    "Tax ID No.": _TAX,
    "R.F.C.": _TAX,
    "RFC": _TAX,
    "RUC #": _TAX,
    "NIT #": _TAX,
    "C.I.F.": _TAX,
    "C.U.I.T.": _TAX,
    "C.U.I.": _TAX,
    "N.I.F.": _TAX,
    "RIF #": _TAX,
    "RTN": _TAX,
    "RSIN": _TAX,
    "US FEIN": _TAX,
    "Italian Fiscal Code": _TAX,
    "Fiscal Code": _TAX,
    "Paraguayan tax identification number": _TAX,
    "Romanian Tax Registration": _TAX,
    "Numero Unico de Identificacao Tributaria (NUIT)": _TAX,
    "V.A.T. Number": "vatCode",
    "Legal Entity Number": "leiCode",
    "Russian State Individual Business Registration Number Pattern (OGRNIP)": "ogrnCode",
    "Vessel Registration Identification": "imoNumber",
    "MMSI": "mmsi",
    "Aircraft Serial Identification": "serialNumber",
    "License": _LICENSE,
    "Trade License No.": _LICENSE,
    "Tourism License No.": _LICENSE,
    "Afghan Money Service Provider License Number": _LICENSE,
    "Pilot License Number": _LICENSE,
    **dict.fromkeys(_REGISTRATIONS, _REG),
}

#: Russian registry numbers OFAC files under generic labels; also written as the FtM code.
_RUSSIAN_CODES = {
    "Tax ID No.": ("innCode", (10, 12)),
    "Registration ID": ("ogrnCode", (13, 15)),
    "Registration Number": ("ogrnCode", (13, 15)),
    "Government Gazette Number": ("okpoCode", (8, 10)),
}

#: Country values that name no country on purpose; not worth a problem report.
_NO_COUNTRY = {"", "undetermined", "none identified", "unknown"}


@dataclass(slots=True)
class Record:
    """One entity being mapped: its builder, country isoCodes by refId, where problems go."""

    builder: EntityBuilder
    iso_codes: dict[str, str]
    log: ProblemLog
    location: str
    #: (currency, address) of each digital currency address feature or document.
    wallets: list[tuple[str, str]] = field(default_factory=list)

    def put(self, prop: str, *values: object) -> None:
        """Add values, keeping those the schema has no property for as labelled notes."""
        if prop in PROPS[self.builder.schema]:
            self.builder.add(prop, *values)
        else:
            self.builder.add("notes", *(f"{prop}: {v}" for v in values if str(v).strip()))

    def country(self, field: str, value: str, ref_id: str | None) -> str | None:
        """A country name (and its referenceValue id) -> code; a problem when neither maps."""
        code = country_code(value) if value else None
        if code is None and ref_id:
            code = self.iso_codes.get(ref_id, "").lower() or None
        if code is None and value.strip().lower() not in _NO_COUNTRY:
            self.log.add(self.location, field, value, "unknown country; expected a country name")
        return code


def _iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def decode_dates(from_begin: str, from_end: str, to_begin: str, to_end: str) -> list[PartialDate]:
    """A `valueDate` span -> the partial dates it states (day, month, year or year range)."""
    start = _iso(from_begin) or _iso(from_end)
    end = _iso(to_end) or _iso(to_begin) or start
    if start is None or end is None:
        raise ValueError(f"no date in valueDate: {from_begin!r}..{to_end!r}")
    if end < start:
        start, end = end, start
    if start == end:
        return [PartialDate(start.year, start.month, start.day)]
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return year_span(start.year, end.year)
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last:
        first, final = PartialDate(start.year, start.month), PartialDate(end.year, end.month)
        return [first] if first == final else [first, final]
    return [
        PartialDate(start.year, start.month, start.day),
        PartialDate(end.year, end.month, end.day),
    ]


def feature_dates(
    rec: Record, ftype: str, value: str, span: tuple[str, str, str, str] | None
) -> list[PartialDate]:
    """Dates of a DATE feature: from `valueDate` when present, else from the display text."""
    try:
        if span is not None and any(span):
            return decode_dates(*span)
        return parse_date_text(value)
    except ValueError:
        rec.log.add(rec.location, ftype, value, "unparseable date; expected e.g. 08 Feb 1980")
        return []


def apply_feature(
    rec: Record,
    ftype: str,
    value: str,
    ref_id: str | None,
    span: tuple[str, str, str, str] | None,
) -> None:
    """Map one feature; unknown or misfitting features are kept as `<type> <value>` notes;
    digital currency addresses also become the record's wallets."""
    currency = wallet_currency(ftype)
    if currency is not None and value.strip():
        rec.wallets.append((currency, value.strip()))
    prop, kind = FEATURES.get(ftype, ("", "text"))
    schema = rec.builder.schema
    if not value and span is None:
        return
    if not prop or prop not in PROPS[schema]:
        if (
            kind == "country"
            and "country" in PROPS[schema]
            and prop in ("nationality", "citizenship", "flag")
        ):
            prop = "country"
        else:
            rec.builder.add("notes", f"{ftype} {value}".strip())
            return
    if kind == "date":
        rec.put(prop, *feature_dates(rec, ftype, value, span))
    elif kind == "country":
        code = rec.country(ftype, value, ref_id)
        if code is not None:
            rec.put(prop, code)
    elif kind == "gender":
        gender = value.strip().lower()
        if gender in ("male", "female"):
            rec.put(prop, gender)
        else:
            rec.log.add(rec.location, ftype, value, "unknown gender; expected Male or Female")
    else:
        rec.put(prop, value)


def apply_document(
    rec: Record, dtype: str, number: str, country: str, country_ref: str | None
) -> None:
    """Map one identity document by its type; the issuing country goes nowhere else."""
    if not number:
        return
    currency = wallet_currency(dtype)
    if currency is not None:
        rec.wallets.append((currency, number.strip()))
        return
    schema = rec.builder.schema
    prop = DOCUMENTS.get(dtype, _ID)
    if prop not in PROPS[schema]:
        prop = _ID if _ID in PROPS[schema] else _REG
    rec.put(prop, number)
    if dtype in _RUSSIAN_CODES and schema in ("LegalEntity", "Person"):
        code_prop, lengths = _RUSSIAN_CODES[dtype]
        code = country_code(country) or rec.iso_codes.get(country_ref or "", "").lower()
        if code == "ru" and number.isdigit() and len(number) in lengths:
            rec.put(code_prop, number)
