"""One local[2] Spark session and one OFAC SDN snapshot for every Spark test (starting
Spark and building the index are the slow parts)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sanctio.ingest.importer import import_paths
from sanctio.screening.service import ScreeningService, Snapshot
from sanctio.store.sqlite import Store


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from sanctio.spark.session import spark_session

    session = spark_session("local[2]", "sanctio-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def snapshot(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    db = tmp_path_factory.mktemp("spark-store") / "s.db"
    with Store.open(db) as store:
        import_paths(store, [lists_dir / "ofac-sdn" / "2022-03-01"])
    return ScreeningService(db).current()
