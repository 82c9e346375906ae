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
    # Issue 15 (built last so the classes above draw the same cases as before).
    "arabic-script",
    "persian-org",
    "persian-org-translated",
    "arabic-latin",
    "company-descriptive",
)
#: Aggregate rows: "all" positives, and apart the classes before issue 15 and its own.
ISSUE15_CLASSES: tuple[str, ...] = POSITIVE_CLASSES[POSITIVE_CLASSES.index("arabic-script") :]
AGGREGATES: dict[str, tuple[str, ...]] = {
    "all": POSITIVE_CLASSES,
    "all-before-15": tuple(c for c in POSITIVE_CLASSES if c not in ISSUE15_CLASSES),
    "all-issue-15": ISSUE15_CLASSES,
}
NEGATIVE_CLASSES: tuple[str, ...] = (
    "faker-person",
    "faker-company",
    "near-miss-person",
    "near-miss-company",
)
#: Negatives reported per locale but left out of the false-alert thresholds, so those stay
#: set on the same mix as before: extra Chinese (zh_CN, zh_TW) and Korean customers.
EXTRA_NEGATIVE_CLASSES: tuple[str, ...] = ("faker-cjk",)


@dataclass(frozen=True, slots=True)
class Case:
    """A query; `targets` empty for a negative. `exclude` is the query's own publisher, left
    out of the search so the query cannot find its own record; `also_exclude` other
    publishers left out (those holding the query's own script, for the Arabic-script
    classes). `locale` is the Faker locale of a Faker negative."""

    id: str
    cls: str
    name: str
    schema: str
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    targets: frozenset[str] = field(default_factory=frozenset)
    exclude: str | None = None
    origin: str = ""
    also_exclude: tuple[str, ...] = ()
    locale: str = ""

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
            "also_exclude": list(self.also_exclude),
            "locale": self.locale,
        }
