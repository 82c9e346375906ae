"""Identifiers (passport, ID, tax, IMO, LEI, BIC...) -> one comparable form."""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_IMO = re.compile(r"^IMO(?=\d{7}$)")
#: SWIFT/BIC: bank (4 letters), country (2 letters), location and branch; often no digit.
_BIC = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")

#: Shorter values ("12", "A1") collide by chance across lists and prove nothing.
MIN_IDENTIFIER_LENGTH = 4


def clean_identifier(value: str) -> str:
    """`ab 12-34.56` -> `AB123456`; `IMO 9187629` -> `9187629`; '' when too short."""
    text = _NON_ALNUM.sub("", value.upper())
    text = _IMO.sub("", text)
    if len(text) < MIN_IDENTIFIER_LENGTH:
        return ""
    # Identifiers carry digits; all-letter words are names, except a BIC written as one.
    if not any(ch.isdigit() for ch in text) and not _BIC.match(text):
        return ""
    return text
