"""A whole Spark batch job: read a dataset, screen it, write the results atomically."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctio.exceptions import InputError
from sanctio.screening.batch import BatchOptions
from sanctio.screening.batch_input import ColumnMap, detect_format
from sanctio.screening.screen import Screener
from sanctio.spark.screen import screen_dataframe

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def read_dataset(spark: SparkSession, path: str, fmt: str | None = None) -> DataFrame:
    """CSV (with header), JSON lines or Parquet; a folder of part files works too."""
    kind = detect_format(path, fmt) if fmt or not Path(path).is_dir() else "parquet"
    if kind == "csv":
        return (
            spark.read.option("header", True)
            .option("mode", "PERMISSIVE")
            .option("encoding", "UTF-8")
            .option("multiLine", True)
            .option("inferSchema", False)
            .csv(path)
        )
    if kind == "jsonl":
        return spark.read.option("primitivesAsString", True).json(path)
    return spark.read.parquet(path)


def write_dataset(df: DataFrame, path: str, fmt: str) -> None:
    """Write to a temporary sibling folder, then rename: no half-written output."""
    target = Path(path)
    if target.exists():
        raise InputError("output", f"{path} exists; Spark output is a folder, give a new name")
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        writer = df.write.mode("error")
        if fmt == "csv":
            writer.option("header", True).csv(str(tmp))
        elif fmt == "jsonl":
            writer.json(str(tmp))
        elif fmt == "parquet":
            writer.parquet(str(tmp))
        else:
            raise InputError("format", f"{fmt!r}: expected jsonl, csv or parquet")
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def run_job(
    spark: SparkSession,
    screener: Screener,
    input_path: str,
    output_path: str,
    *,
    fmt: str = "parquet",
    input_format: str | None = None,
    options: BatchOptions | None = None,
    columns: ColumnMap | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Screen `input_path` into the folder `output_path`; returns the summary counts."""
    start = time.perf_counter()
    options = options or BatchOptions()
    df = read_dataset(spark, input_path, input_format)
    rows = df.count()
    out = screen_dataframe(df, screener, options, columns)
    if fmt != "parquet":
        out = out.drop("features") if not options.explain else out
    out = out.cache()
    write_dataset(out, output_path, fmt)
    from pyspark.sql import functions as sf

    counts = out.agg(
        sf.sum(sf.col("match").cast("int")).alias("matches"),
        sf.count("error").alias("errors"),
        sf.count("*").alias("records"),
        sf.countDistinct(sf.when(sf.col("match"), sf.col("query_id"))).alias("hits"),
    ).collect()[0]
    out.unpersist()
    seconds = time.perf_counter() - start
    summary = {
        "rows": rows,
        "hits": int(counts["hits"]),
        "matches": int(counts["matches"] or 0),
        "errors": int(counts["errors"]),
        "records": int(counts["records"]),
        "seconds": round(seconds, 3),
        "rows_per_second": round(rows / seconds, 1) if seconds else 0.0,
    }
    if meta is not None:
        side = Path(output_path + ".meta.json")
        side.write_text(json.dumps({**meta, "summary": summary}, indent=2, default=str) + "\n")
    return summary
