"""`sanctio screen` end to end on real lists: ranking, as-of, bad input exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def db(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screen") / "s.db"
    for folder in ("ofac-sdn/2022-02-23", "ofac-sdn/2022-02-26"):
        code, out = run(path, "lists", "load", str(lists_dir / folder))
        assert code == 0, out
    return path


def test_putin_ranks_first_and_is_explained(db: Path) -> None:
    code, out = run(db, "screen", "Vladimir Putin", "--json")
    assert code == 0, out
    data = json.loads(out)
    top = data["results"][0]
    assert top["entity_id"] == "ofac-sdn:35096" and top["match"] is True
    assert data["lists"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    feature = top["features"][0]
    assert feature["query_value"] and feature["list_value"]
    # Only the one party is a match: namesakes sharing "Vladimir" stay below the threshold.
    assert [r["entity_id"] for r in data["results"] if r["match"]] == ["ofac-sdn:35096"]

    code, out = run(db, "screen", "Vladimir Putin")
    assert code == 0 and "PUTIN, Vladimir Vladimirovich" in out and "MATCH" in out

    # Weaker candidates (below the default cutoff 0.5) on request.
    code, out = run(db, "screen", "Vladimir Putin", "--json", "--cutoff", "0")
    assert code == 0, out
    loose = json.loads(out)["results"]
    assert all(r["score"] >= 0.5 for r in data["results"])
    assert len(loose) > len(data["results"]) and min(r["score"] for r in loose) < 0.5


def test_as_of_uses_the_version_in_force(db: Path) -> None:
    code, out = run(db, "screen", "Vladimir Putin", "--as-of", "2022-02-24", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["lists"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-23"}
    assert not [r for r in data["results"] if r["entity_id"] == "ofac-sdn:35096"]
    code, out = run(db, "screen", "Vladimir Putin", "--as-of", "2020-01-01")
    assert code == 4 and "no list version" in out and "earliest" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["   "], "name"),
        (["!!! ..."], "name"),
        (["x" * 10_000], "name"),
        (["a\x00b"], "name"),
        (["Putin", "--birth-date", "1952-13-45"], "birth"),
        (["Putin", "--schema", "Spaceship"], "schema"),
        (["Putin", "--nationality", "Narnia"], "nationalit"),
        (["Putin", "--as-of", "yesterday"], "--as-of"),
        (["Putin", "--threshold", "2"], "threshold"),
        (["Putin", "--cutoff", "-1"], "cutoff"),
    ],
)
def test_bad_input_exits_2_naming_the_field(db: Path, args: list[str], field: str) -> None:
    code, out = run(db, "screen", *args)
    assert code == 2, out
    assert field in out.lower() or field in out


def test_no_store_is_not_a_silent_empty_answer(tmp_path: Path) -> None:
    code, out = run(tmp_path / "none.db", "screen", "Vladimir Putin")
    assert code in (5, 7), out
    assert "no store" in out or "no sanctions list" in out
