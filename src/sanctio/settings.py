"""Settings built once from the environment, validated when read, and passed down.

A bad value is refused with an `InputError` naming the variable and what was expected
(the CLI exits 2, the server refuses to start): a setting that guards screening
(`SANCTIO_REQUIRED_SOURCES`, `SANCTIO_MAX_AGE_DAYS`) must never be half-understood.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sanctio.exceptions import InputError
from sanctio.sources.base import SOURCES

#: A new version losing more than this share of its source's previous entities is held.
DEFAULT_MAX_SHRINK = 0.10

_MAX_AGE = "SANCTIO_MAX_AGE_DAYS"
_REQUIRED = "SANCTIO_REQUIRED_SOURCES"
_SHRINK = "SANCTIO_MAX_SHRINK"
_DAYS = re.compile(r"[0-9]{1,5}")


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


def _source(name: str, variable: str, raw: str) -> str:
    if name not in SOURCES:
        raise InputError(
            variable,
            f"{raw!r}: unknown source {name!r}; expected one of {', '.join(SOURCES)}",
        )
    return name


def parse_max_ages(text: str, variable: str = _MAX_AGE) -> dict[str, int]:
    """`ofac-sdn=2,un-sc=7` -> {source: days}; each source known, each limit >= 1 day."""
    out: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, days = (s.strip() for s in part.partition("="))
        if not sep or not _DAYS.fullmatch(days) or int(days) < 1:
            raise InputError(
                variable,
                f"{part!r}: expected SOURCE=DAYS with DAYS a whole number of days >= 1 "
                "(e.g. ofac-sdn=2,un-sc=7); leave a source out for no limit",
            )
        if name in out:
            raise InputError(variable, f"{part!r}: {name} is given twice")
        out[_source(name, variable, part)] = int(days)
    return out


def parse_required(text: str, variable: str = _REQUIRED) -> tuple[str, ...]:
    """`ofac-sdn,un-sc` -> the sources screening refuses to run without."""
    names = [p.strip() for p in text.split(",") if p.strip()]
    return tuple(dict.fromkeys(_source(n, variable, n) for n in names))


def parse_share(text: str, variable: str = _SHRINK) -> float:
    """`0.1` or `10%` -> 0.1; a share in [0, 1]."""
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise InputError(variable, f"{text!r}: expected a share between 0 and 1 (e.g. 0.1 or 10%)")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with its environment variable."""

    db_path: Path  # SANCTIO_DB (a path)
    lists_dir: Path | None = None  # SANCTIO_LISTS_DIR
    fetch_dir: Path | None = None  # SANCTIO_FETCH_DIR
    max_age_days: Mapping[str, int] = field(default_factory=dict)  # SANCTIO_MAX_AGE_DAYS
    #: The store on a PostgreSQL server (`SANCTIO_DB=postgresql://...`); `db_path` is then
    #: only the local folder for downloads and uploads, and no SQLite file is written.
    db_url: str | None = None  # SANCTIO_DB (a URL)
    required_sources: tuple[str, ...] = ()  # SANCTIO_REQUIRED_SOURCES
    max_shrink: float = DEFAULT_MAX_SHRINK  # SANCTIO_MAX_SHRINK

    @property
    def db(self) -> str:
        """What `Store.open` takes: the server URL, else the SQLite path."""
        return self.db_url or str(self.db_path)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate; InputError names the variable and what was expected."""
        env = os.environ if env is None else env
        lists = env.get("SANCTIO_LISTS_DIR")
        fetch_dir = env.get("SANCTIO_FETCH_DIR")
        shrink = env.get(_SHRINK, "").strip()
        return cls(
            db_path=default_db_path(env),
            lists_dir=Path(lists) if lists else None,
            fetch_dir=Path(fetch_dir) if fetch_dir else None,
            max_age_days=parse_max_ages(env.get(_MAX_AGE, "")),
            db_url=db_url(env.get("SANCTIO_DB")),
            required_sources=parse_required(env.get(_REQUIRED, "")),
            max_shrink=parse_share(shrink) if shrink else DEFAULT_MAX_SHRINK,
        )

    def with_db(self, db: str | Path) -> Settings:
        """The same settings over another store: a SQLite file or a PostgreSQL URL."""
        url = db_url(str(db))
        if url is not None:
            return dataclasses.replace(self, db_url=url)
        return dataclasses.replace(self, db_path=Path(db), db_url=None)
