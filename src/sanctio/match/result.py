"""Scored, explained results: each feature keeps the values it compared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sanctio.runtime import field_values


@dataclass(frozen=True, slots=True, init=False)
class Feature:
    """One piece of evidence: its score, how much it moved the total, and what it compared.

    `weight` is the feature's weight in the algorithm (negative for penalties);
    `effect` what it added to (or took from) this result's score.
    """

    name: str
    score: float
    weight: float
    effect: float
    query_value: str | None = None
    list_value: str | None = None
    detail: str = ""

    # Written out: compiled (setup.py), this builds the object natively, where the
    # dataclass's own __init__ would run interpreted (tests/test_build.py).
    def __init__(
        self,
        name: str,
        score: float,
        weight: float,
        effect: float,
        query_value: str | None = None,
        list_value: str | None = None,
        detail: str = "",
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "effect", effect)
        object.__setattr__(self, "query_value", query_value)
        object.__setattr__(self, "list_value", list_value)
        object.__setattr__(self, "detail", detail)

    def __reduce__(self) -> tuple[type[Feature], tuple[object, ...]]:
        return Feature, field_values(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": round(self.score, 4),
            "weight": self.weight,
            "effect": round(self.effect, 4),
            "query_value": self.query_value,
            "list_value": self.list_value,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Score in [0, 1] for one query against one list entity, with its features."""

    score: float
    features: list[Feature] = field(default_factory=list)

    def __reduce__(self) -> tuple[type[MatchResult], tuple[object, ...]]:
        return MatchResult, field_values(self)

    def feature(self, name: str) -> Feature | None:
        return next((f for f in self.features if f.name == name), None)
