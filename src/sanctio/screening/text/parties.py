"""What a payment-message parser hands the text screener: parties, free-text fields, warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: ISO 9362 BIC: 4 letters bank, 2 letters country, 2 location, optional 3 branch.
BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")


@dataclass(frozen=True, slots=True)
class Party:
    """A party or institution named in a message, screened as a name (and identifiers)."""

    field: str  # "59", "50K", "Cdtr", "CdtrAgt"
    role: str  # "beneficiary customer", "creditor agent", ...
    names: tuple[str, ...]  # as written; several when a name may wrap onto a second line
    start: int  # span of the party's name (or BIC) in the message
    end: int
    schema: str | None = None  # None: a person or an organisation
    bics: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "role": self.role,
            "names": list(self.names),
            "span": [self.start, self.end],
            "schema": self.schema,
            "bics": list(self.bics),
            "id_numbers": list(self.id_numbers),
            "birth_dates": list(self.birth_dates),
        }


@dataclass(frozen=True, slots=True)
class TextField:
    """A free-text part of a message (remittance information, instructions)."""

    field: str
    role: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """A payment message as far as it could be parsed; `complete` False means partial."""

    kind: str  # "swift-mt103", "swift-mt202", "iso20022-pacs.008", ...
    parties: tuple[Party, ...]
    texts: tuple[TextField, ...]
    warnings: tuple[str, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.warnings


def bic_forms(bic: str) -> tuple[str, ...]:
    """A BIC as given plus its 8-character head, since lists give either form."""
    bic = bic.strip().upper()
    if len(bic) == 11:
        return (bic, bic[:8])
    return (bic,)
