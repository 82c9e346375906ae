"""On real lists (ofac-sdn 2022-02-23 -> 2022-02-26): delta re-screening finds the new PUTIN
hit and nothing for unchanged customers; the CLI batch contract end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from sanctio.cli import batch as batch_cmd
from sanctio.cli.context import with_db
from sanctio.ingest.importer import import_paths
from sanctio.model.customer import BatchRow
from sanctio.screening.batch.book import rescreen
from sanctio.screening.batch.delta import (
    DeltaScreener,
    baseline_versions,
    plan_delta,
    screen_delta_rows,
)
from sanctio.screening.batch.run import BatchOptions, ListSource, run_batch
from sanctio.screening.query import Query
from sanctio.screening.service import ScreeningService, Snapshot
from sanctio.store.book import Book
from sanctio.store.sqlite import Store

CUSTOMERS = [
    ("c1", "Vladimir Putin"),
    ("c2", "John Smith"),
    ("c3", "Ali Hassan"),  # hits people listed before 2022-02-23: unchanged, so not reported
    ("c4", "Maria Garcia"),
]


@pytest.fixture(scope="session")
def sdn_store(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ofac-sdn 2022-02-23 then 2022-02-26 (which adds PUTIN), as two versions."""
    path = tmp_path_factory.mktemp("batch") / "sanctio.db"
    with Store.open(path) as store:
        for day in ("2022-02-23", "2022-02-26"):
            import_paths(store, [lists_dir / "ofac-sdn" / day])
    return path


@pytest.fixture(scope="session")
def sdn_service(sdn_store: Path) -> ScreeningService:
    """One service, so each snapshot (index build) is made once per session."""
    return ScreeningService(sdn_store)


def _root(ctx: typer.Context, db: Annotated[Path | None, typer.Option()] = None) -> None:
    with_db(ctx, db)


def cli_app() -> typer.Typer:
    """Registered as the lead's main app does it (see docs/batch.md)."""
    app = typer.Typer()
    app.callback()(_root)
    app.command("batch")(batch_cmd.batch)
    return app


class Collect:
    def __init__(self) -> None:
        self.records: list[dict[str, object]] = []

    def write(self, records: object) -> None:
        self.records.extend(records)  # type: ignore[arg-type]

    def close(self) -> None:
        return None


@pytest.fixture(scope="module")
def snapshot(sdn_service: ScreeningService) -> Snapshot:
    return sdn_service.current()


def book_rows() -> list[BatchRow]:
    return [BatchRow(i + 2, {"id": cid, "name": name}) for i, (cid, name) in enumerate(CUSTOMERS)]


def test_delta_since_finds_only_the_new_putin_hit(sdn_store: Path, snapshot: Snapshot) -> None:
    with Store.open(sdn_store, create=False) as store:
        baseline = baseline_versions(store, ["ofac-sdn@2022-02-23"])
        plan = plan_delta(store, baseline, snapshot.versions)
        assert (len(plan.added), len(plan.removed)) == (97, 0)  # as SOURCES.md counts
        assert "ofac-sdn:35096" in plan.added
        delta = DeltaScreener.build(store, plan, snapshot.index)
    assert len(delta.new.index) == len(plan.added) + len(plan.changed)
    result = screen_delta_rows(delta, book_rows(), options=BatchOptions())
    assert [(r["query_id"], r["entity_id"], r["status"]) for r in result.records] == [
        ("c1", "ofac-sdn:35096", "new")
    ]
    # The delta hit scores exactly as the same hit in a full run.
    full = snapshot.screener.screen(delta_query(), limit=1).results[0]
    assert result.records[0]["score"] == round(full.score, 4)


def delta_query() -> Query:
    return Query.create("Vladimir Putin")


