"""`sanctio text FILE|-` through CliRunner: output, --as-of, --json, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from sanctio.cli.context import with_db
from sanctio.cli.text import text
from sanctio.screening.service import ScreeningService


def root() -> typer.Typer:
    app = typer.Typer()
    app.command("text")(text)

    @app.callback()
    def main(ctx: typer.Context, db: Annotated[Path | None, typer.Option()] = None) -> None:
        with_db(ctx, db)

    return app


@pytest.fixture(scope="module")
def db(history: ScreeningService) -> str:
    return str(history.db_path)


def test_json_as_of_names_the_version(db: str, fixtures_dir: Path) -> None:
    news = str(fixtures_dir / "text" / "news_ru.txt")
    r = CliRunner().invoke(root(), ["--db", db, "text", news, "--as-of", "2022-03-01", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["lists"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    assert [m["entity_id"] for m in data["mentions"]] == ["ofac-sdn:35096", "ofac-sdn:16692"]
    r = CliRunner().invoke(root(), ["--db", db, "text", news, "--as-of", "2022-02-23", "--json"])
    assert [m["entity_id"] for m in json.loads(r.output)["mentions"]] == ["ofac-sdn:16692"]


def test_stdin_and_table(db: str) -> None:
    r = CliRunner().invoke(root(), ["--db", db, "text", "-"], input="Oleg Deripaska spoke.")
    assert r.exit_code == 0, r.output
    assert "DERIPASKA" in r.output and "1 name of 1 listed party found" in r.output


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"%PDF-1.4 binary", [], "PDF"),
        (b"caf\xe9", [], "invalid UTF-8"),
        (b"fine", ["--as-of", "01/03/2022"], "not a date"),
        (b"fine", ["--as-of", "2999-01-01"], "future"),
        (b"fine", ["--kind", "docx"], "expected one of"),
        (b"<a><b></a>", [], "not well-formed"),
    ],
)
def test_bad_input_exits_2(
    db: str, tmp_path: Path, content: bytes, args: list[str], message: str
) -> None:
    path = tmp_path / "in.bin"
    path.write_bytes(content)
    r = CliRunner().invoke(root(), ["--db", db, "text", str(path), *args])
    assert r.exit_code == 2, r.output
    assert message in r.output


def test_missing_file_and_folder(db: str, tmp_path: Path) -> None:
    r = CliRunner().invoke(root(), ["--db", db, "text", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2 and "no such file" in r.output
    r = CliRunner().invoke(root(), ["--db", db, "text", str(tmp_path)])
    assert r.exit_code == 2 and "folder" in r.output
