"""ScreeningService builds: the collector is paused for a build and its index frozen."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from sanctio.exceptions import StoreError
from sanctio.model import EntityBuilder
from sanctio.screening.query import Query
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


def test_a_build_reusing_the_served_snapshot_equals_a_fresh_one(
    history: ScreeningService,
) -> None:
    """Entities and name analyses taken over from the snapshot being served change
    nothing: every prepared name, weight and screening result is what a build from
    scratch gives."""
    served = ScreeningService(history.db_path)
    assert served.refresh()  # 2022-02-26: the base the next build reuses
    base = served.serving()
    reused = served.as_of(dt.date(2022, 2, 24))
    fresh = ScreeningService(history.db_path).as_of(dt.date(2022, 2, 24))
    assert reused.key == fresh.key != base.key
    shared = sum(1 for h, e in reused.by_hash.items() if base.by_hash.get(h) is e)
    assert shared > 0.9 * len(reused.index)  # most entities were taken over, not decoded
    assert len(reused.index) == len(fresh.index)
    for a, b in zip(reused.index.prepared, fresh.index.prepared, strict=True):
        assert a.entity == b.entity
        assert [(n.tokens, n.weights, n.family) for n in a.names] == [
            (n.tokens, n.weights, n.family) for n in b.names
        ]
        assert (a.weak, a.identifiers) == (b.weak, b.identifiers)
    for name in ("Vladimir Putin", "NORIEGA Manuel", "Bank Rossiya", "Sberbank", "Ali Khan"):
        query = Query.create(name)
        assert reused.screener.screen(query) == fresh.screener.screen(query)
