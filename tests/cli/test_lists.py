"""`sanctio lists ...` and `sanctio entity` through the CLI, on real list files."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def un_db(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "un.db"
    code, out = run(db, "lists", "load", str(lists_dir / "un-sc"), "--json")
    assert code == 0, out
    return db


def test_load_creates_one_version_per_file_and_is_idempotent(un_db: Path, lists_dir: Path) -> None:
    code, out = run(un_db, "lists", "versions", "un-sc", "--json")
    assert code == 0, out
    versions = json.loads(out)
    assert [v["published"] for v in versions] == ["2018-10-29", "2020-11-24", "2026-02-27"]
    assert [v["entity_count"] for v in versions] == [1093, 1018, 1003]
    assert all(v["published_from"] == "file" for v in versions)
    assert all(len(v["files"][0]["sha256"]) == 64 for v in versions)

    code, out = run(un_db, "lists", "load", str(lists_dir / "un-sc"), "--json")
    assert code == 0, out
    assert [o["created"] for o in json.loads(out)] == [False, False, False]
    code, out = run(un_db, "lists", "versions", "--json")
    assert len(json.loads(out)) == 3


def test_status_diff_and_entity(un_db: Path) -> None:
    code, out = run(un_db, "lists", "status", "--json")
    assert code == 0, out
    (row,) = json.loads(out)["sources"]
    assert row["source"] == "un-sc" and row["published"] == "2026-02-27"
    assert row["versions"] == 3 and row["entities"] == 1003

    code, out = run(un_db, "lists", "diff", "un-sc", "--json")
    assert code == 0, out
    diff = json.loads(out)
    assert diff["old"] == "un-sc@2020-11-24" and diff["new"] == "un-sc@2026-02-27"
    added = {e["id"] for e in diff["added"]}
    removed = {e["id"] for e in diff["removed"]}
    assert added and removed and not added & removed
    assert all(c["changes"] for c in diff["changed"])
    # 1018 + added - removed = 1003
    assert 1018 + len(added) - len(removed) == 1003

    gone = sorted(removed)[0]
    code, out = run(un_db, "entity", gone, "--json")
    assert code == 0, out
    shown = json.loads(out)
    assert shown["history"]["removed"] == "un-sc@2026-02-27"
    assert shown["version"]["published"] == "2020-11-24"

    code, out = run(un_db, "entity", "un-sc:QDi.001")
    assert code == 0, out
    assert "first seen un-sc@2018-10-29" in out


def test_diff_by_dates_and_unknown_entity(un_db: Path) -> None:
    code, out = run(un_db, "lists", "diff", "un-sc", "2018-10-29", "2020-11-24", "--json")
    assert code == 0, out
    assert json.loads(out)["old"] == "un-sc@2018-10-29"
    code, out = run(un_db, "entity", "un-sc:NOPE.000")
    assert code == 4 and "no entity" in out
    code, out = run(un_db, "lists", "diff", "un-sc", "2018-10-29")
    assert code == 2 and "both" in out


def test_ofac_diff_shows_putin_added(lists_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "ofac.db"
    for day in ("2022-02-23", "2022-02-26"):
        code, out = run(db, "lists", "load", str(lists_dir / "ofac-sdn" / day))
        assert code == 0, out
    code, out = run(db, "lists", "diff", "ofac-sdn", "2022-02-23", "2022-02-26", "--json")
    assert code == 0, out
    diff = json.loads(out)
    assert len(diff["added"]) == 97 and diff["removed"] == []
    assert "PUTIN, Vladimir Vladimirovich" in {e["caption"] for e in diff["added"]}


def dump(db: Path) -> list[str]:
    """Every table of the store as SQL, to compare a store before and after."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("content", "name", "expect"),
    [
        (b"", "consolidated.xml", "empty"),
        (b"hello, world\n", "notes.txt", "not recognised"),
    ],
)
def test_bad_files_fail_and_leave_store_unchanged(
    un_db: Path, tmp_path: Path, content: bytes, name: str, expect: str
) -> None:
    before = dump(un_db)
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out = run(un_db, "lists", "load", str(bad))
    assert code == 3, out
    assert expect in out and name in out
    assert dump(un_db) == before  # every table, row for row
    code, out = run(un_db, "lists", "versions", "--json")
    assert len(json.loads(out)) == 3


def test_truncated_file_in_a_batch_lands_nothing(lists_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    good = lists_dir / "un-sc" / "2026-02-27" / "consolidated.xml"
    folder = tmp_path / "un-sc" / "2020-01-01"
    folder.mkdir(parents=True)
    data = good.read_bytes()
    (folder / "consolidated.xml").write_bytes(data[: len(data) // 2])
    shutil.copy(good, tmp_path / "consolidated.xml")
    code, out = run(db, "lists", "load", str(tmp_path / "consolidated.xml"), str(folder))
    assert code == 3, out
    assert "consolidated.xml" in out and "line" in out
    code, out = run(db, "lists", "status", "--json")
    assert code == 0 and json.loads(out)["sources"] == []


def test_published_option_is_validated(un_db: Path, lists_dir: Path) -> None:
    code, out = run(un_db, "lists", "load", str(lists_dir / "un-sc"), "--published", "soon")
    assert code == 2 and "--published" in out and "YYYY-MM-DD" in out
