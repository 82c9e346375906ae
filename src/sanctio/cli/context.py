"""What every command needs: settings and, on demand, the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from sanctio.cli.errors import reported
from sanctio.settings import Settings
from sanctio.store.sqlite import Store


@dataclass(slots=True)
class AppState:
    settings: Settings

    def store(self, *, create: bool = False) -> Store:
        return Store.open(self.settings.db, create=create)


def _settings() -> Settings:
    """The environment's settings; a bad value exits 2 naming the variable."""
    with reported():
        return Settings.from_env()


def state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState(_settings())
    return root.obj


def with_db(ctx: typer.Context, db: str | Path | None) -> None:
    """Apply the root `--db` option (a path or a PostgreSQL URL) over the environment."""
    settings = _settings()
    if db is not None:
        settings = settings.with_db(db)
    ctx.obj = AppState(settings)
