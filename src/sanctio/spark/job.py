"""A whole Spark batch job: read a dataset, screen it, write the results atomically."""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING, Any

from sanctio.exceptions import InputError
from sanctio.screening.batch.input import ColumnMap, detect_format
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.screen import Screener
from sanctio.spark.interrupt import run_action
from sanctio.spark.screen import screen
from sanctio.spark.storage import Storage, base_name, sibling

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")


def read_dataset(spark: SparkSession, path: str, fmt: str | None = None) -> DataFrame:
    """CSV (with header), JSON lines or Parquet; a folder of part files works too."""
    kind = fmt if fmt is not None or not Storage(spark).is_dir(path) else "parquet"
    kind = detect_format(path, kind)
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
    """Write to a temporary sibling folder, then rename: nothing under `path` unless the
    whole output is there; a failure or Ctrl-C removes the temporary folder."""
    if fmt not in OUTPUT_FORMATS:
        raise InputError("format", f"{fmt!r}: expected jsonl, csv or parquet")
    spark = df.sparkSession
    storage = Storage(spark)
    if storage.exists(path):
        raise InputError("output", f"{path} exists; Spark output is a folder, give a new name")
    tmp = sibling(path, f".{base_name(path)}.{uuid.uuid4().hex[:8]}.partial")

    def write() -> None:
        writer = df.write.mode("error")
        if fmt == "csv":
            writer.option("header", True).csv(tmp)
        elif fmt == "jsonl":
            writer.json(tmp)
        else:
            writer.parquet(tmp)

    try:
        run_action(spark, write, f"sanctio: write {path}")
        storage.rename(tmp, path)
    except BaseException:
        storage.delete(tmp)
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
    partitions: int | None = None,
    meta_path: str | None = None,
) -> dict[str, Any]:
    """Screen `input_path` into the folder `output_path` (a path or any Hadoop URI), write
    `meta` plus the summary to `meta_path` (default `output_path + ".meta.json"`); returns
    the summary."""
    start = time.perf_counter()
    options = options or BatchOptions()
    if fmt not in OUTPUT_FORMATS:
        raise InputError("format", f"{fmt!r}: expected jsonl, csv or parquet")
    storage = Storage(spark)
    if storage.exists(output_path):  # before the costly part, not after it
        raise InputError(
            "output", f"{output_path} exists; Spark output is a folder, give a new name"
        )
    df = read_dataset(spark, input_path, input_format)
    job = run_action(
        spark,
        lambda: screen(df, screener, options, columns, partitions=partitions),
        f"sanctio: number the rows of {input_path}",
    )
    out = job.frame
    if fmt != "parquet" and not options.explain:
        out = out.drop("features")
    out = out.cache()
    from pyspark.sql import functions as sf

    try:
        # Counting first fills the cache, so nothing is written unless scoring succeeded.
        counts = run_action(
            spark,
            lambda: out.agg(
                sf.sum(sf.col("match").cast("int")).alias("matches"),
                sf.count("error").alias("errors"),
                sf.count("*").alias("records"),
                sf.countDistinct(sf.when(sf.col("match"), sf.col("line"))).alias("hits"),
            ).collect()[0],
            "sanctio: screen and count",
        )
        write_dataset(out, output_path, fmt)
    finally:
        out.unpersist()
    seconds = time.perf_counter() - start
    summary = {
        "rows": job.rows,
        "hits": int(counts["hits"]),
        "matches": int(counts["matches"] or 0),
        "errors": int(counts["errors"]),
        "records": int(counts["records"]),
        "seconds": round(seconds, 3),
        "rows_per_second": round(job.rows / seconds, 1) if seconds else 0.0,
        "partitions": job.partitions,
        "worker_index_builds": job.index_builds.value,
        "worker_index_seconds": round(job.index_seconds.value, 2),
    }
    if meta is not None:
        storage.write_json(meta_path or output_path + ".meta.json", {**meta, "summary": summary})
    return summary
