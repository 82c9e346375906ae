"""`sanctio batch INPUT|-`: screen a file of customers, locally or on Spark."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from sanctio import __version__
from sanctio.cli.batch_progress import PROGRESS_MODES, BatchProgress
from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.exceptions import InputError
from sanctio.review.rescreen import Capture
from sanctio.review.subjects import SeenIds, check_book, review_subjects, with_fields
from sanctio.screening.batch.delta import (
    DeltaScreener,
    baseline_versions,
    plan_delta,
    screen_delta_rows,
)
from sanctio.screening.batch.input import ColumnMap, open_input
from sanctio.screening.batch.output import (
    COLUMNS,
    DELTA_COLUMNS,
    meta_path,
    open_output,
    output_format,
    write_json_atomic,
)
from sanctio.screening.batch.pool import EXECUTORS
from sanctio.screening.batch.run import BatchOptions, run_batch, screening_work
from sanctio.screening.service import ScreeningService, Snapshot
from sanctio.settings import Settings
from sanctio.store.review import ReviewStore

Opt = typer.Option


def column_map(
    name: str,
    id_: str | None,
    schema: str | None,
    birth_date: str | None,
    nationality: str | None,
    id_number: str | None,
    wallet: str | None = None,
) -> ColumnMap:
    """Defaults are the contract's column names; a column the user names must exist
    (the name column may be absent when a wallet column is named)."""
    required = {"name"} if wallet is None else set()
    given = {
        "id": id_,
        "schema": schema,
        "birth_date": birth_date,
        "nationality": nationality,
        "id_number": id_number,
        "wallet": wallet,
    }
    required |= {f for f, v in given.items() if v is not None}
    return ColumnMap(
        id=id_ or "id",
        name=name,
        schema=schema or "schema",
        birth_date=birth_date or "birth_date",
        nationality=nationality or "nationality",
        id_number=id_number or "id_number",
        wallet=wallet or "wallet",
        required=frozenset(required),
    )


def run_meta(snapshot: Snapshot, options: BatchOptions, **extra: Any) -> dict[str, Any]:
    """What reproduces the run: list versions, index, algorithm, options."""
    screener = snapshot.screener
    return {
        "sanctio": __version__,
        "algorithm": screener.algorithm.name,
        "threshold": options.threshold
        if options.threshold is not None
        else screener.algorithm.threshold,
        "limit": options.limit,
        "all_candidates": options.all_candidates,
        "cutoff": options.cutoff,
        "sources": list(options.sources) if options.sources else None,
        **snapshot.describe(),
        **extra,
    }


def batch(
    ctx: typer.Context,
    input_path: Annotated[
        str,
        typer.Argument(metavar="INPUT|-", help="CSV, JSON lines or Parquet; - for stdin (CSV)."),
    ],
    output: Annotated[
        str | None, Opt("-o", "--output", help="Output file (default stdout).")
    ] = None,
    fmt: Annotated[str | None, Opt("--format", help="jsonl (default), csv or parquet.")] = None,
    input_format: Annotated[
        str | None, Opt(help="csv, jsonl or parquet (default: from suffix).")
    ] = None,
    limit: Annotated[int, Opt(help="Results per customer.")] = 5,
    threshold: Annotated[
        float | None, Opt(help="Match threshold (default: the algorithm's).")
    ] = None,
    all_candidates: Annotated[
        bool, Opt("--all-candidates", help="Also write results below the threshold.")
    ] = False,
    cutoff: Annotated[
        float | None,
        Opt(help="Write candidates scoring down to this, below the threshold too (0-1)."),
    ] = None,
    explain: Annotated[bool, Opt("--explain", help="Write each result's features.")] = False,
    name_column: Annotated[str, Opt(help="Column holding the name.")] = "name",
    id_column: Annotated[str | None, Opt(help="Column holding the customer id [id].")] = None,
    schema_column: Annotated[str | None, Opt(help="Column holding the schema [schema].")] = None,
    birth_date_column: Annotated[str | None, Opt(help="Birth date column [birth_date].")] = None,
    nationality_column: Annotated[str | None, Opt(help="Nationality column [nationality].")] = None,
    id_number_column: Annotated[str | None, Opt(help="Id number column [id_number].")] = None,
    wallet_column: Annotated[
        str | None, Opt(help="Crypto wallet address column [wallet], ;-separated.")
    ] = None,
    delimiter: Annotated[str | None, Opt(help="CSV delimiter (default: sniffed , or tab).")] = None,
    source: Annotated[
        list[str] | None, Opt("--source", help="Only these lists (repeatable).")
    ] = None,
    as_of: Annotated[
        str | None, Opt(help="Screen against the lists in force on this date.")
    ] = None,
    since: Annotated[
        list[str] | None,
        Opt(
            help="Delta: only entities added or changed since VERSION "
            "(id, SOURCE@DATE or a date; repeatable)."
        ),
    ] = None,
    workers: Annotated[int, Opt(help="Worker count; 0 = one per core.")] = 0,
    executor: Annotated[str, Opt(help="process (fork), thread or inline.")] = "process",
    engine: Annotated[str, Opt(help="local or spark.")] = "local",
    spark_master: Annotated[str | None, Opt(help="Spark master (default local[*]).")] = None,
    progress: Annotated[str, Opt(help="auto, bar, json or none.")] = "auto",
    meta: Annotated[Path | None, Opt(help="Where to write run metadata [OUT.meta.json].")] = None,
    alerts: Annotated[
        str | None,
        Opt(
            "--alerts",
            metavar="BOOK",
            help="Open alerts for the hits, the id column naming each customer of BOOK.",
        ),
    ] = None,
    actor: Annotated[str, Opt(help="Who runs it, with --alerts (audit trail).")] = "cli",
) -> None:
    """Screen every customer in INPUT; write ranked hits per customer plus run metadata;
    with --alerts BOOK, hits open (or update) alerts as a book re-screening's do."""
    with reported():
        # Everything knowable up front is checked before the index is built.
        out_fmt = output_format(output, fmt)
        if executor not in EXECUTORS:
            raise InputError("executor", f"{executor!r}: expected one of {', '.join(EXECUTORS)}")
        if progress not in PROGRESS_MODES:
            raise InputError("progress", f"{progress!r}: expected one of {PROGRESS_MODES}")
        if engine not in ("local", "spark"):
            raise InputError("engine", f"{engine!r}: expected local or spark")
        options = BatchOptions(
            threshold, limit, all_candidates, explain, tuple(source) if source else None, cutoff
        )
        options.check()
        explained = replace(options, explain=True)  # alerts keep each hit's features
        columns = column_map(
            name_column,
            id_column,
            schema_column,
            birth_date_column,
            nationality_column,
            id_number_column,
            wallet_column,
        )
        day = _day(as_of)
        if alerts is not None:
            _check_alerts(alerts, since, day, engine)
        settings = state(ctx).settings
        if engine == "spark":
            _spark(
                settings,
                input_path,
                output,
                out_fmt,
                input_format,
                options,
                columns,
                day,
                spark_master,
                progress,
                meta,
            )
            return
        source_in = open_input(input_path, columns, fmt=input_format, delimiter=delimiter)
        with source_in, BatchProgress(progress) as report:
            report.event(
                "start", input=input_path, format=source_in.format, columns=source_in.mapping
            )
            snapshot = ScreeningService.from_settings(settings).ready(day)
            started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            extra: dict[str, Any] = {
                "input": input_path,
                "columns": source_in.mapping,
                "started_at": started,
            }
            cols = COLUMNS
            if since:
                with state(ctx).store() as store:
                    plan = plan_delta(store, baseline_versions(store, since), snapshot.versions)
                    delta = DeltaScreener.build(store, plan, snapshot.index)
                work = _delta_work(delta, options)
                extra["delta"] = plan.describe()
                cols = (*COLUMNS, *DELTA_COLUMNS)
            elif alerts is not None:
                work = partial(with_fields, screening_work(snapshot.screener, explained))
                extra["alerts"] = alerts
            else:
                work = screening_work(snapshot.screener, options)
            info = run_meta(snapshot, options, **extra)
            report.event("index", **snapshot.describe(), build_seconds=snapshot.build_seconds)
            seen = SeenIds(source_in)
            with open_output(output, out_fmt, cols, info) as writer:
                capture = Capture(writer, features=explain)
                stats = run_batch(
                    seen if alerts else source_in,
                    work,
                    capture if alerts else writer,
                    workers=workers,
                    executor=executor,
                    progress=report,
                )
            summary = stats.to_dict()
            if alerts is not None:
                with state(ctx).store() as store, ReviewStore.open(settings.db) as review:
                    opened = review_subjects(
                        store,
                        review,
                        snapshot,
                        options,
                        book=alerts,
                        kind="batch",
                        hits=capture.hits,
                        fields=capture.fields,
                        screened=seen.ids,
                        errors=capture.errors,
                        actor=actor,
                    )
                summary["alerts"] = opened.to_dict()
            if output and output != "-":
                info["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                write_json_atomic(meta or meta_path(output), {**info, "summary": summary})
            elif meta is not None:
                write_json_atomic(meta, {**info, "summary": summary})
            report.summary(summary)


def _check_alerts(book: str, since: list[str] | None, day: dt.date | None, engine: str) -> None:
    """--alerts BOOK: a valid book name, a full local screening against the lists in force."""
    check_book(book, "alerts")
    if since:
        raise InputError(
            "alerts", "alerts come from a full screening; drop --since (`book rescreen` is delta)"
        )
    if day is not None:
        raise InputError("alerts", "alerts are opened against the lists in force; drop --as-of")
    if engine != "local":
        raise InputError("alerts", "alerts are opened by the local engine; drop --engine spark")


def _delta_work(delta: DeltaScreener, options: BatchOptions) -> Any:
    from functools import partial

    return partial(screen_delta_rows, delta, options=options)


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("as_of", f"{value!r} is not a date; expected YYYY-MM-DD") from None


def _spark(
    settings: Settings,
    input_path: str,
    output: str | None,
    out_fmt: str,
    input_format: str | None,
    options: BatchOptions,
    columns: ColumnMap,
    day: dt.date | None,
    master: str | None,
    progress: str,
    meta: Path | None = None,
) -> None:
    """`--engine spark`: the index is built here (the driver) and broadcast; input and
    output may be Hadoop URIs (hdfs://, s3a://) as well as paths."""
    if output is None or output == "-":
        raise InputError("output", "--engine spark writes a folder; give -o OUT")
    if input_path == "-":
        raise InputError("input", "--engine spark reads files, not stdin")
    from sanctio.spark.job import run_job
    from sanctio.spark.session import spark_session
    from sanctio.spark.storage import is_uri

    if not is_uri(input_path) and not Path(input_path).exists():
        raise InputError("input", f"{input_path}: no such file or folder")

    snapshot = ScreeningService.from_settings(settings).ready(day)
    report = BatchProgress(progress)
    spark = spark_session(master)
    info = run_meta(
        snapshot, options, input=input_path, engine="spark", master=spark.sparkContext.master
    )
    summary = run_job(
        spark,
        snapshot.screener,
        input_path,
        output,
        fmt=out_fmt,
        input_format=input_format,
        options=options,
        columns=columns,
        meta=info,
        meta_path=None if meta is None else str(meta),
    )
    if report.mode == "json":
        report.event("summary", **summary)
    elif report.mode == "bar":
        print(json.dumps(summary), file=sys.stderr)
