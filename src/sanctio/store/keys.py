"""API keys: stored as SHA-256 hashes of random tokens, looked up by a short public id.

A token reads `sk_<id>_<secret>`: `id` (8 hex) names the row so a lookup needs no scan,
the whole token is hashed, and only the hash is kept. The keys live in their own SQLite
file (created 0600) so list stores can be shared without sharing credentials.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctio.exceptions import InputError, NotFoundError, StoreError

SCOPES: tuple[str, ...] = ("screen", "review", "admin")
PREFIX = "sk"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id          TEXT PRIMARY KEY,
    hash        TEXT NOT NULL,
    scope       TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
"""


@dataclass(frozen=True, slots=True)
class ApiKey:
    """One key's public record (never the token)."""

    id: str
    scope: str
    label: str
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        """Admin keys may do everything; review keys decide alerts and read what screen reads."""
        implied = scope == "screen" and self.scope == "review"
        return self.active and (self.scope in (scope, "admin") or implied)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scope": self.scope,
            "label": self.label,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
            "active": self.active,
        }


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_id(token: str) -> str | None:
    """The public id inside a well-formed token, else None."""
    parts = token.split("_")
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) != 8:
        return None
    return parts[1]


class KeyStore:
    """Create, list, revoke and verify API keys; verification results are cached briefly."""

    def __init__(self, path: Path | str, *, cache_seconds: float = 5.0) -> None:
        self.path = str(path)
        self._cache_seconds = cache_seconds
        self._cache: dict[str, tuple[ApiKey | None, float]] = {}
        self._lock = threading.Lock()
        target = Path(self.path)
        try:
            if self.path != ":memory:" and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                # Credentials file: readable by its owner only.
                os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
            self._conn = sqlite3.connect(
                self.path, timeout=10.0, isolation_level=None, check_same_thread=False
            )
            self._conn.executescript(_SCHEMA)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the API key store: {exc}") from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> KeyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _row(row: Any) -> ApiKey:
        return ApiKey(row[0], row[1], row[2], row[3], row[4])

    def create(self, scope: str, label: str = "") -> tuple[ApiKey, str]:
        """A new key and its token; the token is shown once and never stored."""
        if scope not in SCOPES:
            raise InputError(
                "scope", f"{scope!r} is not a scope; expected one of screen, review, admin"
            )
        with self._lock:
            for _ in range(5):
                key_id = secrets.token_hex(4)
                token = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32).replace('_', '-')}"
                created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                try:
                    self._conn.execute(
                        "INSERT INTO api_keys (id, hash, scope, label, created_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (key_id, token_hash(token), scope, label, created),
                    )
                except sqlite3.IntegrityError:
                    continue  # id collision: draw again
                return ApiKey(key_id, scope, label, created, None), token
        raise StoreError("could not draw a unique key id")

    def list(self) -> list[ApiKey]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, scope, label, created_at, revoked_at FROM api_keys ORDER BY created_at"
            ).fetchall()
        return [self._row(r) for r in rows]

    def revoke(self, key_id: str) -> ApiKey:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            cur = self._conn.execute(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                (now, key_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no API key with id {key_id!r}")
            row = self._conn.execute(
                "SELECT id, scope, label, created_at, revoked_at FROM api_keys WHERE id = ?",
                (key_id,),
            ).fetchone()
            self._cache.clear()
        return self._row(row)

    def verify(self, token: str) -> ApiKey | None:
        """The active key this token belongs to, else None (unknown, malformed or revoked)."""
        key_id = token_id(token)
        if key_id is None:
            return None
        digest = token_hash(token)
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(digest)
            if cached is not None and cached[1] > now:
                return cached[0]
            row = self._conn.execute(
                "SELECT hash, id, scope, label, created_at, revoked_at FROM api_keys WHERE id = ?",
                (key_id,),
            ).fetchone()
            found: ApiKey | None = None
            if row is not None and hmac.compare_digest(row[0], digest) and row[5] is None:
                found = ApiKey(row[1], row[2], row[3], row[4], row[5])
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (found, now + self._cache_seconds)
        return found
