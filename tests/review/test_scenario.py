"""The issue's scenario on the real OFAC files: ofac-sdn 2022-02-23 -> 2022-02-26, Putin,
an unchanged namesake and a changed one; every step in a verifiable audit trail."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sanctio.review.alerts import AlertFilter, alert_detail, list_alerts, verify_audit
from sanctio.review.decisions import decide
from sanctio.review.rescreen import review_rescreen
from sanctio.screening.batch.run import BatchOptions
from sanctio.screening.service import ScreeningService
from sanctio.store.book import Book
from sanctio.store.review import ReviewStore
from sanctio.store.sqlite import Store

from .conftest import CHANGED, UNCHANGED, load


def _rescreen(path: Path, service: ScreeningService) -> dict[str, int]:
    service.refresh()
    with (
        Book.open(path, "default") as book,
        Store.open(path) as store,
        ReviewStore.open(path) as review,
    ):
        outcome = review_rescreen(
            book, store, review, service.current(), BatchOptions(), executor="inline", actor="t"
        )
    return outcome.summary


def _alerts(path: Path, status: str = "all") -> dict[tuple[str, str], dict[str, object]]:
    with ReviewStore.open(path) as review:
        found = list_alerts(review, AlertFilter(status=status, limit=1000))
    return {
        (a.customer_id, a.entity_id): {"id": a.id, "status": a.status, "state": a.state}
        for a in found
    }


def _names(path: Path) -> dict[str, str]:
    with ReviewStore.open(path) as review:
        return {a.entity_id: a.entity_name for a in list_alerts(review, AlertFilter("all"))}


def test_putin_alerts_the_unchanged_namesake_stays_decided_the_changed_one_reopens(
    store_path: Path, lists_dir: Path
) -> None:
    service = ScreeningService(store_path)
    first = _rescreen(store_path, service)
    before = _alerts(store_path)
    assert first["opened"] == len(before) > 0
    assert ("c2", UNCHANGED) in before
    assert ("c3", CHANGED) in before
    assert not any(c == "c1" for c, _ in before)  # Putin is not listed yet
    assert not any(c == "c4" for c, _ in before)

    with ReviewStore.open(store_path) as review:
        for alert in before.values():
            decide(review, int(str(alert["id"])), "false-positive", "namesake: other DOB", "ana")
    assert all(a["status"] == "closed" for a in _alerts(store_path).values())

    load(store_path, lists_dir / "ofac-sdn" / "2022-02-26")
    second = _rescreen(store_path, service)
    after = _alerts(store_path)
    putin = [k for k in after if k[0] == "c1"]
    assert putin and all(after[k]["status"] == "open" and after[k]["state"] == "new" for k in putin)
    assert any("PUTIN" in _names(store_path)[e] for _, e in putin)
    assert after[("c2", UNCHANGED)]["status"] == "closed"
    assert after[("c3", CHANGED)] == {
        **before[("c3", CHANGED)],
        "status": "open",
        "state": "reopened",
    }
    assert second["reopened"] >= 1
    assert second["opened"] == len(set(after) - set(before))  # only entities new on 02-26

    with ReviewStore.open(store_path) as review, Store.open(store_path) as store:
        reopened = alert_detail(review, store, int(str(after[("c3", CHANGED)]["id"])))
        assert "program" in reopened["changes"]["entity"]
        assert any("RUSSIA" in v for v in reopened["changes"]["entity"]["program"]["after"])
        assert reopened["changes"]["since"]["decision"] == "false-positive"
        actions = [r["action"] for r in reopened["audit"]]
        assert actions == ["alert-opened", "alert-decided", "alert-reopened"]
        trail = list(review.audit())
        kinds = {r.action for r in trail}
        assert {"alert-opened", "alert-decided", "alert-reopened", "book-screened"} <= kinds
        assert sum(r.action == "book-screened" for r in trail) == 2
        # Evidence: c4 was screened against both versions, with no hit.
        evidence = review.screenings("c4")
        assert [s.run.versions["ofac-sdn"] for s in evidence] == [
            "ofac-sdn@2022-02-23",
            "ofac-sdn@2022-02-26",
        ]
        assert {s.outcome for s in evidence} == {"clear"}
        assert [s.outcome for s in review.screenings("c1")] == ["clear", "alert"]
        assert verify_audit(review).ok
        tampered = trail[len(trail) // 2]

    conn = sqlite3.connect(store_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET reason = ? WHERE seq = ?", ("edited later", tampered.seq))
    conn.commit()
    conn.close()
    with ReviewStore.open(store_path) as review:
        result = verify_audit(review)
    assert not result.ok
    assert result.first_bad == tampered.seq
    assert f"record {tampered.seq}" in (result.problem or "")


def test_a_hit_on_an_entity_whose_matching_content_did_not_change_stays_suppressed(
    store_path: Path,
) -> None:
    """A full re-run sees every hit again: decided pairs are suppressed, and counted."""
    service = ScreeningService(store_path)
    _rescreen(store_path, service)
    with ReviewStore.open(store_path) as review:
        for alert in list_alerts(review, AlertFilter(limit=1000)):
            decide(review, alert.id, "false-positive", "namesake", "ana")
    with (
        Book.open(store_path, "default") as book,
        Store.open(store_path) as store,
        ReviewStore.open(store_path) as review,
    ):
        outcome = review_rescreen(
            book, store, review, service.current(), BatchOptions(), executor="inline", full=True
        )
        assert outcome.summary["opened"] == outcome.summary["reopened"] == 0
        assert outcome.summary["suppressed"] == review.count_alerts(status="closed") > 0
        suppressed = [r for r in review.audit() if r.action == "hit-suppressed"]
        assert len(suppressed) == outcome.summary["suppressed"]
        assert json.loads(suppressed[0].evidence)["score"] > 0
