"""Signed sessions: round trip, tampering, expiry, purposes, scopes."""

from __future__ import annotations

import time

import pytest

from sanctio.ui.session import (
    Signer,
    check_login_token,
    dump_session,
    load_session,
    login_token,
    new_session,
)

SIGNER = Signer(b"k" * 32)


def test_a_session_round_trips_and_tampering_is_refused() -> None:
    session = new_session("abcd1234", "screen", 10)
    value = dump_session(SIGNER, session)
    assert load_session(SIGNER, value) == session
    body, mac = value.split(".")
    forged = dump_session(SIGNER, new_session("abcd1234", "admin", 10)).split(".")[0]
    assert load_session(SIGNER, f"{forged}.{mac}") is None
    assert load_session(SIGNER, f"{body}.{mac[:-2]}xx") is None
    assert load_session(Signer(b"o" * 32), value) is None
    assert load_session(SIGNER, "garbage") is None
    assert load_session(SIGNER, None) is None


def test_a_session_expires() -> None:
    session = new_session("abcd1234", "screen", 1, now=time.time() - 120)
    assert load_session(SIGNER, dump_session(SIGNER, session)) is None


def test_a_login_token_is_no_session_and_must_match_its_cookie() -> None:
    token, cookie = login_token(SIGNER)
    assert load_session(SIGNER, cookie) is None  # signed for another purpose
    assert check_login_token(SIGNER, cookie, token)
    assert not check_login_token(SIGNER, cookie, token + "x")
    assert not check_login_token(SIGNER, None, token)
    assert not check_login_token(SIGNER, cookie, "")


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [
        ("screen", {"screen"}),
        ("review", {"screen", "review"}),
        ("admin", {"screen", "review", "admin"}),
    ],
)
def test_scopes_read_decide_manage(scope: str, allowed: set[str]) -> None:
    session = new_session("abcd1234", scope, 10)
    assert {s for s in ("screen", "review", "admin") if session.allows(s)} == allowed


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        Signer(b"short")
