"""Presentation helpers: scripts of names, feature rows, freshness."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctio.exceptions import InputError
from sanctio.match import Feature
from sanctio.ui.present import feature_rows, freshness, parse_day, script_of


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("PUTIN, Vladimir", "Latin"),
        ("Путин Владимир", "Cyrillic"),
        ("فلاديمير بوتين", "Arabic"),
        ("习近平", "Han"),
        ("12345", "-"),
    ],
)
def test_script_of_a_name(text: str, script: str) -> None:
    assert script_of(text) == script


def test_feature_rows_say_what_raised_and_what_lowered_the_score() -> None:
    rows = feature_rows(
        (
            Feature("name_match", 0.9, 1.0, 0.9, "vladimir putin", "PUTIN, Vladimir", "2/2"),
            Feature("birth_date", 0.0, -0.3, -0.3, "1960", "1952-10-07", "different year"),
        )
    )
    assert [(r.label, r.tone, r.effect_text) for r in rows] == [
        ("Name", "plus", "+0.90"),
        ("Birth date", "minus", "-0.30"),
    ]


def test_freshness_against_the_maximum_age() -> None:
    today = dt.date(2022, 3, 1)
    assert not freshness(dt.date(2022, 2, 26), 0, today).stale
    assert freshness(dt.date(2022, 2, 26), 2, today).stale
    assert freshness(dt.date(2022, 2, 26), 3, today).text == "3 days old of at most 3"


def test_parse_day_names_the_field() -> None:
    assert parse_day(" 2022-02-23 ", "as_of") == dt.date(2022, 2, 23)
    assert parse_day("", "as_of") is None
    with pytest.raises(InputError) as caught:
        parse_day("23/02/2022", "as_of")
    assert caught.value.field == "as_of"


def test_freshness_without_a_limit_is_unchecked() -> None:
    today = dt.date(2026, 1, 1)
    assert freshness(dt.date(2022, 2, 26), 0, today).state == "unchecked"
    assert freshness(dt.date(2025, 12, 31), 2, today).state == "fresh"
    assert freshness(dt.date(2025, 12, 1), 2, today).state == "stale"
