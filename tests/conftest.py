"""Shared fixtures: the real official list files come from SANCTIO_LISTS_DIR."""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"


def _lists_dir() -> Path:
    path = Path(os.environ.get("SANCTIO_LISTS_DIR", str(_DEFAULT))).resolve()
    if not (path / "SOURCES.md").is_file():
        raise RuntimeError(
            f"official list files not found at {path}: set SANCTIO_LISTS_DIR to the folder "
            "that holds SOURCES.md and the publisher folders (ofac-sdn/, un-sc/, ...)"
        )
    return path


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    """The folder of real list files; fails loudly (never skips) when it is missing."""
    return _lists_dir()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Tiny hand-made files for edge cases."""
    return Path(__file__).resolve().parent / "fixtures"


def _load_pgcluster() -> Any:
    spec = importlib.util.spec_from_file_location(
        "sanctio_tests_pgcluster", Path(__file__).resolve().parent / "pgcluster.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


pgcluster = _load_pgcluster()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A real PostgreSQL server for this test session (one per xdist worker), removed after."""
    cluster = pgcluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Any) -> str:
    """The URL of a new, empty database on the session's server."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    url: str = pg_cluster.create_database(name)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's store lives: a SQLite file, then a PostgreSQL database (`pg`)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("pg_url")
    return url
