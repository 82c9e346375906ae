"""OFAC identity-document and registration types -> FollowTheMoney properties (shared table).

The keys are the type names as OFAC writes them, both as `Remarks` keys in the legacy CSV
(`Passport 1084010 (Egypt)`) and as `identityDocument/type` in the Enhanced XML.
"""

from __future__ import annotations

import re

_PASSPORT = (
    "Passport",
    "Diplomatic Passport",
    "Passport Booklet",
    "Passport No.",
    "British National Overseas Passport",
    "Stateless Person Passport",
)

_PERSONAL_ID = (
    "National ID No.",
    "Identification Number",
    "Cedula No.",
    "C.U.R.P.",
    "C.U.R.P. #",
    "D.N.I.",
    "Personal ID Card",
    "National Foreign ID Number",
    "Credencial electoral",
    "Cartilla de Servicio Militar Nacional",
    "Birth Certificate Number",
    "Driver's License No.",
    "Electoral Registry No.",
    "Citizen's Card Number",
    "Turkish Identification Number",
    "Kenyan ID No.",
    "Travel Document Number",
    "Refugee ID Card",
    "Stateless Person ID Card",
    "Residency Number",
    "Tazkira National ID Card",
    "I.F.E.",
    "C.U.I.P.",
    "Numero de Identidad",
    "SSN",
    "VisaNumberID",
    "N.I.E.",
    "Bosnian Personal ID No.",
    "Moroccan Personal ID No.",
    "CNP (Personal Numerical Code)",
    "Romanian Permanent Resident CAN",
    "UAE Identification",
    "Seafarer's Identification Document",
    "Immigration No.",
    "Public Security and Immigration No.",
    "Military Registration Number",
    "Permit Number",
    "SRE Permit No.",
    "Tarjeta Profesional",
)

_TAX = (
    "Tax ID No.",
    "R.F.C.",
    "R.F.C. #",
    "RFC",
    "NIT #",
    "RUC #",
    "RIF #",
    "US FEIN",
    "C.U.I.T.",
    "C.U.I.",
    "C.I.F.",
    "RTN",
    "RSIN",
    "Italian Fiscal Code",
    "Fiscal Code",
    "Romanian Tax Registration",
    "Paraguayan tax identification number",
    "Numero Unico de Identificacao Tributaria (NUIT)",
)

_REGISTRATION = (
    "Registration Number",
    "Registration ID",
    "Business Registration Number",
    "Business Registration Document #",
    "Government Gazette Number",
    "Company Number",
    "UK Company Number",
    "Commercial Registry Number",
    "C.R. No.",
    "Romanian C.R.",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "Chamber of Commerce Number",
    "Istanbul Chamber of Comm. No.",
    "Dubai Chamber of Commerce Membership No.",
    "Economic Register Number (CBLS)",
    "Central Registration System Number",
    "Enterprise Number",
    "Branch Unit Number",
    "Certificate of Incorporation Number",
    "Public Registration Number",
    "Business Number",
    "LE Number",
    "Registered Charity No.",
    "File Number",
    "MSB Registration Number",
    "Organization Code",
    "BIK (RU)",
)

_LICENSE = (
    "Trade License No.",
    "License",
    "Tourism License No.",
    "Pilot License Number",
    "Afghan Money Service Provider License Number",
)

#: OFAC identifier type -> FollowTheMoney property.
ID_TYPE_PROPS: dict[str, str] = {
    **dict.fromkeys(_PASSPORT, "passportNumber"),
    **dict.fromkeys(_PERSONAL_ID, "idNumber"),
    **dict.fromkeys(_TAX, "taxNumber"),
    **dict.fromkeys(_REGISTRATION, "registrationNumber"),
    **dict.fromkeys(_LICENSE, "licenseNumber"),
    "V.A.T. Number": "vatCode",
    "Unified Social Credit Code (USCC)": "uscCode",
    "United Social Credit Code Certificate (USCCC)": "uscCode",
    "D-U-N-S Number": "dunsCode",
    "Legal Entity Number": "leiCode",
    "SWIFT/BIC": "swiftBic",
}

_IMO = re.compile(r"^IMO\s*(\d{7})$")
_AFTER_NUMBER = re.compile(r"\s+(?:issued|expires|expired)\b.*$", re.S)
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_LABEL = re.compile(r"^(?:#\s*|[A-Za-z.]{2,10}:\s+)")


def imo_number(text: str) -> str | None:
    """`IMO 7406784` or a bare 7-digit number with a valid check digit -> `IMO7406784`."""
    t = text.strip()
    m = _IMO.match(t)
    digits = m.group(1) if m else (t if len(t) == 7 and t.isdigit() else None)
    if digits is None:
        return None
    check = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True)) % 10
    if m is None and check != int(digits[6]):
        return None
    return f"IMO{digits}"


def split_document(value: str) -> tuple[str, list[str]]:
    """`E590976 (Tunisia) issued 19 Jun 1987` -> (`E590976`, [`Tunisia`]).

    Cuts `issued`/`expires` clauses and trailing parenthesised groups (issuing country,
    sometimes a place) and a leading label such as `CNIC:`; keeps the number as written.
    """
    number = _AFTER_NUMBER.sub("", value.strip())
    notes: list[str] = []
    while m := _TRAILING_PAREN.search(number):
        notes.insert(0, m.group(1).strip())
        number = number[: m.start()]
    number = _LABEL.sub("", number.strip()).strip()
    if not number and notes:
        number = notes.pop(0)
    return number.rstrip(",;").strip(), notes
