"""Identifiers (passport, ID, tax, IMO, LEI, BIC...) -> one comparable form."""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_IMO = re.compile(r"^IMO(?=\d{7}$)")

#: Shorter values ("12", "A1") collide by chance across lists and prove nothing.
MIN_IDENTIFIER_LENGTH = 4


def clean_identifier(value: str) -> str:
    """`ab 12-34.56` -> `AB123456`; `IMO 9187629` -> `9187629`; '' when too short."""
    text = _NON_ALNUM.sub("", value.upper())
    text = _IMO.sub("", text)
    if len(text) < MIN_IDENTIFIER_LENGTH or not any(ch.isdigit() for ch in text):
        return ""
    return text
