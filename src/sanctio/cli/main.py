"""The `sanctio` command: a thin adapter over store, screening and api."""

from __future__ import annotations

from typing import Annotated

import typer

from sanctio import __version__
from sanctio.cli import alerts, audit, keys, lists, monitor, ownership, serve
from sanctio.cli import batch as batch_cmd
from sanctio.cli import book as book_cmd
from sanctio.cli import db as db_cmd
from sanctio.cli import entity as entity_cmd
from sanctio.cli import screen as screen_cmd
from sanctio.cli import text as text_cmd
from sanctio.cli.context import with_db

app = typer.Typer(
    help="sanctio: sanctions screening over the official list files.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(lists.app, name="lists")
app.command("entity")(entity_cmd.entity)
app.command("screen")(screen_cmd.screen)
app.add_typer(keys.app, name="keys")
app.command("serve")(serve.serve)
app.command("batch")(batch_cmd.batch)
app.command("text")(text_cmd.text)
app.add_typer(book_cmd.app, name="book")
app.add_typer(db_cmd.app, name="db")
app.add_typer(alerts.app, name="alerts")
app.add_typer(audit.app, name="audit")
app.command("monitor")(monitor.monitor)
app.add_typer(ownership.app, name="ownership")


def _version(value: bool) -> None:
    if value:
        print(f"sanctio {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            help="Store file, or postgresql://user@host:port/dbname (default $SANCTIO_DB or "
            "~/.local/share/sanctio/sanctio.db)."
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Global options."""
    with_db(ctx, db)
