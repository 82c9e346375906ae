"""The Spark path gives the same hits and scores as the local path, on a real list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from sanctio.screening.batch import BatchOptions, ListSource, run_batch, screening_work
from sanctio.screening.batch_input import BatchRow, ColumnMap
from sanctio.screening.service import ScreeningService
from sanctio.spark.job import run_job
from sanctio.spark.screen import screen_dataframe
from sanctio.store.importer import import_paths
from sanctio.store.sqlite import Store

pytestmark = pytest.mark.spark

NAMES = [
    "Vladimir Putin",
    "Wladimir Putin",
    "Oleg Deripaska",
    "John Smith",
    "Ali Hassan",
    "Maria Garcia",
    "",
    "Kim Jong Un",
    "Banco Nacional de Cuba",
    "Hezbollah",
]


class Collect:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def write(self, records: Any) -> None:
        self.records.extend(records)

    def close(self) -> None:
        return None


def key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (
        r["query_id"],
        r.get("rank"),
        r.get("entity_id"),
        r.get("score"),
        r.get("match"),
        r.get("error"),
    )


def test_local_and_spark_give_identical_hits(spark: Any, lists_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        import_paths(store, [lists_dir / "ofac-sdn" / "2022-03-01"])
    snapshot = ScreeningService(db).current()
    options = BatchOptions(limit=3, all_candidates=True)
    customers = [(f"c{i}", NAMES[i % len(NAMES)]) for i in range(60)]

    local = Collect()
    run_batch(
        ListSource(BatchRow(i + 2, {"id": c, "name": n}) for i, (c, n) in enumerate(customers)),
        screening_work(snapshot.screener, options),
        local,
        workers=1,
    )

    df = spark.createDataFrame(customers, "cust string, full_name string").repartition(3)
    columns = ColumnMap(id="cust", name="full_name")
    remote = [
        r.asDict() for r in screen_dataframe(df, snapshot.screener, options, columns).collect()
    ]
    assert sorted(map(key, remote)) == sorted(map(key, local.records))
    assert any(r["entity_id"] == "ofac-sdn:35096" and r["match"] for r in remote)
    assert sum(1 for r in remote if r["error"]) == 6

    # The job: Parquet in, Parquet folder out, metadata sidecar beside it.
    src = tmp_path / "in.parquet"
    df.write.parquet(str(src))
    out = tmp_path / "out.parquet"
    summary = run_job(
        spark,
        snapshot.screener,
        str(src),
        str(out),
        options=options,
        columns=columns,
        meta={"algorithm": "sanctio-v1"},
    )
    assert summary["rows"] == 60 and summary["errors"] == 6
    written = pq.read_table(out).to_pylist()
    assert sorted(map(key, written)) == sorted(map(key, local.records))
    assert json.loads(Path(str(out) + ".meta.json").read_text())["summary"]["rows"] == 60
