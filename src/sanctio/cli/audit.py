"""`sanctio audit verify|export`: check the audit trail's hash chain; export it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import emit_json
from sanctio.exceptions import InputError
from sanctio.review.alerts import verify_audit
from sanctio.review.audit import write_export
from sanctio.store.review import ReviewStore

app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)

#: Exit code when the chain does not verify.
TAMPERED = 8


@app.command()
def verify(ctx: typer.Context) -> None:
    """Check every record's hash and link; name the first that fails (exit 8)."""
    with reported(), ReviewStore.open(state(ctx).settings.db_path) as review:
        result = verify_audit(review)
    emit_json(result.to_dict())
    if not result.ok:
        typer.echo(f"audit trail does NOT verify: {result.problem}", err=True)
        raise typer.Exit(TAMPERED)


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File [stdout].")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
) -> None:
    """Write every record, in chain order, for an examiner."""
    with reported(), ReviewStore.open(state(ctx).settings.db_path) as review:
        if fmt not in ("jsonl", "csv"):
            raise InputError("format", f"{fmt!r}; expected jsonl or csv")
        if output is None:
            write_export(review.audit(), sys.stdout, fmt)
            return
        tmp = output.with_name(f".{output.name}.tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            count = write_export(review.audit(), fh, fmt)
        tmp.replace(output)
        typer.echo(f"{count} audit record(s) written to {output}", err=True)
