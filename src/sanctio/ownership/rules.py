"""The authorities' ownership rules, named and versioned (a change of semantics is a new version).

- `ofac-50` (OFAC, 50 Percent Rule, guidance of 13 August 2014): an entity is blocked when
  persons blocked under the SDN list own 50% or more of it in the aggregate, directly or
  indirectly. An entity the rule blocks counts as blocked for the next level and its
  holding counts in full; a holding through an entity that is not blocked counts at its
  effective share (the product of the percentages along the chain). Control alone does
  not block. Lists: `ofac-sdn` only: entries of the non-SDN consolidated list (`ofac-cons`:
  SSI, NS-MBS, CMIC, ...) are not blocked persons, so they make no one blocked.
- `eu-owned-controlled` (Council Regulation 269/2014 art. 2, EU best practices on
  ownership and control): owned (more than 50% of the proprietary rights) or controlled by
  one listed person, directly or through entities that person owns or controls (whose
  holdings count in full); holdings of different listed persons are not added up. Lists:
  `eu-fsf`.
- `uk-owned-controlled` (Russia (Sanctions) (EU Exit) Regulations 2019 reg. 7, OFSI
  guidance): the same test with UK designations: `uk-ofsi`, `uk-fcdo`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctio.exceptions import InputError


@dataclass(frozen=True, slots=True)
class Rule:
    """One authority's owned-or-controlled rule."""

    name: str
    version: str
    authority: str
    sources: tuple[str, ...]
    aggregate: bool  # holdings of several listed persons add up (OFAC) or not (EU, UK)
    inclusive: bool  # threshold reached at 50% (OFAC) or only above it (EU, UK)
    control: bool  # control alone suffices
    summary: str

    @property
    def label(self) -> str:
        return f"{self.name}/{self.version}"

    def reached(self, share: float) -> bool:
        """Share (0-1) meets the threshold; 1e-9 absorbs float rounding of decimal sums."""
        return share >= 0.5 - 1e-9 if self.inclusive else share > 0.5 + 1e-9


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "ofac-50",
            "1",
            "OFAC",
            ("ofac-sdn",),
            True,
            True,
            False,
            "owned 50% or more, directly or indirectly, in the aggregate by blocked persons",
        ),
        Rule(
            "eu-owned-controlled",
            "1",
            "EU",
            ("eu-fsf",),
            False,
            False,
            True,
            "owned more than 50% or controlled by one person listed by the EU",
        ),
        Rule(
            "uk-owned-controlled",
            "1",
            "UK",
            ("uk-ofsi", "uk-fcdo"),
            False,
            False,
            True,
            "owned more than 50% or controlled by one person designated by the UK",
        ),
    )
}


def rules(names: str | None = None) -> tuple[Rule, ...]:
    """Rules by comma-separated names (all when None); InputError for an unknown one."""
    if names is None:
        return tuple(RULES.values())
    out: list[Rule] = []
    for name in (n.strip() for n in names.split(",") if n.strip()):
        if name not in RULES:
            raise InputError("rule", f"{name!r}: expected one of {', '.join(RULES)}")
        out.append(RULES[name])
    return tuple(out)
