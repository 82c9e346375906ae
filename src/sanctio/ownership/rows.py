"""What readers of ownership files yield before checking: raw parties and holdings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawParty:
    """A party as one row states it; rows naming the same key are merged."""

    key: str
    schema: str  # "" when the row does not say
    properties: Mapping[str, tuple[str, ...]]
    linked_ids: tuple[str, ...]
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class RawHolding:
    """A holding with its values as written (checked by `reading.check`)."""

    owner: str
    asset: str
    percentage: str
    start: str
    end: str
    control: bool
    role: str
    file: str
    line: int
