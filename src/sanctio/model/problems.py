"""Record-level problems found while reading a list file; reported with the load."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One record-level issue: where it is, which field, the bad value, what was expected."""

    file: str
    location: str
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.field}={self.value!r}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {
            "file": self.file,
            "location": self.location,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }
