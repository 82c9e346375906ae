"""What every command needs: settings and, on demand, the store."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import typer

from sanctio.settings import Settings, db_url
from sanctio.store.sqlite import Store


@dataclass(slots=True)
class AppState:
    settings: Settings

    def store(self, *, create: bool = False) -> Store:
        return Store.open(self.settings.db, create=create)


def state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState(Settings.from_env())
    return root.obj


def with_db(ctx: typer.Context, db: str | Path | None) -> None:
    """Apply the root `--db` option (a path or a PostgreSQL URL) over the environment."""
    settings = Settings.from_env()
    if db is not None:
        url = db_url(str(db))
        if url is not None:
            settings = replace(settings, db_url=url)
        else:
            settings = replace(settings, db_path=Path(db), db_url=None)
    ctx.obj = AppState(settings)
