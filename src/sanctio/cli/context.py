"""What every command needs: settings and, on demand, the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from sanctio.settings import Settings
from sanctio.store.sqlite import Store


@dataclass(slots=True)
class AppState:
    settings: Settings

    def store(self, *, create: bool = False) -> Store:
        return Store.open(self.settings.db_path, create=create)


def state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState(Settings.from_env())
    return root.obj


def with_db(ctx: typer.Context, db: Path | None) -> None:
    """Apply the root `--db` option on top of the environment settings."""
    settings = Settings.from_env()
    if db is not None:
        settings = Settings(db, settings.lists_dir, settings.fetch_dir, settings.max_age_days)
    ctx.obj = AppState(settings)
