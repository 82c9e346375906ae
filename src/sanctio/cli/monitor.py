"""`sanctio monitor`: fetch (or read a folder), load, re-screen every book, alert, notify;
once, or on a schedule (an interval or a cron-like line, UTC)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Annotated

import typer

from sanctio.cli.context import state
from sanctio.cli.errors import exit_code, reported
from sanctio.exceptions import InputError
from sanctio.review.monitor import MonitorConfig, monitor_service, run_cycle
from sanctio.review.notify import Webhook
from sanctio.review.schedule import Cron, Schedule, parse_interval
from sanctio.screening.batch.run import BatchOptions

Opt = typer.Option
SECRET_ENV = "SANCTIO_WEBHOOK_SECRET"


def monitor(
    ctx: typer.Context,
    once: Annotated[
        bool, Opt("--once", help="Run one cycle and exit (non-zero if it failed).")
    ] = False,
    every: Annotated[str | None, Opt(help="Interval between cycles: 15m, 6h, 1d.")] = None,
    cron: Annotated[str | None, Opt(help="Cron-like schedule (UTC): 'M H DOM MON DOW'.")] = None,
    folder: Annotated[Path | None, Opt(help="Load list files from this folder, not fetch.")] = None,
    source: Annotated[list[str] | None, Opt("--source", help="Fetch only these sources.")] = None,
    mirror: Annotated[
        str | None, Opt(help="Fetch from a mirror root <mirror>/<source>/<file>.")
    ] = None,
    fetch_dir: Annotated[Path | None, Opt(help="Download folder.")] = None,
    retries: Annotated[int, Opt(help="Fetch retries.")] = 3,
    book: Annotated[list[str] | None, Opt("--book", help="Only these books [all].")] = None,
    threshold: Annotated[float | None, Opt()] = None,
    webhook: Annotated[str | None, Opt(help="POST alerts here (JSON, HMAC-SHA256 signed).")] = None,
    webhook_retries: Annotated[int, Opt(help="Webhook retries (backoff doubles).")] = 3,
    stdout: Annotated[bool, Opt("--stdout/--quiet", help="One line per run and alert.")] = True,
    as_json: Annotated[bool, Opt("--json", help="Print each cycle's result as JSON.")] = False,
) -> None:
    """Monitor the lists: each cycle fails closed on a fetch failure or a stale list."""
    with reported():
        settings = state(ctx).settings
        if sum(x is not None for x in (every, cron)) + once != 1:
            raise InputError("schedule", "give exactly one of --once, --every or --cron")
        schedule = Schedule(
            parse_interval(every) if every else None, Cron.parse(cron) if cron else None
        )
        hook = None
        if webhook:
            secret = os.environ.get(SECRET_ENV, "")
            if not secret:
                raise InputError("webhook", f"set {SECRET_ENV} to the secret the receiver checks")
            hook = Webhook(webhook, secret, retries=webhook_retries)
        options = BatchOptions(threshold)
        options.check()
        config = MonitorConfig(
            db_path=settings.db_path,
            db_url=settings.db_url,
            folder=folder,
            fetch_dir=fetch_dir or settings.fetch_dir,
            sources=tuple(source) if source else None,
            mirror=mirror,
            fetch_retries=retries,
            max_age_days=dict(settings.max_age_days),
            required_sources=settings.required_sources,
            max_shrink=settings.max_shrink,
            books=tuple(book) if book else None,
            options=options,
            webhook=hook,
            stdout=stdout,
        )
    service = monitor_service(config)
    while True:
        with reported():
            result = run_cycle(
                config, service=service, emit=lambda line: typer.echo(line, err=as_json)
            )
        if as_json:
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        if once:
            if result.failure is not None:
                raise typer.Exit(exit_code(result.failure))
            return
        now = dt.datetime.now(dt.UTC)
        wake = schedule.next_after(now)
        time.sleep(max(0.0, (wake - dt.datetime.now(dt.UTC)).total_seconds()))
