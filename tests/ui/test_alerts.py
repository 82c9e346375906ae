"""Alert pages through the ASGI app: queue, both sides, decisions by scope, audit trail."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sanctio.api.app import create_app
from sanctio.api.config import ApiConfig
from sanctio.review.alerts import AlertFilter, list_alerts
from sanctio.settings import Settings
from sanctio.store.review import ReviewStore

from .conftest import UiStore, copy_store
from .test_pages import logged_in


@pytest.fixture
def fresh(ui_store: UiStore, tmp_path: Path) -> UiStore:
    """A copy of its own: these tests decide alerts."""
    return copy_store(ui_store, tmp_path)


@pytest.fixture
def client(fresh: UiStore) -> Iterator[TestClient]:
    # No index: alert pages read the review store only.
    app = create_app(Settings(fresh.db), ApiConfig(auth=True, keys_path=fresh.keys), watch=False)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        yield c


def putin_alert(db: Path) -> int:
    with ReviewStore.open(db) as review:
        found = list_alerts(review, AlertFilter("all", limit=1000))
    return next(a.id for a in found if a.customer_id == "c1" and "PUTIN" in a.entity_name)


def test_queue_and_alert_page_show_both_sides(client: TestClient, fresh: UiStore) -> None:
    logged_in(client, fresh.tokens["screen"])
    queue = client.get("/ui/alerts")
    assert queue.status_code == 200
    assert "Vladimir Putin" in queue.text and "PUTIN, Vladimir Vladimirovich" in queue.text
    alert_id = putin_alert(fresh.db)
    page = client.get(f"/ui/alerts/{alert_id}")
    assert page.status_code == 200
    assert "1952-10-07" in page.text and "ofac-sdn@2022-02-26" in page.text
    assert "Audit trail verified" in page.text
    # A screen key reads the alert but gets no decision form, and a forged POST is refused.
    assert 'action="/ui/alerts/' not in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    refused = client.post(
        f"/ui/alerts/{alert_id}/decision",
        data={"csrf_token": csrf.group(1), "decision": "false-positive", "reason": "no"},
    )
    assert refused.status_code == 403
    with ReviewStore.open(fresh.db) as review:
        assert review.alert(alert_id).status == "open"


def test_a_review_key_decides_with_a_reason_and_the_audit_trail_shows_it(
    client: TestClient, fresh: UiStore
) -> None:
    csrf = logged_in(client, fresh.tokens["review"])
    alert_id = putin_alert(fresh.db)
    no_reason = client.post(
        f"/ui/alerts/{alert_id}/decision",
        data={"csrf_token": csrf, "decision": "true-match", "reason": "  "},
    )
    assert no_reason.status_code == 400
    assert "reason: must not be empty" in no_reason.text
    no_token = client.post(
        f"/ui/alerts/{alert_id}/decision",
        data={"decision": "true-match", "reason": "same DOB"},
    )
    assert no_token.status_code == 403
    done = client.post(
        f"/ui/alerts/{alert_id}/decision",
        data={"csrf_token": csrf, "decision": "true-match", "reason": "same name and DOB"},
    )
    assert done.status_code == 303
    with ReviewStore.open(fresh.db) as review:
        alert = review.alert(alert_id)
    assert (alert.status, alert.decision, alert.decided_by) == (
        "closed",
        "true-match",
        "ui tests (review)",
    )
    audit = client.get("/ui/audit")
    assert "Audit trail verified" in audit.text
    assert "same name and DOB" in audit.text and "alert-decided" in audit.text
    again = client.post(
        f"/ui/alerts/{alert_id}/decision",
        data={"csrf_token": csrf, "decision": "false-positive", "reason": "changed my mind"},
    )
    assert again.status_code == 409
    assert "already closed" in again.text


def test_four_eyes_needs_a_second_reviewer(
    client: TestClient, fresh: UiStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIO_FOUR_EYES", "1")
    alert_id = putin_alert(fresh.db)
    csrf = logged_in(client, fresh.tokens["review"])
    client.post(
        f"/ui/alerts/{alert_id}/decision",
        data={"csrf_token": csrf, "decision": "true-match", "reason": "same DOB"},
    )
    page = client.get(f"/ui/alerts/{alert_id}")
    assert "Confirm true match" in page.text
    same = client.post(
        f"/ui/alerts/{alert_id}/confirmation", data={"csrf_token": csrf, "reason": "ok"}
    )
    assert same.status_code == 409 and "second, different reviewer" in same.text
    csrf = logged_in(client, fresh.tokens["admin"])
    other = client.post(
        f"/ui/alerts/{alert_id}/confirmation", data={"csrf_token": csrf, "reason": "agreed"}
    )
    assert other.status_code == 303
    with ReviewStore.open(fresh.db) as review:
        assert review.alert(alert_id).status == "closed"


def test_hostile_entity_on_an_alert_is_escaped(client: TestClient, fresh: UiStore) -> None:
    logged_in(client, fresh.tokens["screen"])
    with ReviewStore.open(fresh.db) as review:
        found = list_alerts(review, AlertFilter("all", limit=1000))
    evil = next(a.id for a in found if a.entity_id == "ftm:evil-1")
    page = client.get(f"/ui/alerts/{evil}")
    assert page.status_code == 200
    assert "<script>window" not in page.text and "<img" not in page.text
    assert "&lt;script&gt;" in page.text
