"""Settings built once from the environment and passed down (no module-level state)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_AGE_DAYS = 0  # 0 = no staleness limit unless configured


#: A store given as one of these is a PostgreSQL server, not a SQLite file.
DB_URL_SCHEMES = ("postgresql://", "postgres://")


def default_db_path(env: Mapping[str, str]) -> Path:
    """`$SANCTIO_DB` (a path), else `$XDG_DATA_HOME/sanctio/sanctio.db` (~/.local/share/...)."""
    if env.get("SANCTIO_DB") and not env["SANCTIO_DB"].startswith(DB_URL_SCHEMES):
        return Path(env["SANCTIO_DB"])
    base = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "sanctio" / "sanctio.db"


def db_url(value: str | None) -> str | None:
    """`value` if it names a PostgreSQL server (`postgresql://user@host:port/dbname`)."""
    return value if value and value.startswith(DB_URL_SCHEMES) else None


def _max_ages(text: str) -> dict[str, int]:
    """`ofac-sdn=2,un-sc=7` -> {source: days}."""
    out: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, days = part.partition("=")
        out[name.strip()] = int(days)
    return out


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with its environment variable."""

    db_path: Path
    lists_dir: Path | None = None
    fetch_dir: Path | None = None
    max_age_days: Mapping[str, int] = field(default_factory=dict)
    #: The store on a PostgreSQL server (`SANCTIO_DB=postgresql://...`); `db_path` is then
    #: only the local folder for downloads and uploads, and no SQLite file is written.
    db_url: str | None = None

    @property
    def db(self) -> str:
        """What `Store.open` takes: the server URL, else the SQLite path."""
        return self.db_url or str(self.db_path)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        lists = env.get("SANCTIO_LISTS_DIR")
        fetch_dir = env.get("SANCTIO_FETCH_DIR")
        return cls(
            db_path=default_db_path(env),
            lists_dir=Path(lists) if lists else None,
            fetch_dir=Path(fetch_dir) if fetch_dir else None,
            max_age_days=_max_ages(env.get("SANCTIO_MAX_AGE_DAYS", "")),
            db_url=db_url(env.get("SANCTIO_DB")),
        )
