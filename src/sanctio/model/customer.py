"""One customer record read for screening: its position and mapped field values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One input record: its position, mapped field values, or why it could not be read."""

    line: int
    fields: dict[str, str]
    error: str | None = None

    @property
    def query_id(self) -> str:
        return self.fields.get("id") or f"line:{self.line}"
