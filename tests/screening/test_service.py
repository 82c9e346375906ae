"""ScreeningService builds: the collector is paused for a build and its index frozen."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from sanctio.exceptions import StoreError
from sanctio.model import EntityBuilder
from sanctio.screening.service import ScreeningService
from sanctio.store.sqlite import Store


def _store(db: Path) -> None:
    b = EntityBuilder("ofac-sdn", "1", "Person")
    b.add("name", "Ivan Petrov")
    with Store.open(db) as store, store.transaction():
        store.add_version(
            source="ofac-sdn",
            format="test",
            published=dt.date(2022, 1, 1),
            published_from="option",
            fingerprint="ofac-sdn-2022-01-01",
            files=[],
            entities=[b.build()],
            problems=[],
        )


def test_a_build_freezes_its_index_and_turns_the_collector_back_on(tmp_path: Path) -> None:
    _store(tmp_path / "s.db")
    svc = ScreeningService(tmp_path / "s.db")
    before = gc.get_freeze_count()
    assert svc.refresh()
    index = svc.serving().index
    assert gc.isenabled()
    assert gc.get_freeze_count() > before
    # Frozen: the collector's generations (what a collection walks) do not hold the index.
    assert gc.is_tracked(index.prepared)
    assert id(index.prepared) not in {id(o) for o in gc.get_objects()}


def test_a_failed_build_turns_the_collector_back_on(tmp_path: Path) -> None:
    _store(tmp_path / "s.db")
    svc = ScreeningService(tmp_path / "s.db")
    versions = svc.in_force()
    (tmp_path / "s.db").unlink()
    with pytest.raises(StoreError):
        svc._build(versions, None)
    assert gc.isenabled()
