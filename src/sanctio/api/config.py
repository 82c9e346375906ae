"""HTTP API settings, read once from the environment (`SANCTIO_API_*`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sanctio.exceptions import InputError
from sanctio.settings import Settings

#: yente's documented defaults and limits, kept so yente clients behave the same.
MATCH_PAGE = 5  # YENTE_MATCH_PAGE
MAX_MATCHES = 500  # YENTE_MAX_MATCHES / MAX_PAGE
MAX_BATCH = 100  # YENTE_MAX_BATCH
SCORE_THRESHOLD = 0.70
SEARCH_PAGE = 10
MAX_OFFSET = 9499
MAX_EXCLUDED_IDS = 50


def _flag(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("on", "true", "1", "yes"):
        return True
    if lowered in ("off", "false", "0", "no"):
        return False
    raise InputError(name, f"{value!r}: expected on or off")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InputError(name, f"{raw!r} is not an integer") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise InputError(name, f"{raw!r} is not a number") from None


def default_keys_path(db_path: Path) -> Path:
    """Keys sit beside the store: `sanctio.db` -> `sanctio.keys.db`."""
    return db_path.with_name(f"{db_path.stem}.keys.db")


@dataclass(frozen=True, slots=True)
class ApiConfig:
    """Everything the API adds to `Settings`, with its environment variable."""

    host: str = "127.0.0.1"  # SANCTIO_API_HOST
    port: int = 8000  # SANCTIO_API_PORT
    workers: int = 1  # SANCTIO_API_WORKERS
    auth: bool = True  # SANCTIO_API_AUTH=on|off
    keys_path: Path | None = None  # SANCTIO_API_KEYS_DB (default: beside the store)
    watch_interval: float = 2.0  # SANCTIO_API_WATCH_SECONDS
    max_body_bytes: int = 1_000_000  # SANCTIO_API_MAX_BODY
    max_upload_bytes: int = 200_000_000  # SANCTIO_API_MAX_UPLOAD
    upload_dir: Path | None = None  # SANCTIO_API_UPLOAD_DIR (default: beside the store)
    #: Required on top of `Settings.required_sources` (SANCTIO_REQUIRED_SOURCES, read there).
    required_sources: tuple[str, ...] = ()
    max_batch: int = MAX_BATCH  # SANCTIO_API_MAX_BATCH
    #: How long a key check is remembered: a key revoked on another instance (a shared
    #: PostgreSQL store) is refused here at most this long after.
    key_cache_seconds: float = 5.0  # SANCTIO_API_KEY_CACHE_SECONDS

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiConfig:
        env = os.environ if env is None else env
        keys = env.get("SANCTIO_API_KEYS_DB")
        uploads = env.get("SANCTIO_API_UPLOAD_DIR")
        return cls(
            host=env.get("SANCTIO_API_HOST") or "127.0.0.1",
            port=_int(env, "SANCTIO_API_PORT", 8000),
            workers=max(1, _int(env, "SANCTIO_API_WORKERS", 1)),
            auth=_flag(env.get("SANCTIO_API_AUTH") or "on", "SANCTIO_API_AUTH"),
            keys_path=Path(keys) if keys else None,
            watch_interval=_float(env, "SANCTIO_API_WATCH_SECONDS", 2.0),
            max_body_bytes=_int(env, "SANCTIO_API_MAX_BODY", 1_000_000),
            max_upload_bytes=_int(env, "SANCTIO_API_MAX_UPLOAD", 200_000_000),
            upload_dir=Path(uploads) if uploads else None,
            max_batch=max(1, _int(env, "SANCTIO_API_MAX_BATCH", MAX_BATCH)),
            key_cache_seconds=_float(env, "SANCTIO_API_KEY_CACHE_SECONDS", 5.0),
        )

    def keys_file(self, db_path: Path) -> Path:
        return self.keys_path or default_keys_path(db_path)

    def keys_target(self, settings: Settings) -> str:
        """Where the keys live: `SANCTIO_API_KEYS_DB`, else the PostgreSQL store itself,
        else a SQLite file beside the store."""
        if self.keys_path is not None:
            return str(self.keys_path)
        return settings.db_url or str(default_keys_path(settings.db_path))

    def uploads(self, db_path: Path) -> Path:
        return self.upload_dir or db_path.with_name(f"{db_path.stem}.uploads")
