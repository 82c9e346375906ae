"""Decisions: recorded with reason and actor, refused on closed or moved alerts, four eyes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sanctio.exceptions import ConflictError, InputError
from sanctio.review.alerts import AlertFilter, list_alerts, verify_audit
from sanctio.review.decisions import ReviewPolicy, confirm, decide
from sanctio.store.review import ReviewStore


def test_a_false_positive_closes_the_alert_and_is_audited(review_path: Path) -> None:
    with ReviewStore.open(review_path) as review:
        alert = decide(review, 1, "false-positive", "other birth date", "ana")
        assert (alert.status, alert.decision, alert.decided_by) == (
            "closed",
            "false-positive",
            "ana",
        )
        assert alert.decided_match_hash == "m1" and alert.decided_customer_hash == "h1"
        [record] = [r for r in review.audit() if r.alert_id == 1]
        assert (record.action, record.actor, record.reason) == (
            "alert-decided",
            "ana",
            "other birth date",
        )
        assert [d.decision for d in review.decisions(1)] == ["false-positive"]
        assert verify_audit(review).ok


def test_deciding_a_closed_alert_is_refused_and_changes_nothing(review_path: Path) -> None:
    with ReviewStore.open(review_path) as review:
        decide(review, 1, "false-positive", "namesake", "ana")
        with pytest.raises(ConflictError, match="already closed"):
            decide(review, 1, "true-match", "it is him", "bob")
        assert review.alert(1).decision == "false-positive"
        assert len(review.decisions(1)) == 1


def test_a_decision_on_a_stale_revision_is_refused(review_path: Path) -> None:
    with ReviewStore.open(review_path) as review:
        decide(review, 2, "escalate", "needs the passport", "ana")
        with pytest.raises(ConflictError, match="changed since revision 1"):
            decide(review, 2, "false-positive", "namesake", "bob", revision=1)
        assert review.alert(2).state == "escalated"
        assert (
            decide(review, 2, "false-positive", "passport differs", "bob", revision=2).status
            == "closed"
        )


def test_racing_decisions_one_wins_the_other_is_refused(review_path: Path) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def act(actor: str, decision: str) -> None:
        with ReviewStore.open(review_path) as review:
            barrier.wait()
            try:
                decide(review, 3, decision, "race", actor)
                outcomes.append("ok")
            except ConflictError:
                outcomes.append("refused")

    threads = [
        threading.Thread(target=act, args=("ana", "false-positive")),
        threading.Thread(target=act, args=("bob", "true-match")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    with ReviewStore.open(review_path) as review:
        assert len(review.decisions(3)) == 1


def test_four_eyes_a_true_match_waits_for_a_second_reviewer(review_path: Path) -> None:
    policy = ReviewPolicy(four_eyes=True)
    with ReviewStore.open(review_path) as review:
        alert = decide(review, 1, "true-match", "same passport", "ana", policy=policy)
        assert (alert.status, alert.state, alert.proposed_by) == (
            "open",
            "awaiting-confirmation",
            "ana",
        )
        with pytest.raises(ConflictError, match="second, different reviewer"):
            confirm(review, 1, "ana")
        with pytest.raises(ConflictError, match="awaits a second reviewer"):
            decide(review, 1, "false-positive", "changed my mind", "ana", policy=policy)
        done = confirm(review, 1, "bob", "checked the passport copy")
        assert (done.status, done.decision, done.decided_by) == ("closed", "true-match", "bob")
        actions = [r.action for r in review.audit(alert_id=1)]
        assert actions == ["alert-awaiting-confirmation", "alert-confirmed"]


def test_bad_decisions_name_the_field(review_path: Path) -> None:
    with ReviewStore.open(review_path) as review:
        with pytest.raises(InputError, match="decision"):
            decide(review, 1, "maybe", "hmm", "ana")
        with pytest.raises(InputError, match="reason"):
            decide(review, 1, "escalate", "  ", "ana")


def test_alerts_are_listed_most_likely_first_with_filters(review_path: Path) -> None:
    with ReviewStore.open(review_path) as review:
        decide(review, 3, "false-positive", "namesake", "ana")
        open_ids = [a.id for a in list_alerts(review, AlertFilter())]
        assert open_ids == [2, 1]
        assert [a.id for a in list_alerts(review, AlertFilter(status="closed"))] == [3]
        assert [a.id for a in list_alerts(review, AlertFilter(status="all", order="id"))] == [
            1,
            2,
            3,
        ]
        assert list_alerts(review, AlertFilter(source="un-sc")) == []
        assert [a.id for a in list_alerts(review, AlertFilter(min_score=0.9))] == [2]
        with pytest.raises(InputError, match="status"):
            list_alerts(review, AlertFilter(status="pending"))
