"""A store with three real OFAC SDN versions, built once per test session and shared.

2021-08-18 -> 2022-02-23 removes 388 records (Manuel Antonio NORIEGA, ofac-sdn:1572,
among them); 2022-02-23 -> 2022-02-26 adds 97 (Vladimir PUTIN, ofac-sdn:35096).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sanctio.ingest.importer import import_paths
from sanctio.screening.screen import Screener
from sanctio.screening.service import ScreeningService
from sanctio.store.sqlite import Store

VERSIONS = ("2021-08-18", "2022-02-23", "2022-02-26")


@pytest.fixture(scope="session")
def history(lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> ScreeningService:
    """The service over the three versions (imported on first use)."""
    db = tmp_path_factory.mktemp("history") / "ofac-history.db"
    with Store.open(db) as store:
        import_paths(store, [lists_dir / "ofac-sdn" / day for day in VERSIONS])
    return ScreeningService(db)


@pytest.fixture(scope="session")
def history_screener(history: ScreeningService) -> Screener:
    """The lists in force on 2022-03-01 (PUTIN listed)."""
    return history.as_of(dt.date(2022, 3, 1)).screener
