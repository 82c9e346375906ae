"""`sanctio db migrate|copy`: bring a store's schema forward, move a store onto a server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sanctio.api.config import default_keys_path
from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console, emit_json
from sanctio.exceptions import InputError
from sanctio.store import migrations
from sanctio.store.connection import connect, is_url, shown
from sanctio.store.copy import copy_store

app = typer.Typer(help="Store schema and moving a store to PostgreSQL.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command()
def migrate(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Apply the schema migrations the store lacks (opening a store does this too)."""
    with reported():
        target = state(ctx).settings.db
        db = connect(target)
        try:
            done = migrations.migrate(db)
            have = sorted(migrations.applied(db))
        finally:
            db.close()
    if as_json:
        emit_json({"store": shown(target), "applied": done, "schema_version": max(have)})
        return
    applied = ", ".join(f"{n:04d}" for n in done) if done else "nothing (already current)"
    console().print(f"{shown(target)}: applied {applied}; schema version {max(have):04d}")


@app.command()
def copy(
    source: Annotated[Path, typer.Option("--from", help="The SQLite store file to copy.")],
    target: Annotated[
        str, typer.Option("--to", help="postgresql://user@host:port/dbname (an empty store).")
    ],
    keys: Annotated[
        Path | None,
        typer.Option(help="SQLite API key file to copy too [beside --from, if it exists]."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Copy a whole SQLite store (versions, books, keys, alerts, audit) onto PostgreSQL."""
    with reported():
        if not is_url(target):
            raise InputError("--to", f"{target!r}: expected postgresql://user@host:port/dbname")
        if not source.is_file():
            raise InputError("--from", f"{source}: no store file here")
        keys_path = keys or default_keys_path(source)
        if keys is not None and not keys.is_file():
            raise InputError("--keys", f"{keys}: no API key file here")
        origin = connect(source, read_only=True)
        key_db = connect(keys_path, read_only=True) if keys_path.is_file() else None
        try:
            dest = connect(target)
            try:
                copied = copy_store(origin, dest, keys=key_db)
            finally:
                dest.close()
        finally:
            origin.close()
            if key_db is not None:
                key_db.close()
    if as_json:
        emit_json({"from": str(source), "to": shown(target), "tables": dict(copied)})
        return
    out = console()
    for table, rows in copied:
        out.print(f"{table}: {rows} rows")
    out.print(f"copied {source} to {shown(target)}")
