"""One benchmark query: the names screened, optional details, and the entities it should find."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

POSITIVE_CLASSES: tuple[str, ...] = (
    "cross-list",
    "typo",
    "reordered",
    "dropped-middle",
    "non-latin",
    "company",
    "vessel",
    "given-name",
)
NEGATIVE_CLASSES: tuple[str, ...] = (
    "faker-person",
    "faker-company",
    "near-miss-person",
    "near-miss-company",
)


@dataclass(frozen=True, slots=True)
class Case:
    """A query; `targets` empty for a negative. `exclude` is the query's own publisher, left
    out of the search so the query cannot find its own record."""

    id: str
    cls: str
    name: str
    schema: str
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    targets: frozenset[str] = field(default_factory=frozenset)
    exclude: str | None = None
    origin: str = ""

    @property
    def positive(self) -> bool:
        return bool(self.targets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "class": self.cls,
            "name": self.name,
            "schema": self.schema,
            "birth_dates": list(self.birth_dates),
            "nationalities": list(self.nationalities),
            "targets": sorted(self.targets),
            "exclude": self.exclude,
            "origin": self.origin,
        }
