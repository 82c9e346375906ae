"""Derived designations through every adapter: CLI (ownership, entity, screen, batch), the
API's /match, and book re-screening when a list or the ownership data changes."""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sanctio.cli.main import app
from sanctio.ingest.importer import import_paths
from sanctio.ingest.ownership import load_ownership
from sanctio.model.customer import BatchRow
from sanctio.screening.batch.book import rescreen
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.store.book import Book
from sanctio.store.sqlite import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.settings import Settings

runner = CliRunner()
ACME = "derived:ofac-50:acme-holding"


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "240"})
    return result.exit_code, result.output


def test_cli_ownership_commands(owned_store: Path, fixtures_dir: Path, tmp_path: Path) -> None:
    code, out = run(owned_store, "ownership", "list", "--json")
    assert code == 0, out
    assert [v["label"] for v in json.loads(out)] == ["ownership@1"]
    code, out = run(owned_store, "ownership", "status", "--as-of", "2022-03-01", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [d["id"] for d in data["derivations"] if d["rule"] == "ofac-50"] == [
        "derived:ofac-50:acme-drilling",
        ACME,
    ]
    assert data["derived"] == {"eu-owned-controlled": 1, "ofac-50": 2}
    code, out = run(owned_store, "entity", ACME, "--as-of", "2022-03-01")
    assert code == 0, out
    assert "blocked under ofac-50/1" in out
    assert "55.0% = 30% PUTIN, Vladimir Vladimirovich (ofac-sdn:35096)" in out
    code, out = run(owned_store, "entity", ACME, "--as-of", "2022-02-23")
    assert code == 4 and "no such derived designation" in out
    # bad rows: reported with file and line; --strict refuses the file (exit 2)
    db = tmp_path / "fresh.db"
    bad = fixtures_dir / "ownership" / "bad_rows.csv"
    code, out = run(db, "ownership", "load", str(bad), "--strict")
    assert code == 2 and "nothing loaded" in out
    code, out = run(db, "ownership", "list", "--json")
    assert code == 0 and json.loads(out) == []
    code, out = run(db, "ownership", "load", str(bad))
    assert code == 0, out
    assert "bad_rows.csv: line 2: percentage='120': outside 0-100" in out
    code, out = run(db, "ownership", "load", str(bad))
    assert code == 0 and "already in use as ownership@1" in out
    # two files are one version; loading the first file again makes it the one in use
    good = fixtures_dir / "ownership" / "russia.csv"
    code, out = run(db, "ownership", "load", str(good), str(bad))
    assert code == 0 and "loaded ownership@2: 12 parties" in out, out
    code, out = run(db, "ownership", "load", str(bad))
    assert code == 0 and "loaded ownership@3" in out and "screening now uses" in out


def test_cli_screen_and_batch_see_derived(owned_store: Path, tmp_path: Path) -> None:
    code, out = run(owned_store, "screen", "ACME Drilling", "--json")
    assert code == 0, out
    top = json.loads(out)["results"][0]
    assert top["entity_id"] == "derived:ofac-50:acme-drilling" and top["match"] is True
    customers = tmp_path / "customers.csv"
    customers.write_text("id,name\nk1,Acme Energy Holding JSC\nk2,Volga River Shipping\n")
    code, out = run(owned_store, "batch", str(customers))
    assert code == 0, out
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    derived = [
        (r["query_id"], r["entity_id"])
        for r in records
        if r.get("match") and r["entity_id"].startswith("derived:")
    ]
    assert derived == [("k1", ACME)]  # VOLGA (30% + 15% unlisted) is not blocked


def test_api_match_returns_the_explanation(owned_store: Path) -> None:
    api = create_app(
        Settings(owned_store),
        ApiConfig(auth=False, keys_path=owned_store.with_name("keys.db")),
        watch=False,
    )
    api.state.sanctio.warm()
    props = {"name": ["Acme Energy Holding JSC"], "registrationNumber": ["1027700000001"]}
    body = {"queries": {"q": {"schema": "Company", "properties": props}}}
    with TestClient(api) as client:
        r = client.post("/match/default", json=body)
        one = client.get(f"/entities/{ACME}")
    assert one.status_code == 200, one.text
    assert one.json()["derived"] is True and one.json()["version"] == "ownership@1"
    assert r.status_code == 200, r.text
    assert r.json()["versions"]["ownership"] == "ownership@1"
    top = r.json()["responses"]["q"]["results"][0]
    assert top["id"] == ACME and top["match"] is True
    assert top["datasets"] == ["derived"]
    assert top["properties"]["rule"] == ["ofac-50"]
    assert top["properties"]["explanation"][0].startswith("55.0% = 30% PUTIN")
    assert top["properties"]["topics"] == ["sanction.linked"]


class Collect:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def write(self, records: Sequence[dict[str, Any]]) -> None:
        self.records.extend(records)

    def close(self) -> None:
        return None


def _rows() -> list[BatchRow]:
    return [
        BatchRow(2, {"id": "c1", "name": "ACME Energy Holding JSC"}),
        BatchRow(3, {"id": "c2", "name": "Maria Garcia"}),
    ]


def _statuses(records: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (r["query_id"], r["entity_id"], r["status"])
        for r in records
        if str(r.get("entity_id", "")).startswith("derived:")
    ]


@pytest.mark.slow
def test_book_rescreen_follows_lists_and_ownership(
    lists_dir: Path, fixtures_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        import_paths(store, [lists_dir / "ofac-sdn" / "2022-02-23"])
        load_ownership(store, fixtures_dir / "ownership" / "russia.csv")
    service = ScreeningService(db)
    with Book.open(tmp_path / "book.db") as book, Store.open(db) as store:
        book.add(iter(_rows()))
        first = Collect()
        rescreen(book, store, service.current(), first, BatchOptions(), workers=1)
        assert _statuses(first.records) == []  # SECHIN's 25% only
        import_paths(store, [lists_dir / "ofac-sdn" / "2022-02-26"])  # PUTIN designated
        assert service.refresh()
        second = Collect()
        outcome = rescreen(book, store, service.current(), second, BatchOptions(), workers=1)
        assert outcome.kind == "delta"
        assert _statuses(second.records) == [("c1", ACME, "new")]
        third = Collect()
        rescreen(book, store, service.current(), third, BatchOptions(), workers=1)
        assert _statuses(third.records) == []  # nothing changed: nothing reported
        # New ownership data: PUTIN sold his 30% in 2022; ACME is no longer blocked.
        load_ownership(store, fixtures_dir / "ownership" / "russia_sold.csv")
        assert service.refresh()
        fourth = Collect()
        rescreen(book, store, service.current(), fourth, BatchOptions(), workers=1)
        assert _statuses(fourth.records) == [("c1", ACME, "delisted")]
        assert ("c1", ACME) not in book.hits()