def test_book_rescreen_full_then_delta(
    sdn_store: Path, sdn_service: ScreeningService, tmp_path: Path
) -> None:
    old = sdn_service.as_of(dt.date(2022, 2, 24))
    new = sdn_service.current()
    with Book.open(tmp_path / "book.db") as book, Store.open(sdn_store, create=False) as store:
        assert book.add(iter(book_rows()))["added"] == 4
        first = Collect()
        outcome = rescreen(book, store, old, first, BatchOptions(), workers=1)
        assert outcome.kind == "full"
        assert not any(r["query_id"] == "c1" for r in first.records)  # no PUTIN yet
        before = book.hits()
        assert before and all(c != "c1" for c, _ in before)
        second = Collect()
        outcome = rescreen(book, store, new, second, BatchOptions(), workers=1)
        assert outcome.kind == "delta" and outcome.plan is not None
        assert [(r["query_id"], r["entity_id"], r["status"]) for r in second.records] == [
            ("c1", "ofac-sdn:35096", "new")
        ]
        assert outcome.counts["new"] == 1 and outcome.counts["gone"] == 0
        assert book.hits() == {**before, ("c1", "ofac-sdn:35096"): second.records[0]["score"]}
        # A third run with nothing changed reports nothing.
        third = Collect()
        rescreen(book, store, new, third, BatchOptions(), workers=1)
        assert third.records == []


def test_delta_run_through_the_pool(sdn_store: Path, snapshot: Snapshot) -> None:
    from functools import partial

    with Store.open(sdn_store, create=False) as store:
        plan = plan_delta(store, baseline_versions(store, ["2022-02-23"]), snapshot.versions)
        delta = DeltaScreener.build(store, plan, snapshot.index)
    out = Collect()
    rows = book_rows() * 50
    stats = run_batch(
        ListSource(rows),
        partial(screen_delta_rows, delta, options=BatchOptions()),
        out,
        workers=2,
        executor="process",
        chunk_rows=16,
    )
    assert stats.rows == 200 and stats.hits == 50
    assert {r["entity_id"] for r in out.records} == {"ofac-sdn:35096"}


