"""`sanctio keys create|list|revoke`: API keys for `sanctio serve`, stored hashed."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sanctio.api.config import ApiConfig
from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console, emit_json
from sanctio.store.keys import KeyStore

app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _keys(ctx: typer.Context) -> KeyStore:
    settings = state(ctx).settings
    return KeyStore(ApiConfig.from_env().keys_file(settings.db_path))


@app.command()
def create(
    ctx: typer.Context,
    scope: Annotated[
        str, typer.Option(help="screen (screening routes), review (decide alerts) or admin (all).")
    ] = ("screen"),
    label: Annotated[str, typer.Option(help="Who or what the key is for.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Create a key and print its token once; only its hash is stored."""
    with reported(), _keys(ctx) as keys:
        key, token = keys.create(scope, label)
    if as_json:
        emit_json({**key.to_dict(), "token": token})
        return
    print(token)
    console().print(
        f"[dim]key {key.id} ({key.scope}) created; the token is shown only now[/]",
        soft_wrap=True,
    )


@app.command("list")
def list_keys(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Every key with its scope and state (never the token)."""
    with reported(), _keys(ctx) as keys:
        found = keys.list()
    if as_json:
        emit_json([k.to_dict() for k in found])
        return
    table = Table(title="API keys")
    for col in ("id", "scope", "label", "created", "revoked"):
        table.add_column(col)
    for k in found:
        table.add_row(k.id, k.scope, k.label, k.created_at, k.revoked_at or "")
    console().print(table)


@app.command()
def revoke(
    ctx: typer.Context,
    key_id: Annotated[str, typer.Argument(help="The key's id (8 hex characters).")],
) -> None:
    """Revoke a key; a running API refuses it within seconds."""
    with reported(), _keys(ctx) as keys:
        key = keys.revoke(key_id)
    console().print(f"revoked {key.id} ({key.scope}) at {key.revoked_at}")
