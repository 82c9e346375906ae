"""`sanctio book add|rescreen|status|screenings`: a saved customer book, re-screened by
delta; every re-screening opens alerts and records its evidence (see `sanctio alerts`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sanctio.cli.batch import column_map
from sanctio.cli.batch_progress import BatchProgress
from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import emit_json
from sanctio.exceptions import NotFoundError
from sanctio.review.rescreen import review_rescreen
from sanctio.screening.batch.input import open_input
from sanctio.screening.batch.output import DELTA_COLUMNS, open_output, output_format
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.store.book import Book
from sanctio.store.review import ReviewStore

app = typer.Typer(
    help="A saved customer book, re-screened only against list changes.", no_args_is_help=True
)

Opt = typer.Option
BookOpt = Annotated[str, Opt("--book", help="Book name (several books can share a store).")]
FileOpt = Annotated[Path | None, Opt("--book-db", help="SQLite file of the book [the list store].")]
#: Columns of a rescreen report.
REPORT_COLUMNS = ("query_id", "entity_id", "entity_name", "score", "match", *DELTA_COLUMNS)


def _book(ctx: typer.Context, name: str, path: Path | None) -> Book:
    return Book.open(path or state(ctx).settings.db, name)


@app.command()
def add(
    ctx: typer.Context,
    input_path: Annotated[str, typer.Argument(metavar="FILE", help="CSV, JSON lines, Parquet.")],
    book: BookOpt = "default",
    book_db: FileOpt = None,
    input_format: Annotated[str | None, Opt(help="csv, jsonl or parquet.")] = None,
    name_column: Annotated[str, Opt(help="Column holding the name.")] = "name",
    id_column: Annotated[str | None, Opt(help="Column holding the customer id.")] = None,
    schema_column: Annotated[str | None, Opt()] = None,
    birth_date_column: Annotated[str | None, Opt()] = None,
    nationality_column: Annotated[str | None, Opt()] = None,
    id_number_column: Annotated[str | None, Opt()] = None,
) -> None:
    """Add or update customers (by id); changed customers are screened in full next time."""
    with reported():
        columns = column_map(
            name_column,
            id_column or "id",
            schema_column,
            birth_date_column,
            nationality_column,
            id_number_column,
        )
        with (
            open_input(input_path, columns, fmt=input_format) as source,
            _book(ctx, book, book_db) as saved,
        ):
            counts = saved.add(source.rows())
            emit_json({"book": book, **counts, "size": saved.size()})


@app.command("rescreen")
def rescreen_cmd(
    ctx: typer.Context,
    output: Annotated[str | None, Opt("-o", "--output", help="Report file [stdout].")] = None,
    fmt: Annotated[str | None, Opt("--format", help="jsonl, csv or parquet.")] = None,
    book: BookOpt = "default",
    book_db: FileOpt = None,
    full: Annotated[bool, Opt("--full", help="Screen everyone against every entity.")] = False,
    threshold: Annotated[float | None, Opt()] = None,
    limit: Annotated[int, Opt(help="Results per customer.")] = 5,
    workers: Annotated[int, Opt(help="0 = one per core.")] = 0,
    executor: Annotated[str, Opt(help="process, thread or inline.")] = "process",
    progress: Annotated[str, Opt(help="auto, bar, json or none.")] = "auto",
    actor: Annotated[str, Opt(help="Who runs it (audit trail).")] = "cli",
) -> None:
    """Screen the book against what changed since its last run; report new, changed,
    gone and delisted hits, open alerts, and save the new state."""
    with reported():
        out_fmt = output_format(output, fmt)
        options = BatchOptions(threshold, limit)
        options.check()
        settings = state(ctx).settings
        snapshot = ScreeningService.from_settings(settings).ready()
        meta = {"versions": snapshot.describe()["versions"], "book": book}
        with (
            _book(ctx, book, book_db) as saved,
            state(ctx).store() as store,
            ReviewStore.open(settings.db) as review,
            BatchProgress(progress) as report,
            open_output(output, out_fmt, REPORT_COLUMNS, meta) as writer,
        ):
            outcome = review_rescreen(
                saved,
                store,
                review,
                snapshot,
                options,
                actor=actor,
                writer=writer,
                full=full,
                workers=workers,
                executor=executor,
                progress=report,
            )
        report.event("summary", **outcome.to_dict())
        if report.mode != "json":
            typer.echo(f"{outcome.rescreen.kind} rescreen: {outcome.to_dict()}", err=True)


@app.command()
def status(ctx: typer.Context, book: BookOpt = "default", book_db: FileOpt = None) -> None:
    """Size of the book, its last run and its current hit count."""
    with reported(), _book(ctx, book, book_db) as saved:
        run = saved.last_run()
        emit_json(
            {
                "book": book,
                "customers": saved.size(),
                "hits": len(saved.hits()),
                "last_run": None
                if run is None
                else {
                    "at": run.at,
                    "kind": run.kind,
                    "versions": run.versions,
                    "summary": run.summary,
                },
            }
        )


@app.command()
def screenings(
    ctx: typer.Context,
    customer_id: Annotated[str, typer.Argument(metavar="CUSTOMER_ID")],
    book: Annotated[str | None, Opt("--book", help="Only this book.")] = None,
    as_json: Annotated[bool, Opt("--json", help="One JSON object per line.")] = False,
) -> None:
    """Evidence: every run that screened the customer, its list versions and outcome."""
    with reported(), ReviewStore.open(state(ctx).settings.db) as review:
        found = review.screenings(customer_id, book)
        if not found:
            raise NotFoundError(f"customer {customer_id!r} was never screened by a book run")
    for s in found:
        record = {
            "customer_id": s.customer_id,
            "book": s.run.book,
            "run_id": s.run.id,
            "at": s.run.finished_at,
            "kind": s.run.kind,
            "versions": s.run.versions,
            "algorithm": s.run.settings.get("algorithm"),
            "threshold": s.run.settings.get("threshold"),
            "outcome": s.outcome,
            "hits": s.hits,
        }
        if as_json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            versions = ", ".join(s.run.versions.values())
            typer.echo(
                f"{s.run.finished_at}  book {s.run.book}  run {s.run.id}  {s.outcome:<8} "
                f"hits {s.hits}  against {versions}"
            )
