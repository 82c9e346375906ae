"""Stores over the real OFAC SDN files, and a customer book with Putin and namesakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sanctio.ingest.importer import import_paths
from sanctio.model.customer import BatchRow
from sanctio.store.book import Book
from sanctio.store.review import UNDECIDED, ReviewStore
from sanctio.store.sqlite import Store

#: Customers: Putin (listed 2022-02-25), a namesake of an SDN whose record does not change
#: from 2022-02-23 to 2022-02-26 (KADYROV, ofac-sdn:23343), a namesake of one whose record
#: changes then (IVANOV, Sergei, ofac-sdn:16688: RUSSIA-EO14024 added), and nobody.
CUSTOMERS = (
    {"id": "c1", "name": "Vladimir Putin", "birth_date": "1952-10-07"},
    {"id": "c2", "name": "Ramzan Kadyrov"},
    {"id": "c3", "name": "Sergei Ivanov"},
    {"id": "c4", "name": "Johanna Lindqvist"},
)
UNCHANGED = "ofac-sdn:23343"
CHANGED = "ofac-sdn:16688"


@pytest.fixture(scope="session")
def sdn_first(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store template with ofac-sdn 2022-02-23 loaded and the book saved (copied per test)."""
    path = tmp_path_factory.mktemp("review") / "template.db"
    with Store.open(path) as store:
        import_paths(store, [lists_dir / "ofac-sdn" / "2022-02-23"], workers=0)
    with Book.open(path, "default") as book:
        book.add(BatchRow(i + 1, dict(c)) for i, c in enumerate(CUSTOMERS))
    return path


@pytest.fixture
def store_path(sdn_first: Path, tmp_path: Path) -> Path:
    path = tmp_path / "sanctio.db"
    shutil.copy(sdn_first, path)
    for suffix in ("-wal", "-shm"):
        extra = Path(str(sdn_first) + suffix)
        if extra.exists():
            shutil.copy(extra, Path(str(path) + suffix))
    return path


def load(path: Path, folder: Path) -> None:
    with Store.open(path) as store:
        import_paths(store, [folder], workers=0)


def alert_values(**over: object) -> dict[str, object]:
    """Column values of a stored alert, as a run opens it."""
    values: dict[str, object] = {
        "book": "default",
        "customer_id": "c1",
        "customer_name": "Ann Example",
        "customer_hash": "h1",
        "customer_fields": '{"id": "c1", "name": "Ann Example"}',
        "entity_id": "ofac-sdn:1",
        "entity_name": "EXAMPLE, Ann",
        "entity_hash": "e1",
        "match_hash": "m1",
        "version_id": 1,
        "list_version": "ofac-sdn@2022-02-23",
        "algorithm": "sanctio-v1",
        "threshold": 0.7,
        "score": 0.91,
        "features": "[]",
        **UNDECIDED,
        "listed": 1,
        "opened_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "first_run_id": 1,
        "last_run_id": 1,
    }
    values.update(over)
    return values


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    """A store with one list version row and three open alerts (ids 1-3)."""
    path = tmp_path / "review.db"
    Store.open(path).close()
    with ReviewStore.open(path) as review, review.transaction():
        review._db.run(  # a version row for the alerts' foreign key
            "INSERT INTO versions VALUES (1, 'ofac-sdn', 'csv', '2022-02-23', 'file', 'f', "
            "'2026-01-01', 0, 0, '{}')"
        )
        for i, score in enumerate((0.8, 0.95, 0.9), start=1):
            review.insert_alert(alert_values(customer_id=f"c{i}", score=score))
    return path
