"""Property-based: no input to any route of the app's own OpenAPI schema yields a 500."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.failures import FailureGroup

from sanctio.store.keys import KeyStore

from .conftest import build_app, make_store


@pytest.fixture(scope="session")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    # Own store: the upload route may be fed something a reader accepts.
    return build_app(make_store(tmp_path_factory.mktemp("fuzz") / "sanctio.db"))


@pytest.fixture(scope="session")
def api_schema(fuzzed_app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


PICK = st.tuples(
    st.sampled_from(["default", "sanctions", "ofac-sdn", "un-sc", "eu-fsf"]),
    st.sampled_from(["ofac-sdn", "un-sc", "ftm", "uk-ofsi"]),
    st.sampled_from(["ofac-sdn:6925", "ofac-sdn:7777", "un-sc:QDi.001", "x:y"]),
)


def check(case: Any) -> None:
    response = case.call()
    where = f"{case.method} {case.formatted_path}"
    assert response.status_code != 500, (where, case.query, case.body, response.text)
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}, (where, response.text)
        assert set(body["error"]) == {"code", "message", "field"}, (where, response.text)
        if response.status_code == 503:  # a known source not loaded
            message = body["error"]["message"]
            assert "list is loaded" in message, (where, message)


@pytest.mark.slow
def test_no_server_error_on_any_input(api_schema: Any) -> None:
    # Driven by hand rather than schemathesis' pytest plugin, one Hypothesis run per route.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy(), valid=st.sampled_from([True, False]), pick=PICK)
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any, valid: bool, pick: tuple[str, str, str]) -> None:
            if valid and case.path_parameters:
                # Random path values are almost all 404s; real names reach the logic behind.
                for name, value in zip(("dataset", "source", "entity_id"), pick, strict=True):
                    if name in case.path_parameters:
                        case.path_parameters[name] = value
            check(case)

        run()


NAMES = st.lists(st.text(min_size=0, max_size=60), min_size=0, max_size=4)
EXAMPLES = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(["Person", "Company", "Organization", "LegalEntity", "Thing"]),
        "properties": st.fixed_dictionaries(
            {"name": NAMES},
            optional={
                "birthDate": st.lists(st.text(max_size=12), max_size=2),
                "nationality": st.lists(st.text(max_size=20), max_size=2),
                "idNumber": st.lists(st.text(max_size=30), max_size=2),
            },
        ),
    }
)


@given(
    queries=st.dictionaries(st.text(min_size=1, max_size=8), EXAMPLES, min_size=1, max_size=3),
    threshold=st.floats(0, 1),
    limit=st.integers(1, 500),
)
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_match_any_names_no_server_error(
    queries: dict[str, Any], threshold: float, limit: int, client: Any
) -> None:
    """Names in any script, broken dates and countries: 200 or a 400 naming the field."""
    r = client.post(
        "/match/default",
        json={"queries": queries},
        params={"threshold": threshold, "limit": limit},
    )
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert r.json()["error"]["field"].startswith("queries.")
    else:
        assert set(r.json()["responses"]) == set(queries)


#: 503 is a documented reply (not ready); a 500 is checked apart.
CONFORMANCE = [
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture(scope="session")
def keyed_schema(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    """The schema of an app with keys on, and an admin key (admin may use every route)."""
    db = make_store(tmp_path_factory.mktemp("fuzz-keyed") / "sanctio.db")
    app = build_app(db, auth=True)
    with KeyStore(db.with_name(db.stem + ".keys.db")) as keys:
        _, admin = keys.create("admin", "schemathesis")
    return schemathesis.openapi.from_asgi("/openapi.json", app), admin


@pytest.mark.slow
@pytest.mark.parametrize("with_key", [True, False], ids=["with-key", "without-key"])
def test_every_reply_is_documented(keyed_schema: tuple[Any, str], with_key: bool) -> None:
    """Bounded run with keys and without: no 500, every status and body as documented."""
    schema, admin = keyed_schema
    headers = {"Authorization": f"Bearer {admin}"} if with_key else {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(), pick=PICK)
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case: Any, pick: tuple[str, str, str]) -> None:
            for name, value in zip(("dataset", "source", "entity_id"), pick, strict=True):
                if case.path_parameters and name in case.path_parameters:
                    case.path_parameters[name] = value
            response = case.call(headers=headers)
            where = f"{case.method} {case.formatted_path} -> {response.status_code}"
            if response.status_code == 500:
                failures.append(f"{where}: {response.text}"[:600])
            try:
                case.validate_response(response, checks=CONFORMANCE)
            except FailureGroup as exc:
                failures.append(f"{where}: {exc}"[:600])

        run()
    assert not failures, "\n".join(failures[:10])
