"""A SparkSession for sanctio jobs: local mode by default, any master when asked."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def spark_session(master: str | None = None, app_name: str = "sanctio-batch") -> SparkSession:
    """Get or create a session; `master` defaults to $SPARK_MASTER, then to what
    spark-submit was given, then to local[*]."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # pragma: no cover - depends on the optional extra
        from sanctio.exceptions import InputError

        raise InputError(
            "engine", "pyspark is not installed; install the extra: pip install 'sanctio[spark]'"
        ) from None
    # Executors in local mode must run this interpreter (the one that has sanctio).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    target = master or os.environ.get("SPARK_MASTER")
    if target:
        builder = builder.master(target)
    return (
        builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "2048")
        .config("spark.ui.showConsoleProgress", "false")
        # Spark's default, made explicit: a reused Python worker keeps the index it
        # assembled from the broadcast, so each worker pays for it once, not every task.
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )
