"""`sanctio serve`: run the HTTP API under uvicorn (one index per worker process)."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer
import uvicorn

from sanctio.api.app import SERVER_OPTIONS
from sanctio.api.config import ApiConfig
from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console
from sanctio.store.connection import shown


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Bind address ($SANCTIO_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port ($SANCTIO_API_PORT).")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes ($SANCTIO_API_WORKERS).")
    ] = None,
    auth: Annotated[
        bool | None,
        typer.Option("--auth/--no-auth", help="Require API keys ($SANCTIO_API_AUTH=on|off)."),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the yente-compatible screening API over the store."""
    with reported():
        settings = state(ctx).settings
        env = os.environ
        # Workers are separate processes that read their settings from the environment.
        env["SANCTIO_DB"] = settings.db
        if auth is not None:
            env["SANCTIO_API_AUTH"] = "on" if auth else "off"
        config = ApiConfig.from_env()
        bind = host or config.host
        out = console()
        if not config.auth and not _loopback(bind):
            out.print(f"[bold yellow]warning:[/] API keys are off and {bind} is not loopback")
        out.print(
            f"sanctio API on http://{bind}:{port or config.port} (store {shown(settings.db)}, "
            f"auth {'on' if config.auth else 'off'}, docs at /docs)"
        )
        count = workers or config.workers
        uvicorn.run(
            "sanctio.api.app:app_from_env",
            factory=True,
            host=bind,
            port=port or config.port,
            workers=count,
            log_level=log_level,
            **SERVER_OPTIONS,
        )


app = typer.Typer(help="Run the HTTP API.")
app.command()(serve)

if __name__ == "__main__":
    app()
