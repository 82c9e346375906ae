"""`sanctio db migrate` and `sanctio db copy`: a SQLite store moved whole onto PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app
from sanctio.model import EntityBuilder
from sanctio.model.customer import BatchRow
from sanctio.review import audit
from sanctio.store import migrations
from sanctio.store.book import Book
from sanctio.store.keys import KeyStore
from sanctio.store.provenance import seen_dates
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store
from sanctio.store.versions import StoredFile


def _add(store: Store, day: str, names: list[str]) -> None:
    entities = []
    for i, name in enumerate(names):
        b = EntityBuilder("ofac-sdn", str(i), "Person")
        b.add("name", name)
        entities.append(b.build())
    with store.transaction():
        store.add_version(
            source="ofac-sdn",
            format="test",
            published=dt.date.fromisoformat(day),
            published_from="option",
            fingerprint=day,
            files=[StoredFile(f"/x/{day}.csv", day, 10)],
            entities=entities,
            problems=[],
        )


def _alert(version_id: int) -> dict[str, object]:
    text = dict.fromkeys(
        (
            "customer_name",
            "customer_hash",
            "customer_fields",
            "entity_name",
            "entity_hash",
            "match_hash",
            "list_version",
            "algorithm",
            "features",
            "state",
            "opened_at",
            "updated_at",
        ),
        "x",
    )
    optional = dict.fromkeys(
        (
            "decision",
            "decided_by",
            "decided_at",
            "reason",
            "proposed_by",
            "decided_customer_hash",
            "decided_match_hash",
            "changes",
        ),
    )
    return {
        **text,
        **optional,
        "book": "retail",
        "customer_id": "c1",
        "entity_id": "ofac-sdn:0",
        "version_id": version_id,
        "threshold": 0.7,
        "score": 0.91,
        "status": "open",
        "listed": 1,
        "revision": 1,
        "first_run_id": 1,
        "last_run_id": 1,
    }


def test_migrate_reports_the_schema_version(store_target: str) -> None:
    first = CliRunner().invoke(app, ["--db", store_target, "db", "migrate", "--json"])
    assert first.exit_code == 0, first.output
    out = json.loads(first.output)
    assert out["applied"] == [m.number for m in migrations.migrations()]
    again = CliRunner().invoke(app, ["--db", store_target, "db", "migrate", "--json"])
    assert json.loads(again.output)["applied"] == []
    assert json.loads(again.output)["schema_version"] == migrations.latest()


@pytest.mark.pg
def test_copy_moves_versions_books_and_keys(tmp_path: Path, pg_url: str) -> None:
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        _add(store, "2024-01-02", ["Ann", "Bo"])
        _add(store, "2024-02-03", ["Ann", "Bob"])
        before = {v.id: v for v in store.versions()}
        bodies = {v: list(store.hashed_entities([v])) for v in before}
    with Book.open(path, "retail") as book:
        book.add([BatchRow(2, {"id": "c1", "name": "Ann"})])
    with KeyStore(tmp_path / "s.keys.db") as keys:
        _, token = keys.create("admin", "moved")
    with ReviewStore.open(path) as review, review.transaction():
        alert_id = review.insert_alert(_alert(min(before)))
        review.append_audit(
            [{"at": "t", "actor": "a", "action": "alert-opened", "alert_id": alert_id}],
            audit.seal,
        )

    result = CliRunner().invoke(app, ["db", "copy", "--from", str(path), "--to", pg_url])
    assert result.exit_code == 0, result.output
    assert "versions: 2 rows" in result.output

    with Store.open(pg_url, create=False) as server:
        assert {v.id: v for v in server.versions()} == before
        assert {v: list(server.hashed_entities([v])) for v in before} == bodies
        with Store.open(path) as local:
            assert server.history("ofac-sdn:1") == local.history("ofac-sdn:1")
        _add(server, "2024-03-04", ["Cy"])  # ids continue after the copied ones
        assert [v.id for v in server.versions()] == [*before, max(before) + 1]
        in_force = server.in_force(dt.date(2024, 2, 28))
    assert seen_dates(pg_url, in_force) == seen_dates(path, in_force)
    with Book.open(pg_url, "retail") as book:
        assert [r.query_id for r in book.customers()] == ["c1"]
    with KeyStore(pg_url) as keys:
        assert keys.verify(token) is not None
    with ReviewStore.open(pg_url) as review:
        assert review.alert(alert_id).customer_id == "c1"
        with review.transaction():  # the chain goes on from the copied head
            review.append_audit([{"at": "t2", "actor": "b", "action": "x"}], audit.seal)
        assert audit.verify(review.audit()).ok
        assert len(list(review.audit())) == 2

    again = CliRunner().invoke(app, ["db", "copy", "--from", str(path), "--to", pg_url])
    assert again.exit_code == 5
    assert "already holds 3 list version(s)" in again.output


def test_copy_wants_a_server_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["db", "copy", "--from", str(tmp_path / "s.db"), "--to", str(tmp_path / "t.db")]
    )
    assert result.exit_code == 2
    assert "expected postgresql://" in result.output


@pytest.mark.pg
def test_a_server_store_writes_no_sqlite_file(
    pg_url: str, tmp_path: Path, lists_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SANCTIO_API_KEYS_DB", raising=False)
    monkeypatch.setenv("SANCTIO_DB", pg_url)
    run = CliRunner()
    loaded = run.invoke(app, ["lists", "load", str(lists_dir / "un-sc" / "2026-02-27")])
    assert loaded.exit_code == 0, loaded.output
    assert run.invoke(app, ["keys", "create", "--scope", "screen"]).exit_code == 0
    status = run.invoke(app, ["lists", "status", "--json"])
    assert status.exit_code == 0 and "un-sc" in status.output
    with Store.open(pg_url, create=False) as store:
        assert store.sources() == ["un-sc"]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
