"""Batch screening end to end: local runners agree, CLI contract, metadata, bad rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from sanctio.cli import batch as batch_cmd
from sanctio.cli.context import with_db
from sanctio.index import NameIndex
from sanctio.model import EntityBuilder
from sanctio.model.customer import BatchRow
from sanctio.screening.batch.run import BatchOptions, ListSource, run_batch, screening_work
from sanctio.screening.screen import Screener

NAMES = ["Vladimir Putin", "John Smith", "Ali Hassan", "Maria Garcia", "", "Oleg Deripaska"]


class Collect:
    def __init__(self) -> None:
        self.records: list[dict[str, object]] = []

    def write(self, records: object) -> None:
        self.records.extend(records)  # type: ignore[arg-type]

    def close(self) -> None:
        return None


@pytest.fixture(scope="module")
def screener() -> Screener:
    people = [
        ("1", "PUTIN, Vladimir Vladimirovich"),
        ("2", "DERIPASKA, Oleg Vladimirovich"),
        ("3", "HASSAN, Ali Khatib Haji"),
        ("4", "SMITH, Jonathan Quincy"),
    ]
    entities = []
    for native, name in people:
        b = EntityBuilder("test", native, "Person")
        b.add("name", name)
        entities.append(b.build())
    return Screener(NameIndex.build(entities, versions={"test": "test@2024-01-01"}))


def rows(n: int = 600) -> list[BatchRow]:
    return [BatchRow(i + 2, {"id": f"c{i}", "name": NAMES[i % len(NAMES)]}) for i in range(n)]


def test_process_thread_and_inline_runs_agree(screener: Screener) -> None:
    work = screening_work(screener, BatchOptions(limit=3, all_candidates=True))
    results = {}
    for executor in ("inline", "process", "thread"):
        out = Collect()
        stats = run_batch(
            ListSource(rows()), work, out, workers=2, executor=executor, chunk_rows=50
        )
        results[executor] = out.records
        assert stats.rows == 600
        assert stats.errors == 100  # every empty name
        assert stats.hits == 300  # the Putin, Ali Hassan and Deripaska rows
    assert results["inline"] == results["process"] == results["thread"]
    putin = [r for r in results["inline"] if r.get("query_id") == "c0"]
    assert putin[0]["entity_id"] == "test:1" and putin[0]["match"] is True
    assert putin[0]["rank"] == 1


def _root(ctx: typer.Context, db: Annotated[Path | None, typer.Option()] = None) -> None:
    with_db(ctx, db)


def cli_app() -> typer.Typer:
    """The lead's main app registers `batch` the same way (see docs/batch.md)."""
    app = typer.Typer()
    app.callback()(_root)
    app.command("batch")(batch_cmd.batch)
    return app


def test_cli_rejects_bad_input_before_building(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "in.csv"
    bad.write_text("id,full_name\n1,Ali\n")
    db = tmp_path / "none.db"
    result = runner.invoke(
        cli_app(), ["--db", str(db), "batch", str(bad), "-o", str(tmp_path / "o.xml")]
    )
    assert result.exit_code == 2 and "unknown output format" in result.output
    result = runner.invoke(cli_app(), ["--db", str(db), "batch", str(bad)])
    assert result.exit_code == 2 and "no column 'name'" in result.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name\n1,Jos\xe9\n".encode("latin-1"))
    result = runner.invoke(cli_app(), ["--db", str(db), "batch", str(latin)])
    assert result.exit_code == 3 and "not valid UTF-8" in result.output
    assert not db.exists()
