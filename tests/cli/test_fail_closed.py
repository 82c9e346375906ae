"""Every CLI surface refuses (exit 7) to screen from lists the policy does not trust, and
refuses (exit 2) settings it cannot understand: the same check the API makes, over a store
on either backend."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app
from sanctio.model import EntityBuilder
from sanctio.store.sqlite import Store

runner = CliRunner()


def run(db: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "200", **(env or {})})
    return result.exit_code, result.output


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One ofac-sdn version published 2024-01-02 (old by now), two entities; in a SQLite
    file, then in a PostgreSQL database."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("fail-closed") / "s.db")
    else:
        cluster: Any = request.getfixturevalue("pg_cluster")
        path = str(cluster.create_database(f"t_{uuid.uuid4().hex[:12]}"))
    entities = []
    for native, name in (("1", "Arkady ROTENBERG"), ("2", "Osama BIN LADEN")):
        b = EntityBuilder("ofac-sdn", native, "Person")
        b.add("name", name)
        entities.append(b.build())
    with Store.open(path) as store, store.transaction():
        store.add_version(
            source="ofac-sdn",
            format="test",
            published=dt.date(2024, 1, 2),
            published_from="option",
            fingerprint="f" * 64,
            files=[],
            entities=entities,
            problems=[],
        )
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    csv = folder / "customers.csv"
    csv.write_text("id,name\nc1,Arkady Rotenberg\n")
    text = folder / "memo.txt"
    text.write_text("Payment to Arkady Rotenberg for services.\n")
    return csv, text


def commands(inputs: tuple[Path, Path], out: Path) -> list[list[str]]:
    csv, text = inputs
    return [
        ["screen", "Arkady Rotenberg"],
        ["text", str(text)],
        ["batch", str(csv), "-o", str(out), "--progress", "none"],
        ["book", "rescreen", "--book-db", str(out.with_suffix(".book.db")), "-o", str(out)],
    ]


@pytest.fixture(autouse=True)
def book(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    """A saved customer book beside the output, for `book rescreen`."""
    db = (tmp_path / "out.jsonl").with_suffix(".book.db")
    result = runner.invoke(app, ["book", "add", str(inputs[0]), "--book-db", str(db)])
    assert result.exit_code == 0, result.output


def test_open_policy_answers(db: str, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    for args in commands(inputs, tmp_path / "out.jsonl"):
        code, out = run(db, *args, "--executor", "inline") if args[0] == "book" else run(db, *args)
        assert code == 0, (args, out)


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"SANCTIO_REQUIRED_SOURCES": "eu-fsf"}, "required list(s) not loaded: eu-fsf"),
        ({"SANCTIO_MAX_AGE_DAYS": "ofac-sdn=2"}, "ofac-sdn is stale"),
    ],
)
def test_every_surface_refuses(
    db: str, inputs: tuple[Path, Path], tmp_path: Path, env: dict[str, str], words: str
) -> None:
    out = tmp_path / "out.jsonl"
    for args in commands(inputs, out):
        code, text = run(db, *args, env=env)
        assert code == 7, (args, text)
        assert words in " ".join(text.split()), (args, text)
    assert not out.exists() or not out.read_text().strip()


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"SANCTIO_MAX_AGE_DAYS": "ofac-sdn=abc"}, "SANCTIO_MAX_AGE_DAYS"),
        ({"SANCTIO_MAX_AGE_DAYS": "ofac-sdn=-5"}, "SANCTIO_MAX_AGE_DAYS"),
        ({"SANCTIO_MAX_AGE_DAYS": "ofac-sdn=0"}, "SANCTIO_MAX_AGE_DAYS"),
        ({"SANCTIO_REQUIRED_SOURCES": "eu"}, "SANCTIO_REQUIRED_SOURCES"),
    ],
)
def test_bad_settings_exit_2(db: str, env: dict[str, str], words: str) -> None:
    code, out = run(db, "screen", "Arkady Rotenberg", env=env)
    assert code == 2, out
    assert words in out and "Traceback" not in out


def test_as_of_before_any_list_names_the_earliest(db: str) -> None:
    code, out = run(db, "screen", "Arkady Rotenberg", "--as-of", "2020-01-01")
    assert code == 4, out
    assert "earliest list version available is of 2024-01-02" in " ".join(out.split())
