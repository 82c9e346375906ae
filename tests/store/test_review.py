"""The review tables: migrated onto an older store, alerts with revisions, append-only audit."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from sanctio.exceptions import StoreError
from sanctio.store import migrations
from sanctio.store.connection import connect
from sanctio.store.review import GENESIS, UNDECIDED, ReviewStore
from sanctio.store.sqlite import Store


def _seal(content: Mapping[str, Any]) -> str:
    data = json.dumps(dict(content), sort_keys=True).encode()
    return hashlib.sha256(data).hexdigest()


def _alert(**over: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "book": "default",
        "customer_id": "c1",
        "customer_name": "Ann",
        "customer_hash": "h1",
        "customer_fields": "{}",
        "entity_id": "ofac-sdn:1",
        "entity_name": "ANN",
        "entity_hash": "e1",
        "match_hash": "m1",
        "version_id": 1,
        "list_version": "ofac-sdn@2022-02-23",
        "algorithm": "sanctio-v1",
        "threshold": 0.7,
        "score": 0.9,
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


def _version(target: str | Path) -> None:
    db = connect(target)
    db.run(
        "INSERT INTO versions VALUES (1, 'ofac-sdn', 'csv', '2022-02-23', 'file', 'f', "
        "'2026-01-01', 0, 0, '{}')"
    )
    db.close()


def test_a_store_of_the_previous_release_gains_the_review_tables(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(migrations.migrations()[0].sql)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    _version(path)
    with ReviewStore.open(path) as review:
        with review.transaction():
            alert_id = review.insert_alert(_alert())
        assert review.alert(alert_id).entity_id == "ofac-sdn:1"
    db = connect(path)
    assert 2 in migrations.applied(db)
    assert db.one("SELECT count(*) FROM versions") == (1,)
    db.close()
    Store.open(path).close()  # the list store opens it as current


def test_a_stale_revision_is_not_applied(store_target: str) -> None:
    Store.open(store_target).close()
    _version(store_target)
    with ReviewStore.open(store_target) as review, review.transaction():
        alert_id = review.insert_alert(_alert())
        assert review.update_alert(alert_id, 1, {"status": "closed"})
        assert not review.update_alert(alert_id, 1, {"status": "open"})
        assert review.alert(alert_id).status == "closed"
        assert review.alert(alert_id).revision == 2
        assert review.alert(alert_id).score == 0.9  # double precision on both backends
        with pytest.raises(StoreError):
            review.update_alert(alert_id, 2, {"revision": 9})


def test_the_audit_log_chains_and_refuses_changes(store_target: str) -> None:
    with ReviewStore.open(store_target) as review:
        with review.transaction():
            first = review.append_audit(
                [{"at": "t", "actor": "a", "action": "x", "evidence": {"k": 1}}], _seal
            )
        with review.transaction():
            second = review.append_audit([{"at": "t", "actor": "b", "action": "y"}], _seal)
        assert first[0].prev_hash == GENESIS
        assert second[0].prev_hash == first[0].hash
        stored = list(review.audit())
        assert [r.seq for r in stored] == [1, 2]
        assert stored[0].hash == _seal(stored[0].content())
    db = connect(store_target)
    with pytest.raises(StoreError, match="append-only"):
        db.run("UPDATE audit_log SET actor = 'mallory'")
    with pytest.raises(StoreError, match="append-only"):
        db.run("DELETE FROM audit_log")
    db.close()


def test_audit_appends_from_two_instances_never_fork_the_chain(store_target: str) -> None:
    """Appends racing from several connections (instances) all chain in one line."""
    Store.open(store_target).close()
    errors: list[BaseException] = []

    def append(actor: str) -> None:
        try:
            with ReviewStore.open(store_target) as review:
                for i in range(10):
                    with review.transaction():
                        review.append_audit([{"at": str(i), "actor": actor, "action": "x"}], _seal)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(f"a{n}",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with ReviewStore.open(store_target) as review:
        records = list(review.audit())
    assert [r.seq for r in records] == list(range(1, 31))
    assert all(r.prev_hash == p.hash for p, r in itertools.pairwise(records))


def test_writes_outside_a_transaction_are_refused(store_target: str) -> None:
    with ReviewStore.open(store_target) as review, pytest.raises(StoreError):
        review.append_audit([{"at": "t", "actor": "a", "action": "x"}], _seal)
