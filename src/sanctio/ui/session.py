"""Signed, expiring UI sessions and their CSRF tokens (HMAC-SHA256, no server-side state).

A session cookie carries the API key's public id and scope, an expiry and a random CSRF
token, signed with the UI secret; never the key's token. Every request re-checks that the
key is still active, so revoking a key ends its sessions at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

SESSION_COOKIE = "sanctio_session"
LOGIN_COOKIE = "sanctio_login"  # double-submit CSRF token of the login form
MAX_COOKIE = 4096
#: Each scope may do what the ones before it may: reviewers read, admins also decide.
SCOPE_RANK: dict[str, int] = {"screen": 0, "review": 1, "admin": 2}


@dataclass(frozen=True, slots=True)
class Session:
    """Who is logged in: the API key's id and scope, until `expires` (epoch seconds)."""

    key_id: str
    scope: str
    expires: int
    csrf: str

    def allows(self, scope: str) -> bool:
        """`screen` reads, `review` also decides alerts, `admin` may do everything."""
        return SCOPE_RANK.get(self.scope, -1) >= SCOPE_RANK.get(scope, 99)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Signs and checks small JSON payloads with one secret and a purpose."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("the UI secret must be at least 32 bytes")
        self._secret = secret

    def _mac(self, purpose: str, body: str) -> str:
        digest = hmac.new(self._secret, f"{purpose}.{body}".encode(), hashlib.sha256).digest()
        return _b64(digest)

    def sign(self, purpose: str, payload: dict[str, object]) -> str:
        body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
        return f"{body}.{self._mac(purpose, body)}"

    def unsign(self, purpose: str, value: str | None) -> dict[str, object] | None:
        """The payload if `value` was signed here for `purpose`, else None."""
        if not value or len(value) > MAX_COOKIE or value.count(".") != 1:
            return None
        body, mac = value.split(".")
        if not hmac.compare_digest(mac, self._mac(purpose, body)):
            return None
        try:
            data = json.loads(_unb64(body))
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None


def new_session(key_id: str, scope: str, minutes: int, now: float | None = None) -> Session:
    now = time.time() if now is None else now
    return Session(key_id, scope, int(now) + minutes * 60, secrets.token_urlsafe(24))


def dump_session(signer: Signer, session: Session) -> str:
    return signer.sign(
        "session",
        {"k": session.key_id, "s": session.scope, "e": session.expires, "c": session.csrf},
    )


def load_session(signer: Signer, value: str | None, now: float | None = None) -> Session | None:
    """The session in a cookie value if it is authentic and not expired."""
    data = signer.unsign("session", value)
    if data is None:
        return None
    key_id, scope, expires, csrf = data.get("k"), data.get("s"), data.get("e"), data.get("c")
    if not (
        isinstance(key_id, str)
        and isinstance(scope, str)
        and isinstance(expires, int)
        and isinstance(csrf, str)
    ):
        return None
    if expires <= (time.time() if now is None else now):
        return None
    return Session(key_id, scope, expires, csrf)


def login_token(signer: Signer) -> tuple[str, str]:
    """A fresh login CSRF token and the signed cookie value that carries it."""
    token = secrets.token_urlsafe(24)
    return token, signer.sign("login", {"t": token, "e": int(time.time()) + 3600})


def check_login_token(signer: Signer, cookie: str | None, submitted: str) -> bool:
    """Does the login form's token equal the one in its (authentic, unexpired) cookie?"""
    data = signer.unsign("login", cookie)
    if data is None:
        return False
    token, expires = data.get("t"), data.get("e")
    if not isinstance(token, str) or not isinstance(expires, int) or expires <= time.time():
        return False
    return bool(submitted) and hmac.compare_digest(token, submitted)


def same_token(expected: str, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(expected, submitted or "")
