"""Pure presentation helpers: what a page shows about names, features, dates and freshness."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass

from sanctio.exceptions import InputError
from sanctio.match import Feature
from sanctio.model import IDENTIFIER_PROPS, Entity

#: Labels for the features sanctio-v1 explains (match/features.py); unknown ones show raw.
FEATURE_LABELS: dict[str, str] = {
    "name_match": "Name",
    "weak_alias_match": "Weak alias",
    "identifier_match": "Identifier",
    "birth_date": "Birth date",
    "nationality": "Nationality",
}
NAME_KINDS: tuple[tuple[str, str], ...] = (
    ("name", "name"),
    ("alias", "alias"),
    ("previousName", "previous name"),
    ("weakAlias", "weak alias"),
)
#: Properties shown in their own section of the entity page; the rest go to "Other details".
SHOWN_PROPS = frozenset(
    {p for p, _ in NAME_KINDS}
    | set(IDENTIFIER_PROPS)
    | {"birthDate", "nationality", "citizenship", "country", "address", "program", "publisher"}
)
_SCRIPT_NAMES = {"CJK": "Han", "HANGUL": "Hangul", "HIRAGANA": "Japanese", "KATAKANA": "Japanese"}


def script_of(text: str) -> str:
    """The writing system most letters of `text` use ("Latin", "Cyrillic", "Arabic", ...)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            try:
                word = unicodedata.name(ch).split()[0]
            except ValueError:
                continue
            counts[_SCRIPT_NAMES.get(word, word.title())] += 1
    return counts.most_common(1)[0][0] if counts else "-"


@dataclass(frozen=True, slots=True)
class NameRow:
    text: str
    kind: str
    script: str


def name_rows(entity: Entity) -> list[NameRow]:
    return [
        NameRow(value, label, script_of(value))
        for prop, label in NAME_KINDS
        for value in entity.get(prop)
    ]


def identifier_rows(entity: Entity) -> list[tuple[str, str]]:
    return [(prop, value) for prop in IDENTIFIER_PROPS for value in entity.get(prop)]


def other_rows(entity: Entity) -> list[tuple[str, str]]:
    return [
        (prop, value)
        for prop, values in sorted(entity.properties.items())
        if prop not in SHOWN_PROPS
        for value in values
    ]


@dataclass(frozen=True, slots=True)
class FeatureRow:
    """One line of an explanation: what was compared, how it scored, how it moved the total."""

    label: str
    score: float
    effect: float
    query_value: str
    list_value: str
    detail: str

    @property
    def tone(self) -> str:
        """`plus`, `minus` or `none`: drawn as a sign, a colour and a word, never colour only."""
        if self.effect > 0:
            return "plus"
        return "minus" if self.effect < 0 else "none"

    @property
    def effect_text(self) -> str:
        return f"{self.effect:+.2f}"


def feature_rows(features: tuple[Feature, ...]) -> list[FeatureRow]:
    return [
        FeatureRow(
            FEATURE_LABELS.get(f.name, f.name),
            f.score,
            f.effect,
            f.query_value or "",
            f.list_value or "",
            f.detail,
        )
        for f in features
    ]


@dataclass(frozen=True, slots=True)
class Freshness:
    """How old a list's latest version is against its configured maximum age."""

    age_days: int
    max_age_days: int  # 0: no limit configured

    @property
    def stale(self) -> bool:
        return self.max_age_days > 0 and self.age_days > self.max_age_days

    @property
    def state(self) -> str:
        """`stale`, `fresh`, or `unchecked` when no maximum age is configured."""
        if self.max_age_days <= 0:
            return "unchecked"
        return "stale" if self.stale else "fresh"

    @property
    def text(self) -> str:
        limit = f" of at most {self.max_age_days}" if self.max_age_days > 0 else ", no limit set"
        return f"{self.age_days} days old{limit}"


def freshness(published: dt.date, max_age_days: int, today: dt.date) -> Freshness:
    return Freshness((today - published).days, max_age_days)


def parse_day(value: str, field: str) -> dt.date | None:
    """A YYYY-MM-DD form field, or None when empty; InputError names the field."""
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{text!r} is not a date; expected YYYY-MM-DD") from None
