"""POST /match's fast path: FastAPI's answers, byte for byte, without FastAPI's per-request work."""

from __future__ import annotations

import json
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctio.api.match_params import MatchParams
from sanctio.api.schemas import EntityMatchResponse

from .test_match import YENTE_EXAMPLE, one

#: JSON to FastAPI (a `+json` type), but not the plain application/json the fast path takes.
VIA_FASTAPI = "application/vnd.sanctio+json"


def post(client: TestClient, body: bytes, content_type: str, params: Any = None) -> Any:
    return client.post(
        "/match/default", content=body, params=params, headers={"content-type": content_type}
    )


def answers(r: Any) -> tuple[int, str | None, str]:
    return r.status_code, r.headers.get("x-batch-size"), r.text


def test_well_formed_requests_skip_dependency_solving(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    solved: list[str] = []
    real = fastapi.routing.solve_dependencies

    async def counting(**kwargs: Any) -> Any:
        solved.append(kwargs["request"].url.path)
        return await real(**kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counting)
    body = json.dumps(YENTE_EXAMPLE).encode()
    fast = post(client, body, "application/json", {"limit": 3, "topics": "sanction"})
    assert fast.status_code == 200 and solved == []
    slow = post(client, body, VIA_FASTAPI, {"limit": 3, "topics": "sanction"})
    assert solved == ["/match/default"]
    assert answers(fast) == answers(slow)


def test_well_formed_requests_skip_the_middleware_stack(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    through: list[str] = []
    real = FastAPI.__call__

    async def counting(self: FastAPI, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            through.append(scope["path"])
        await real(self, scope, receive, send)

    monkeypatch.setattr(FastAPI, "__call__", counting)
    body = json.dumps(YENTE_EXAMPLE).encode()
    fast = post(client, body, "application/json")
    assert fast.status_code == 200 and through == []
    slow = post(client, body, VIA_FASTAPI)
    assert through == ["/match/default"]
    assert answers(fast) == answers(slow)
    # No Content-Length (a chunked body): the full application reads it, same answer.
    chunked = client.post(
        "/match/default",
        content=iter([body[:10], body[10:]]),
        headers={"content-type": "application/json"},
    )
    assert through == ["/match/default", "/match/default"]
    assert answers(chunked) == answers(fast)
    # Refusals come from the full application, with its envelope.
    bad = post(client, b'{"queries": {', "application/json")
    assert bad.status_code == 422 and bad.json()["error"]["field"]
    assert through[-1] == "/match/default" and len(through) == 3


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"limit": 1, "threshold": 0.99},
        {"cutoff": 0.9, "algorithm": "sanctio-v1"},
        {"exclude_schema": "Company", "include_dataset": ["ofac-sdn", "un-sc"]},
        {"as_of": "2023-01-01", "changed_since": "2021-01-01T10:00"},
        {"exclude_entity_ids": "ofac-sdn:6925", "exclude_dataset": "un-sc"},
    ],
)
def test_response_is_what_the_response_model_would_render(
    client: TestClient, params: dict[str, Any]
) -> None:
    r = client.post("/match/default", json=YENTE_EXAMPLE, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    rendered = EntityMatchResponse.model_validate_json(r.content).model_dump_json(by_alias=True)
    assert r.content == rendered.encode()


def test_a_chunked_body_over_the_limit_is_refused(client: TestClient) -> None:
    chunks = iter([b'{"queries": {"q": "' + b"x" * 600_000, b"x" * 600_000 + b'"}}'])
    r = client.post("/match/default", content=chunks, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "body_too_large"


EDGE_BODIES = [
    b"",
    b"[]",
    b'{"queries": {',
    b'{"queries": {}}',
    b'{"queries": {"q": {"schema": "Person"}}}',
    b"\xef\xbb\xbf" + json.dumps(one("Arkady Rotenberg")).encode(),  # BOM: json.loads takes it
    b'{"queries": {"q": {"schema": "Person", "properties": {"name": "\\ud800"}}}}',
    b'{"queries": {"q": {"schema": "Person", "properties": {"name": "A"}}}, "weights": {"x": NaN}}',
    b'{"queries": {"q": {"schema": "Person", "properties": {"name": ["A"], "name": ["B C"]}}}}',
    json.dumps(one("Arkady Rotenberg")).encode() + b"\n",
]


@pytest.mark.parametrize("body", EDGE_BODIES)
def test_edge_bodies_answer_as_fastapi_would(client: TestClient, body: bytes) -> None:
    assert answers(post(client, body, "application/json")) == answers(
        post(client, body, VIA_FASTAPI)
    )


def test_other_content_types_are_fastapis_to_refuse(client: TestClient) -> None:
    body = json.dumps(one("Arkady Rotenberg")).encode()
    r = post(client, body, "text/plain")
    assert r.status_code == 422 and r.json()["error"]["field"] == "body"
    r = client.post("/match/default", content=body)  # no content type at all
    assert r.status_code == 422 and r.json()["error"]["field"] == "body"
    assert post(client, body, "application/json; charset=utf-8").status_code == 200


PARAMS = [*MatchParams.model_fields, "unknown"]
VALUES = st.one_of(
    st.sampled_from(
        [
            *("", "0", "1", "5", "0.7", "501", "-1", "nan", "best", "sanctio-v1", "x" * 60),
            *("ofac-sdn", "un-sc", "nowhere", "Company", "sanction", "ofac-sdn:6925"),
            *("2023-01-01", "2999-01-01", "2024-13-01", "2021-01-01T10:00"),
        ]
    ),
    st.text(max_size=8),
)
QUERIES = st.one_of(st.just([]), st.lists(st.tuples(st.sampled_from(PARAMS), VALUES), max_size=4))
NAME = st.sampled_from(["Arkady Rotenberg", "Stroygazmontazh", "Vladimir Putin", "al-Qaida"])
EXAMPLE = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(["Person", "Company", "LegalEntity", "Vessel", "Alien"]),
        "properties": st.fixed_dictionaries(
            {"name": st.one_of(NAME, st.lists(NAME, max_size=2), st.text(max_size=20))},
            optional={
                "birthDate": st.sampled_from(["1951", "1951-12-15", "soon"]),
                "nationality": st.sampled_from([["ru"], ["eg", "Narnia"]]),
                "wingspan": st.just(["40m"]),
            },
        ),
    },
    optional={"id": st.one_of(st.none(), st.text(max_size=5), st.integers())},
)
BODIES = st.one_of(
    st.builds(
        lambda queries, extra: json.dumps({"queries": queries, **extra}).encode(),
        st.dictionaries(st.sampled_from(["q", "r", "s"]), EXAMPLE, min_size=1, max_size=3),
        st.sampled_from([{}, {}, {"weights": {}}, {"config": {"a": 1}}, {"other": 1}]),
    ),
    st.binary(max_size=40),
)


@given(params=QUERIES, body=BODIES)
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_any_request_answers_as_fastapi_would(
    client: TestClient, params: list[tuple[str, str]], body: bytes
) -> None:
    fast = post(client, body, "application/json", params)
    assert fast.status_code != 500, fast.text
    assert answers(fast) == answers(post(client, body, VIA_FASTAPI, params))
