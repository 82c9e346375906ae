"""A PostgreSQL store that is down: clear refusal at start, last index kept while serving."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.cli.main import app as cli
from sanctio.settings import Settings

from .conftest import make_store

pytestmark = pytest.mark.pg

BODY = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}


def _until(check: Callable[[], bool], seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


@pytest.fixture
def unreachable(pg_cluster: Any) -> list[str]:
    return [
        f"postgresql://sanctio@127.0.0.1:{_closed_port()}/postgres",
        pg_cluster.url(password="wrong"),
    ]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again on return: nothing listens there


def test_cli_exits_5_naming_the_server(unreachable: list[str]) -> None:
    for url in unreachable:
        result = CliRunner().invoke(cli, ["--db", url, "lists", "status"])
        assert result.exit_code == 5, result.output
        assert "cannot connect to PostgreSQL" in result.output
        assert "wrong" not in result.output  # never the password


def test_api_starts_and_refuses_with_503(
    unreachable: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SANCTIO_UI_SECRET", raising=False)
    for i, url in enumerate(unreachable):
        settings = Settings(tmp_path / str(i) / "sanctio.db", db_url=url)
        app = create_app(settings, ApiConfig(auth=True, watch_interval=0.1))
        with TestClient(app, raise_server_exceptions=False) as client:
            assert _until(lambda: "PostgreSQL" in client.get("/readyz").text)
            ready = client.get("/readyz")
            assert ready.status_code == 503
            assert "wrong" not in ready.text
            r = client.post("/match/default", json=BODY, headers={"Authorization": "Bearer x"})
            assert r.status_code in (401, 503)
            # No session secret shared by the instances: the UI says so, writes nothing.
            ui = client.get("/ui/")
            assert ui.status_code == 503 and "SANCTIO_UI_SECRET" in ui.text
        assert not (tmp_path / str(i)).exists()  # no SQLite file written


def test_lost_connection_keeps_the_last_index(pg_cluster: Any, pg_url: str, tmp_path: Path) -> None:
    make_store(pg_url)
    dbname = pg_url.rsplit("/", 1)[1]
    settings = Settings(tmp_path / "sanctio.db", db_url=pg_url)
    app = create_app(settings, ApiConfig(auth=False, watch_interval=0.1))
    with (
        TestClient(app, raise_server_exceptions=False) as client,
        psycopg.connect(pg_cluster.url(), autocommit=True) as admin,
    ):
        # Serving: the index and the entities' dates (read once per index) are in memory.
        assert _until(lambda: client.post("/match/default", json=BODY).status_code == 200)
        # The database goes away: no new connections, the open ones cut.
        admin.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (dbname,),
        )
        assert _until(lambda: client.get("/readyz").status_code == 503)
        assert "unreachable" in client.get("/readyz").text
        served = client.post("/match/default", json=BODY)
        assert served.status_code == 200
        assert served.json()["versions"]["versions"]["ofac-sdn"] == "ofac-sdn@2024-05-03"
        # Back: the watcher reconnects (with backoff) and /readyz is green again.
        admin.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true')
        assert _until(lambda: client.get("/readyz").status_code == 200, seconds=30)
