"""What the UI pages share: the store, the screening service, the keys and the UI settings."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sanctio.exceptions import InputError, StoreError
from sanctio.screening.service import ScreeningService
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore
from sanctio.ui.session import Signer

DEFAULT_SESSION_MINUTES = 480


def secret_path(db_path: Path) -> Path:
    """The UI's signing secret sits beside the store: `sanctio.db` -> `sanctio.ui-secret`."""
    return db_path.with_name(f"{db_path.stem}.ui-secret")


def load_secret(db_path: Path, env: Mapping[str, str], *, server: bool = False) -> bytes:
    """`$SANCTIO_UI_SECRET`, else a random secret kept (0600) beside the store, so that
    every worker process signs and checks sessions with the same one. With the store on a
    server (`server`), instances on other machines must share it: the variable is then
    required, and nothing is written beside a store that is not a file."""
    given = env.get("SANCTIO_UI_SECRET")
    if given:
        if len(given) < 32:
            raise InputError("SANCTIO_UI_SECRET", "too short; expected at least 32 characters")
        return given.encode()
    if server:
        raise InputError(
            "SANCTIO_UI_SECRET",
            "not set; with a PostgreSQL store every instance must sign UI sessions with the "
            "same secret: expected at least 32 characters, the same on every instance",
        )
    path = secret_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
        secret = path.read_text().strip()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read or create the UI secret: {exc}") from exc
    if len(secret) < 32:
        raise StoreError(f"{path}: the UI secret is shorter than 32 characters")
    return secret.encode()


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("on", "true", "1", "yes"):
        return True
    if raw in ("off", "false", "0", "no"):
        return False
    raise InputError(name, f"{raw!r}: expected on or off")


@dataclass(frozen=True, slots=True)
class UiConfig:
    """UI settings with their environment variables."""

    session_minutes: int = DEFAULT_SESSION_MINUTES  # SANCTIO_UI_SESSION_MINUTES
    secure_cookie: bool = True  # SANCTIO_UI_SECURE_COOKIE=on|off (off only behind no TLS)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> UiConfig:
        env = os.environ if env is None else env
        raw = env.get("SANCTIO_UI_SESSION_MINUTES") or str(DEFAULT_SESSION_MINUTES)
        try:
            minutes = int(raw)
        except ValueError:
            raise InputError("SANCTIO_UI_SESSION_MINUTES", f"{raw!r} is not an integer") from None
        if not 1 <= minutes <= 7 * 24 * 60:
            raise InputError("SANCTIO_UI_SESSION_MINUTES", f"{minutes}: expected 1 to 10080")
        return cls(minutes, _flag(env, "SANCTIO_UI_SECURE_COOKIE", True))


@dataclass(frozen=True, slots=True)
class UiContext:
    """Everything a page handler needs; built once by `create_ui`."""

    settings: Settings
    service: ScreeningService
    keys: KeyStore | None  # None: API keys are off, every visitor may do everything
    signer: Signer
    config: UiConfig

    @property
    def auth(self) -> bool:
        return self.keys is not None
