"""One local[2] Spark session for every Spark test (starting Spark is the slow part)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from sanctio.spark.session import spark_session

    session = spark_session("local[2]", "sanctio-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
