"""`sanctio keys create|list|revoke` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from sanctio.cli import keys
from sanctio.cli.context import with_db
from sanctio.store.keys import KeyStore


def root() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(keys.app, name="keys")

    @app.callback()
    def main(ctx: typer.Context, db: Annotated[Path | None, typer.Option()] = None) -> None:
        with_db(ctx, db)

    return app


def test_create_list_revoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIO_API_KEYS_DB", raising=False)
    db = tmp_path / "s.db"
    run = CliRunner()
    app = root()
    r = run.invoke(app, ["--db", str(db), "keys", "create", "--scope", "admin", "--json"])
    assert r.exit_code == 0, r.output
    created = json.loads(r.output)
    assert created["scope"] == "admin" and created["token"].startswith("sk_")
    keys_file = tmp_path / "s.keys.db"
    with KeyStore(keys_file) as store:
        assert store.verify(created["token"]) is not None
    r = run.invoke(app, ["--db", str(db), "keys", "list", "--json"])
    listed = json.loads(r.output)
    assert [k["id"] for k in listed] == [created["id"]]
    assert "token" not in listed[0] and listed[0]["active"] is True
    r = run.invoke(app, ["--db", str(db), "keys", "revoke", created["id"]])
    assert r.exit_code == 0 and "revoked" in r.output
    with KeyStore(keys_file) as store:
        assert store.verify(created["token"]) is None
    r = run.invoke(app, ["--db", str(db), "keys", "list"])
    assert created["id"] in r.output


def test_bad_scope_and_unknown_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIO_API_KEYS_DB", raising=False)
    db = tmp_path / "s.db"
    r = CliRunner().invoke(root(), ["--db", str(db), "keys", "create", "--scope", "root"])
    assert r.exit_code == 2
    assert "scope" in r.output
    r = CliRunner().invoke(root(), ["--db", str(db), "keys", "revoke", "deadbeef"])
    assert r.exit_code == 4
