"""`spark-submit` entry point: screen a dataset on a cluster with the driver's index.

    spark-submit [spark options] path/to/sanctio/spark/submit.py \\
        --db sanctio.db --input customers.parquet --output hits.parquet [--format parquet]

The store is read on the driver only; see docs/batch.md for shipping sanctio to executors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from sanctio import __version__
from sanctio.exceptions import NotReadyError, SanctioError
from sanctio.screening.batch.input import ColumnMap
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.settings import Settings


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="sanctio.spark.submit", description=__doc__.split("\n")[0])
    p.add_argument("--db", required=True, help="sanctio store file or postgresql:// URL")
    p.add_argument("--input", required=True, help="CSV, JSON lines or Parquet dataset")
    p.add_argument("--output", required=True, help="output folder (must not exist)")
    p.add_argument("--format", default="parquet", choices=("parquet", "jsonl", "csv"))
    p.add_argument("--input-format", choices=("parquet", "jsonl", "csv"))
    p.add_argument("--threshold", type=float)
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--all-candidates", action="store_true")
    p.add_argument("--as-of", type=dt.date.fromisoformat)
    p.add_argument("--name-column", default="name")
    p.add_argument("--id-column", default="id")
    p.add_argument("--master", help="Spark master (default: as spark-submit was given)")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    from sanctio.spark.job import run_job
    from sanctio.spark.session import spark_session

    try:
        options = BatchOptions(args.threshold, args.limit, args.all_candidates)
        snapshot = ScreeningService.from_settings(Settings.from_env().with_db(args.db)).ready(
            args.as_of
        )
        spark = spark_session(args.master, "sanctio-submit")
        meta = {
            "sanctio": __version__,
            "algorithm": snapshot.screener.algorithm.name,
            "threshold": args.threshold or snapshot.screener.algorithm.threshold,
            **snapshot.describe(),
            "input": args.input,
            "engine": "spark",
        }
        summary = run_job(
            spark,
            snapshot.screener,
            args.input,
            args.output,
            fmt=args.format,
            input_format=args.input_format,
            options=options,
            columns=ColumnMap(id=args.id_column, name=args.name_column),
            meta=meta,
        )
    except NotReadyError as exc:  # the CLI's exit code for a refusal to screen
        print(f"error: {exc}", file=sys.stderr)
        return 7
    except SanctioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"event": "summary", **summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
