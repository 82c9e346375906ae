"""`sanctio book rescreen` opens alerts; `alerts`, `audit`, `book screenings` end to end."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture
def db(lists_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    code, out = run(path, "lists", "load", str(lists_dir / "un-sc" / "2026-02-27"))
    assert code == 0, out
    book = tmp_path / "book.csv"
    book.write_text("id,name\nk1,Eric Badege\nk2,Johanna Lindqvist\n", encoding="utf-8")
    code, out = run(path, "book", "add", str(book), "--book", "clients")
    assert code == 0, out
    code, out = run(
        path,
        "book",
        "rescreen",
        "--book",
        "clients",
        "--executor",
        "inline",
        "--progress",
        "none",
        "-o",
        str(tmp_path / "report.jsonl"),
    )
    assert code == 0, out
    return path


def test_alerts_list_show_decide(db: Path) -> None:
    code, out = run(db, "alerts", "list", "--json")
    assert code == 0, out
    alerts = [json.loads(line) for line in out.splitlines()]
    assert alerts and {a["customer_id"] for a in alerts} == {"k1"}
    for key in ("id", "book", "customer_id", "entity_id", "score", "status", "decision"):
        assert key in alerts[0]
    first = alerts[0]["id"]
    code, out = run(db, "alerts", "show", str(first))
    assert code == 0 and json.loads(out)["customer"]["fields"]["name"] == "Eric Badege"
    code, out = run(
        db,
        "alerts",
        "decide",
        str(first),
        "--decision",
        "true-match",
        "--reason",
        "passport matches",
        "--actor",
        "ana",
    )
    assert code == 0, out
    assert json.loads(out)["decided_by"] == "ana"
    code, out = run(
        db, "alerts", "decide", str(first), "--decision", "false-positive", "--reason", "x"
    )
    assert code == 2 and "already closed" in out
    code, out = run(db, "alerts", "list", "--status", "closed", "--book", "clients", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [first]
    code, out = run(db, "alerts", "list", "--status", "maybe")
    assert code == 2


def test_book_screenings_gives_the_evidence(db: Path) -> None:
    code, out = run(db, "book", "screenings", "k2", "--json")
    assert code == 0, out
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["versions"] == {"un-sc": "un-sc@2026-02-27"}
    assert (record["outcome"], record["book"]) == ("clear", "clients")
    code, out = run(db, "book", "screenings", "nobody")
    assert code == 4


def test_audit_verify_export_and_tampering(db: Path, tmp_path: Path) -> None:
    code, out = run(db, "audit", "verify")
    assert code == 0 and json.loads(out)["ok"]
    target = tmp_path / "audit.csv"
    code, out = run(db, "audit", "export", "-o", str(target), "--format", "csv")
    assert code == 0, out
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("seq,at,actor,action") and len(lines) >= 3
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")
    conn.commit()
    conn.close()
    code, out = run(db, "audit", "verify")
    assert code == 8 and "record 1 was altered" in out


def test_monitor_once_over_a_folder(lists_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    book = tmp_path / "book.csv"
    book.write_text("id,name\nk1,Eric Badege\n", encoding="utf-8")
    code, out = run(db, "book", "add", str(book))
    assert code == 0, out
    folder = str(lists_dir / "un-sc" / "2026-02-27")
    code, out = run(db, "monitor", "--once", "--folder", folder, "--json")
    assert code == 0, out
    result = json.loads(out.strip().splitlines()[-1])
    assert result["ok"] and result["loaded"] == ["un-sc@2026-02-27"]
    assert result["runs"][0]["alerts"]["opened"] >= 1
    code, out = run(db, "monitor", "--folder", folder)
    assert code == 2 and "exactly one of --once, --every or --cron" in out
    code, out = run(db, "monitor", "--once", "--webhook", "http://127.0.0.1:9/hook")
    assert code == 2 and "SANCTIO_WEBHOOK_SECRET" in out


def test_rescreen_refuses_a_stale_list_and_records_nothing(lists_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "stale.db"
    code, out = run(db, "lists", "load", str(lists_dir / "un-sc" / "2026-02-27"))
    assert code == 0, out
    book = tmp_path / "book.csv"
    book.write_text("id,name\nk1,Eric Badege\n", encoding="utf-8")
    assert run(db, "book", "add", str(book))[0] == 0
    result = runner.invoke(
        app,
        ["--db", str(db), "book", "rescreen", "--executor", "inline", "--progress", "none"],
        env={"SANCTIO_MAX_AGE_DAYS": "un-sc=1"},
    )
    assert result.exit_code == 7 and "stale" in result.output
    code, out = run(db, "book", "screenings", "k1")
    assert code == 4  # no run, no evidence of a screening that did not happen
