"""The Spark path gives the same hits, scores and lines as the local path, on a real list,
with the work spread over every core and the output written atomically."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sanctio.screening.batch.input import ColumnMap, open_input
from sanctio.screening.batch.run import BatchOptions, run_batch, screening_work
from sanctio.screening.service import Snapshot
from sanctio.spark.job import run_job
from sanctio.spark.screen import numbered, screen, screen_dataframe
from sanctio.spark.storage import Storage, sibling

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
CUSTOMERS = [(f"c{i}", NAMES[i % len(NAMES)]) for i in range(60)]
OPTIONS = BatchOptions(limit=3, all_candidates=True)
COLUMNS = ColumnMap(id="cust", name="full_name")


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
        r["line"],
        r.get("rank"),
        r.get("entity_id"),
        r.get("score"),
        r.get("match"),
        r.get("error"),
    )


def local_run(snapshot: Snapshot, path: Path, columns: ColumnMap) -> list[dict[str, Any]]:
    out = Collect()
    with open_input(str(path), columns) as source:
        run_batch(source, screening_work(snapshot.screener, OPTIONS), out, workers=1)
    return out.records


@pytest.fixture(scope="module")
def customers_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "customers.parquet"
    ids, names = zip(*CUSTOMERS, strict=True)
    pq.write_table(pa.table({"cust": list(ids), "full_name": list(names)}), path)
    return path


@pytest.fixture(scope="module")
def local_records(snapshot: Snapshot, customers_parquet: Path) -> list[dict[str, Any]]:
    records = local_run(snapshot, customers_parquet, COLUMNS)
    assert [r["line"] for r in records if r["query_id"] == "c7"] == [8, 8, 8]
    return records


def test_dataframe_spread_over_cores_same_hits_and_lines(
    spark: Any, snapshot: Snapshot, local_records: list[dict[str, Any]]
) -> None:
    df = spark.createDataFrame(CUSTOMERS, "cust string, full_name string")
    assert df.rdd.getNumPartitions() == 2
    job = screen(df, snapshot.screener, OPTIONS, COLUMNS)
    # local[2]: 4 tasks per core, every one with rows, in input order.
    assert job.rows == 60 and job.partitions == 8
    pairs, rows, n = numbered(df)
    lines = pairs.keys().glom().collect()
    assert (rows, n) == (60, 8) and [len(p) for p in lines] == [8, 7, 8, 7, 8, 7, 8, 7]
    assert [x for p in lines for x in p] == list(range(1, 61))
    remote = [r.asDict() for r in job.frame.collect()]
    assert [r["line"] for r in remote] == sorted(r["line"] for r in remote)
    assert sorted(map(key, remote)) == sorted(map(key, local_records))
    assert any(r["entity_id"] == "ofac-sdn:35096" and r["match"] for r in remote)
    assert sum(1 for r in remote if r["error"]) == 6
    # Reused Python workers assemble the index once each, not once per task (8 here);
    # a task may start before the worker that just finished is back in the pool, so up
    # to two workers per core.
    assert job.index_builds.value <= 4
    # The public entry point gives the same frame.
    again = screen_dataframe(df, snapshot.screener, OPTIONS, COLUMNS, partitions=3)
    assert again.rdd.getNumPartitions() == 3
    assert sorted(map(key, (r.asDict() for r in again.collect()))) == sorted(map(key, remote))


def test_job_parquet_matches_local_with_meta(
    spark: Any,
    snapshot: Snapshot,
    customers_parquet: Path,
    local_records: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.parquet"
    summary = run_job(
        spark,
        snapshot.screener,
        str(customers_parquet),
        str(out),
        options=OPTIONS,
        columns=COLUMNS,
        meta={"algorithm": "sanctio-v1"},
    )
    assert summary["rows"] == 60 and summary["errors"] == 6 and summary["partitions"] == 8
    assert summary["hits"] == sum(
        1 for q in {r["query_id"] for r in local_records if r.get("match")}
    )
    assert summary["worker_index_builds"] <= 4
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 8
    # Part files in name order hold the rows in input order.
    written = [r for p in parts for r in pq.read_table(p).to_pylist()]
    assert [r["line"] for r in written] == sorted(r["line"] for r in written)
    assert sorted(map(key, written)) == sorted(map(key, local_records))
    meta = json.loads(Path(f"{out}.meta.json").read_text())
    assert meta["algorithm"] == "sanctio-v1" and meta["summary"]["rows"] == 60
    assert not list(tmp_path.glob(".*"))
    with pytest.raises(Exception, match="exists"):
        run_job(spark, snapshot.screener, str(customers_parquet), str(out), columns=COLUMNS)


def test_csv_line_is_the_data_row_number(spark: Any, snapshot: Snapshot, tmp_path: Path) -> None:
    """Spark numbers data rows; the local path gives CSV physical lines (header = line 1)."""
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["full_name", "segment"])
        w.writerows([n, "retail"] for _, n in CUSTOMERS[:20])
    columns = ColumnMap(id=None, name="full_name")
    local = local_run(snapshot, src, columns)
    out = tmp_path / "out.jsonl"
    run_job(
        spark,
        snapshot.screener,
        str(src),
        str(out),
        fmt="jsonl",
        options=OPTIONS,
        columns=columns,
        partitions=2,
    )
    remote = [json.loads(x) for p in sorted(out.glob("part-*")) for x in p.read_text().splitlines()]
    assert "features" not in remote[0]
    # No id column: the query id is the line, as locally.
    assert all(r["query_id"] == f"line:{r['line']}" for r in remote)
    assert {r["line"] for r in remote if r.get("error")} == {7, 17}
    shifted = [{**r, "line": r["line"] - 1, "query_id": f"line:{r['line'] - 1}"} for r in local]
    assert sorted(map(key, remote)) == sorted(map(key, shifted))


def test_hadoop_uri_output_and_meta(
    spark: Any, snapshot: Snapshot, customers_parquet: Path, tmp_path: Path
) -> None:
    """A URI output goes through Hadoop's FileSystem API (file:// here, hdfs:// or s3a://
    on a cluster): folder renamed into place, sidecar beside it, no temporary left."""
    uri = f"file://{tmp_path}/out.parquet"
    assert sibling(uri, ".x.partial") == f"file://{tmp_path}/.x.partial"
    summary = run_job(
        spark,
        snapshot.screener,
        f"file://{customers_parquet}",
        uri,
        options=OPTIONS,
        columns=COLUMNS,
        meta={"engine": "spark"},
        partitions=2,
    )
    assert summary["rows"] == 60
    elsewhere = tmp_path / "run.json"
    run_job(
        spark,
        snapshot.screener,
        f"file://{customers_parquet}",
        f"file://{tmp_path}/again.parquet",
        options=OPTIONS,
        columns=COLUMNS,
        meta={"engine": "spark"},
        partitions=2,
        meta_path=str(elsewhere),
    )
    assert json.loads(elsewhere.read_text())["summary"]["rows"] == 60
    assert not (tmp_path / "again.parquet.meta.json").exists()
    assert len(pq.read_table(tmp_path / "out.parquet").to_pylist()) == summary["records"]
    meta = json.loads((tmp_path / "out.parquet.meta.json").read_text())
    assert meta["engine"] == "spark" and meta["summary"]["errors"] == 6
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name or p.suffix == ".tmp"]
    storage = Storage(spark)
    assert storage.exists(uri) and storage.is_dir(uri)
    storage.write_json(f"{uri}.meta.json", {"again": True})  # replaces the sidecar
    assert json.loads((tmp_path / "out.parquet.meta.json").read_text()) == {"again": True}
    storage.delete(uri)
    assert not (tmp_path / "out.parquet").exists()
