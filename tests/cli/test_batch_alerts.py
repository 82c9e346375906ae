"""`sanctio batch INPUT --alerts BOOK` on the real OFAC file: hits open alerts keyed by the
id column, a second run updates them, bad requests exit 2 before screening."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app
from sanctio.store.review import ReviewStore

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def template(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch-alerts") / "s.db"
    code, out = run(path, "lists", "load", str(lists_dir / "ofac-sdn" / "2022-02-26"))
    assert code == 0, out
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    """A copy of the loaded store per test (each writes its own alerts)."""
    path = tmp_path / "s.db"
    with sqlite3.connect(template) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return path


def _batch(db: Path, tmp_path: Path, rows: str, *extra: str) -> tuple[int, str, Path]:
    src = tmp_path / "in.csv"
    src.write_text(rows, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, text = run(
        db, "batch", str(src), "-o", str(out), "--executor", "inline", "--progress", "none", *extra
    )
    return code, text, out


def test_batch_opens_then_updates_alerts(db: Path, tmp_path: Path) -> None:
    rows = "id,name\nk1,Vladimir Putin\nk2,Johanna Lindqvist\n"
    code, text, out = _batch(db, tmp_path, rows, "--alerts", "retail", "--actor", "ops")
    assert code == 0, text
    records = [json.loads(line) for line in out.read_text().splitlines()]
    hits = sorted(r["entity_id"] for r in records if r.get("match"))
    assert hits and {r["query_id"] for r in records} == {"k1"}
    assert all("features" not in r and "_fields" not in r for r in records)  # no --explain
    code, listed = run(db, "alerts", "list", "--json", "--book", "retail")
    assert code == 0, listed
    alerts = [json.loads(line) for line in listed.splitlines()]
    assert sorted(a["entity_id"] for a in alerts) == hits
    assert {(a["book"], a["customer_id"], a["status"]) for a in alerts} == {
        ("retail", "k1", "open")
    }
    meta = json.loads(Path(str(out) + ".meta.json").read_text())
    assert meta["alerts"] == "retail" and meta["summary"]["alerts"]["opened"] == len(hits)

    dated = "id,name,birth_date\nk1,Vladimir Putin,1952-10-07\nk2,Johanna Lindqvist,\n"
    code, text, out = _batch(db, tmp_path, dated, "--alerts", "retail", "--explain")
    assert code == 0, text
    assert all(r["features"] for r in map(json.loads, out.read_text().splitlines()))
    again = [json.loads(line) for line in run(db, "alerts", "list", "--json")[1].splitlines()]
    assert sorted(a["id"] for a in again) == sorted(a["id"] for a in alerts)
    assert {a["state"] for a in again} == {"updated"}
    with ReviewStore.open(db) as review:
        trail = list(review.audit())
        assert [r.action for r in trail].count("batch-screened") == 2
        assert {r.actor for r in trail if r.action == "alert-opened"} == {"ops"}
        assert [s.outcome for s in review.screenings("k2", book="retail")] == ["clear", "clear"]
    code, verified = run(db, "audit", "verify")
    assert code == 0, verified


@pytest.mark.parametrize(
    "extra",
    [
        ("--alerts", "no such/book"),
        ("--alerts", "retail", "--since", "2022-02-23"),
        ("--alerts", "retail", "--as-of", "2022-02-26"),
    ],
)
def test_batch_alerts_refuses_bad_requests(
    db: Path, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    code, text, out = _batch(db, tmp_path, "id,name\nk1,Vladimir Putin\n", *extra)
    assert code == 2, text
    assert "alerts" in text and not out.exists()  # refused before anything was written
    with ReviewStore.open(db) as review:
        assert list(review.audit()) == []
