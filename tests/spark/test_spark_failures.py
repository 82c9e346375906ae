"""A Spark job that fails or is interrupted mid-run leaves nothing under the output name
and no temporary folder, and the session stays usable."""

from __future__ import annotations

import os
import signal
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import sanctio.spark.screen as spark_screen
from sanctio.model.customer import BatchRow
from sanctio.screening.batch.run import BatchOptions, screen_rows
from sanctio.screening.service import Snapshot
from sanctio.spark.job import run_job, write_dataset
from sanctio.spark.screen import payload, worker_screener
from sanctio.spark.storage import Storage

pytestmark = pytest.mark.spark

POISON = "POISON PILL"
NAMES = [POISON if i == 37 else f"Customer Number {i}" for i in range(60)]


def poisoned(action: str) -> Any:
    """A `screen_rows` that fails on the poison row: shipped to the workers by value
    inside the scoring closure, so it runs there, not in this process."""
    driver = os.getpid()

    def rows(screener: Any, batch: list[BatchRow], *, options: BatchOptions) -> Any:
        if any(r.fields.get("name") == POISON for r in batch):
            if action == "raise":
                raise RuntimeError("poison row")
            import time

            os.kill(driver, signal.SIGINT)  # Ctrl-C on the driver while this task runs
            time.sleep(120)
        return screen_rows(screener, batch, options=options)

    return rows


@pytest.mark.parametrize(
    ("stage", "action"),
    [("scoring", "raise"), ("scoring", "interrupt"), ("write", "raise"), ("write", "interrupt")],
)
def test_failed_run_leaves_no_output(
    spark: Any,
    snapshot: Snapshot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stage: str,
    action: str,
) -> None:
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [f"c{i}" for i in range(60)], "name": NAMES}), src)
    out = tmp_path / "out.parquet"
    deleted: list[tuple[str, bool]] = []
    real_delete = Storage.delete

    def spy(self: Storage, path: str) -> None:
        deleted.append((Path(path).name, Path(path).exists()))
        real_delete(self, path)

    monkeypatch.setattr(Storage, "delete", spy)
    monkeypatch.setattr(spark_screen, "screen_rows", poisoned(action))
    expected = KeyboardInterrupt if action == "interrupt" else Exception
    with pytest.raises(expected) as info:
        if stage == "scoring":  # run_job scores (and counts) before it writes anything
            run_job(spark, snapshot.screener, str(src), str(out), meta={}, partitions=4)
        else:  # an uncached frame: scoring happens while part files are being written
            frame = spark_screen.screen_dataframe(
                spark.read.parquet(str(src)), snapshot.screener, partitions=4
            )
            write_dataset(frame, str(out), "parquet")
    if action == "raise":
        assert "poison row" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]
    if stage == "write":
        # The temporary folder did exist (Spark had begun writing) and was removed.
        assert len(deleted) == 1 and deleted[0][0].endswith(".partial") and deleted[0][1]
    # Nothing left running, and the session still works.
    tracker = spark.sparkContext.statusTracker()
    assert tracker.getActiveJobsIds() == [] and tracker.getActiveStageIds() == []
    assert spark.range(3).count() == 3


def test_executor_with_another_sanctio_refuses(snapshot: Snapshot) -> None:
    """Queries analysed by other code than the broadcast names would score differently."""

    class Shipped:
        value = replace(payload(snapshot.screener), code=("0.0.0", "sanctio-norm-0"))

    with pytest.raises(RuntimeError, match="install the same sanctio"):
        worker_screener("another-key", Shipped)  # type: ignore[arg-type]
