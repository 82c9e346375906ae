"""Every bad /match query parameter: a 4xx envelope naming the field and what was expected."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .test_errors import error
from .test_match import one

MANY = [f"x{i}" for i in range(51)]

BAD: list[tuple[dict[str, Any], int, str, str]] = [
    ({"limit": "0"}, 422, "query.limit", "greater than or equal to 1"),
    ({"limit": "501"}, 422, "query.limit", "less than or equal to 500"),
    ({"limit": "five"}, 422, "query.limit", "valid integer"),
    ({"limit": ""}, 422, "query.limit", "valid integer"),
    ({"limit": ["3", "x"]}, 422, "query.limit", "valid integer"),  # the last value counts
    ({"threshold": "high"}, 422, "query.threshold", "valid number"),
    ({"threshold": "1.5"}, 422, "query.threshold", "less than or equal to 1"),
    ({"threshold": "nan"}, 422, "query.threshold", "less than or equal to 1"),
    ({"cutoff": "-0.1"}, 422, "query.cutoff", "greater than or equal to 0"),
    ({"algorithm": "x" * 51}, 422, "query.algorithm", "at most 50 characters"),
    ({"algorithm": "logic-v2"}, 400, "algorithm", "expected one of: best, default, sanctio-v1"),
    ({"include_dataset": MANY}, 422, "query.include_dataset", "at most 50 items"),
    ({"include_dataset": "nowhere"}, 400, "include_dataset", "expected one of: default"),
    ({"exclude_dataset": MANY}, 422, "query.exclude_dataset", "at most 50 items"),
    ({"exclude_dataset": "nowhere"}, 400, "exclude_dataset", "expected one of: default"),
    ({"exclude_schema": MANY}, 422, "query.exclude_schema", "at most 50 items"),
    ({"exclude_schema": "Alien"}, 400, "exclude_schema", "unknown schema 'Alien'"),
    ({"topics": MANY}, 422, "query.topics", "at most 50 items"),
    ({"changed_since": "x" * 41}, 422, "query.changed_since", "at most 40 characters"),
    ({"changed_since": "soon"}, 400, "changed_since", "expected YYYY-MM-DD"),
    ({"exclude_entity_ids": MANY}, 422, "query.exclude_entity_ids", "at most 50 items"),
    ({"as_of": "2024-13-01"}, 422, "query.as_of", "valid date"),
    ({"as_of": ""}, 422, "query.as_of", "valid date"),
    ({"as_of": "2999-01-01"}, 400, "as_of", "expected a past date"),
]


@pytest.mark.parametrize(("params", "status", "field", "expected"), BAD)
def test_bad_parameter_names_the_field(
    client: TestClient, params: dict[str, Any], status: int, field: str, expected: str
) -> None:
    r = client.post("/match/default", json=one("Arkady Rotenberg"), params=params)
    err = error(r, status)
    assert err["field"] == field
    assert expected in err["message"]


def test_bad_dataset_names_the_path(client: TestClient) -> None:
    err = error(client.post("/match/" + "x" * 101, json=one("Arkady Rotenberg")), 422)
    assert err["field"] == "path.dataset"
    assert "at most 100 characters" in err["message"]


def test_two_bad_parameters_are_counted(client: TestClient) -> None:
    params = {"limit": "0", "threshold": "high"}
    err = error(client.post("/match/default", json=one("X Y"), params=params), 422)
    assert err["field"] == "query.limit"
    assert err["message"].endswith("(and 1 more problem(s))")


def test_unknown_parameters_are_ignored_and_defaults_hold(client: TestClient) -> None:
    r = client.post("/match/default", json=one("Arkady Rotenberg"), params={"colour": "red"})
    assert r.status_code == 200
    data = r.json()
    assert data["limit"] == 5 and data["algorithm"] == "sanctio-v1"
    assert data["responses"]["q"]["results"][0]["id"] == "ofac-sdn:6925"