def test_cli_batch_on_real_list(tmp_path: Path, sdn_store: Path) -> None:
    inp = tmp_path / "customers.csv"
    inp.write_text(
        "cust,full_name,dob\nk1,Vladimir Putin,1952-10-07\nk2,Jane Doe,\nk3,   ,\n"
        "k4,Maria Garcia,not-a-date\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.parquet"
    result = CliRunner().invoke(
        cli_app(),
        [
            "--db",
            str(sdn_store),
            "batch",
            str(inp),
            "-o",
            str(out),
            "--name-column",
            "full_name",
            "--id-column",
            "cust",
            "--birth-date-column",
            "dob",
            "--workers",
            "1",
            "--progress",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out).to_pylist()
    hits = [r for r in table if r["match"]]
    assert [(r["query_id"], r["entity_id"]) for r in hits] == [("k1", "ofac-sdn:35096")]
    errors = {r["query_id"]: r["error"] for r in table if r["error"]}
    assert set(errors) == {"k3", "k4"} and "birth_date" in errors["k4"]
    meta = json.loads(Path(str(out) + ".meta.json").read_text())
    assert meta["algorithm"] == "sanctio-v1"
    assert meta["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    assert meta["summary"]["rows"] == 4 and meta["summary"]["errors"] == 2
    summary = [json.loads(line) for line in result.stderr.splitlines() if '"summary"' in line]
    assert summary and summary[-1]["hits"] == 1


def test_cli_batch_since(tmp_path: Path, sdn_store: Path) -> None:
    inp = tmp_path / "book.csv"
    inp.write_text("id,name\n" + "".join(f"{c},{n}\n" for c, n in CUSTOMERS), encoding="utf-8")
    out = tmp_path / "delta.csv"
    result = CliRunner().invoke(
        cli_app(),
        [
            "--db",
            str(sdn_store),
            "batch",
            str(inp),
            "-o",
            str(out),
            "--since",
            "ofac-sdn@2022-02-23",
            "--workers",
            "1",
            "--progress",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("status,previous_score,entity_version")
    assert len(lines) == 2 and lines[1].startswith("c1,") and ",new," in lines[1]
    meta = json.loads(Path(str(out) + ".meta.json").read_text())
    assert meta["delta"]["added"] == 97


def _sdn_names(folder: Path) -> dict[str, str]:
    """ent_num -> "First Last" (or the entity's name) of every row of an OFAC sdn.csv."""
    import csv

    out = {}
    with (folder / "sdn.csv").open(encoding="latin-1", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) > 2:
                last, _, first = row[1].partition(",")
                out[row[0]] = f"{first.strip()} {last.strip()}".strip()
    return out


def _real_book(lists_dir: Path) -> list[BatchRow]:
    """Customers named like the entities 2022-02-26 adds or changes, misspelt, reordered,
    like entities listed before, and like nobody listed."""
    before = _sdn_names(lists_dir / "ofac-sdn" / "2022-02-23")
    after = _sdn_names(lists_dir / "ofac-sdn" / "2022-02-26")
    news = [n for i, n in sorted(after.items()) if before.get(i) != n]
    names = list(news)
    names += [n[:-1] for n in news]  # a letter short
    names += [" ".join(reversed(n.split())) for n in news]
    names += [n for i, n in sorted(before.items())][::40]
    firsts = ("John", "Maria", "Ali", "Olga", "Chen", "Fatima", "Pierre", "Sergei", "Anna")
    lasts = ("Smith", "Garcia", "Hassan", "Ivanova", "Wei", "Khan", "Dubois", "Petrov", "Berg")
    names += [f"{f} {last}" for f in firsts for last in lasts]
    rows = [BatchRow(i + 2, {"id": f"r{i}", "name": n}) for i, n in enumerate(names)]
    rows.append(BatchRow(len(rows) + 2, {"id": "w1", "name": "", "wallet": "1BvBMSEYstWetq"}))
    return rows


def test_delta_skips_only_customers_that_cannot_hit(
    sdn_store: Path, sdn_service: ScreeningService, lists_dir: Path, tmp_path: Path
) -> None:
    """A delta run skipping customers by their saved keys opens exactly the alerts, and
    writes exactly the records, of the same run screening every customer (keys deleted)."""
    import sqlite3

    from sanctio.review.rescreen import review_rescreen
    from sanctio.store.review import ReviewStore

    path = tmp_path / "sanctio.db"  # a copy: the alerts stay out of the shared store
    with sqlite3.connect(sdn_store) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    old = sdn_service.as_of(dt.date(2022, 2, 24))
    new = sdn_service.current()
    rows = _real_book(lists_dir)
    got: dict[str, tuple[object, ...]] = {}
    with Store.open(path, create=False) as store, ReviewStore.open(path) as review:
        for name in ("filtered", "unfiltered"):
            with Book.open(path, name) as book:
                book.add(iter(rows))
                first = review_rescreen(book, store, review, old, BatchOptions(), workers=1)
                assert first.rescreen.kind == "full" and first.summary["opened"] > 0
                if name == "unfiltered":
                    book._db.run("DELETE FROM book_keys WHERE book = ?", (name,))
                out = Collect()
                run = review_rescreen(
                    book, store, review, new, BatchOptions(), workers=1, writer=out
                )
                assert run.rescreen.kind == "delta"
                alerts = sorted(
                    (
                        a.customer_id,
                        a.entity_id,
                        a.score,
                        a.status,
                        a.state,
                        a.list_version,
                        a.features,
                        a.customer_hash,
                        a.entity_hash,
                    )
                    for a in review.book_alerts(name).values()
                )
                records = sorted(json.dumps(r, sort_keys=True) for r in out.records)
                got[name] = (
                    run.rescreen.skipped,
                    run.summary,
                    run.rescreen.counts,
                    alerts,
                    records,
                    sorted(book.hits().items()),
                )
    filtered, unfiltered = got["filtered"], got["unfiltered"]
    assert unfiltered[0] == 0
    assert isinstance(filtered[0], int) and 0 < filtered[0] < len(rows)
    assert filtered[1:] == unfiltered[1:]
    summary = filtered[1]
    assert isinstance(summary, dict) and summary["opened"] > 0  # the delta opened alerts
