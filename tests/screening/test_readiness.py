"""The one fail-closed check and the settings that drive it, validated when read."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctio.exceptions import InputError, NotReadyError
from sanctio.screening.readiness import ReadinessPolicy, check_ready, refusal
from sanctio.settings import Settings
from sanctio.store.versions import Version


def version(source: str, day: str, count: int = 10) -> Version:
    return Version(1, source, "test", dt.date.fromisoformat(day), "option", "f", "", count, 0)


SDN = {"ofac-sdn": version("ofac-sdn", "2024-05-01")}
DAY = dt.date(2024, 5, 10)


def test_ready_when_policy_is_met() -> None:
    policy = ReadinessPolicy(("ofac-sdn",), {"ofac-sdn": 9})
    assert refusal(SDN, policy, DAY, indexed=10) is None
    check_ready(SDN, policy, DAY)


@pytest.mark.parametrize(
    ("policy", "indexed", "words"),
    [
        (ReadinessPolicy(("eu-fsf",)), None, "required list(s) not loaded: eu-fsf"),
        (ReadinessPolicy(max_age_days={"ofac-sdn": 2}), None, "ofac-sdn is stale"),
        (ReadinessPolicy(), 9, "index is incomplete: it holds 9 of the 10"),
        (ReadinessPolicy(max_age_days={"ofac-sdn": 0}), None, "maximum age 0"),
    ],
)
def test_each_reason_refuses(policy: ReadinessPolicy, indexed: int | None, words: str) -> None:
    with pytest.raises(NotReadyError, match=words.replace("(", r"\(").replace(")", r"\)")):
        check_ready(SDN, policy, DAY, indexed=indexed)


def test_no_versions_refuses() -> None:
    assert refusal({}, ReadinessPolicy(), DAY) == "no sanctions list is loaded"


def test_age_is_counted_to_the_day_screened() -> None:
    policy = ReadinessPolicy(max_age_days={"ofac-sdn": 2})
    assert refusal(SDN, policy, dt.date(2024, 5, 3)) is None
    assert refusal(SDN, policy, dt.date(2024, 5, 4)) is not None


def test_settings_parse_the_policy() -> None:
    s = Settings.from_env(
        {
            "SANCTIO_DB": "/x.db",
            "SANCTIO_MAX_AGE_DAYS": " ofac-sdn=2, un-sc=7 ",
            "SANCTIO_REQUIRED_SOURCES": "ofac-sdn,eu-fsf",
            "SANCTIO_MAX_SHRINK": "25%",
        }
    )
    assert dict(s.max_age_days) == {"ofac-sdn": 2, "un-sc": 7}
    assert s.required_sources == ("ofac-sdn", "eu-fsf")
    assert s.max_shrink == 0.25
    assert ReadinessPolicy.from_settings(s).required_sources == ("ofac-sdn", "eu-fsf")


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("SANCTIO_MAX_AGE_DAYS", "ofac-sdn=abc", "whole number of days >= 1"),
        ("SANCTIO_MAX_AGE_DAYS", "ofac-sdn=-5", "whole number of days >= 1"),
        ("SANCTIO_MAX_AGE_DAYS", "ofac-sdn=0", "whole number of days >= 1"),
        ("SANCTIO_MAX_AGE_DAYS", "ofac-sdn", "expected SOURCE=DAYS"),
        ("SANCTIO_MAX_AGE_DAYS", "ofac-sdm=2", "unknown source 'ofac-sdm'"),
        ("SANCTIO_MAX_AGE_DAYS", "ofac-sdn=2,ofac-sdn=3", "given twice"),
        ("SANCTIO_REQUIRED_SOURCES", "ofac-sdn,eu", "unknown source 'eu'"),
        ("SANCTIO_MAX_SHRINK", "lots", "share between 0 and 1"),
        ("SANCTIO_MAX_SHRINK", "1.5", "share between 0 and 1"),
    ],
)
def test_bad_settings_name_the_variable(variable: str, value: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        Settings.from_env({"SANCTIO_DB": "/x.db", variable: value})
    assert err.value.field == variable
    assert words in str(err.value)
