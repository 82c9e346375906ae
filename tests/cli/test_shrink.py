"""`lists load` holds a version that lost more than SANCTIO_MAX_SHRINK of its entities
(on both store backends)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sanctio.cli.main import app

runner = CliRunner()


def write(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    lines = [
        {"id": f"p{i}", "schema": "Person", "properties": {"name": [f"Person Number{i}"]}}
        for i in range(count)
    ]
    path = folder / "list.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def load(db: str, path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["--db", db, "lists", "load", str(path), *args],
        env={"COLUMNS": "200", **(env or {})},
    )
    return result.exit_code, " ".join(result.output.split())


def test_shrink_is_held_until_confirmed(store_target: str, tmp_path: Path) -> None:
    db = store_target
    assert load(db, write(tmp_path / "2026-01-01", 20))[0] == 0
    code, out = load(db, write(tmp_path / "2026-01-02", 12))
    assert code == 3, out
    assert "from 20 entities" in out and "to 12" in out and "--allow-shrink" in out
    assert "nothing was loaded" in out
    # A looser share allows it; so does the operator's confirmation.
    code, out = load(db, tmp_path / "2026-01-02", env={"SANCTIO_MAX_SHRINK": "50%"})
    assert code == 0, out
    code, out = load(db, write(tmp_path / "2026-01-03", 5), "--allow-shrink")
    assert code == 0 and "5 entities" in out, out
