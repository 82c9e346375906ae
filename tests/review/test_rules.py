"""Re-alert rules and matching content, case by case."""

from __future__ import annotations

from dataclasses import replace

from sanctio.model import EntityBuilder
from sanctio.review.content import changes, match_hash, matching_content
from sanctio.review.rules import Hit, action, reopen_reasons
from sanctio.store.review import AlertRow

from .conftest import alert_values


def _alert(**over: object) -> AlertRow:
    return AlertRow(id=1, **alert_values(**over))  # type: ignore[arg-type]


def _hit(**over: object) -> Hit:
    base = Hit(
        book="default",
        customer_id="c1",
        customer_name="Ann Example",
        customer_fields={"id": "c1", "name": "Ann Example"},
        customer_hash="h1",
        entity_id="ofac-sdn:1",
        entity_name="EXAMPLE, Ann",
        entity_hash="e1",
        match_hash="m1",
        version_id=1,
        list_version="ofac-sdn@2022-02-26",
        algorithm="sanctio-v1",
        threshold=0.7,
        score=0.91,
        features=[],
    )
    return replace(base, **over)  # type: ignore[arg-type]


def _decided(**over: object) -> AlertRow:
    values: dict[str, object] = {
        "status": "closed",
        "state": "decided",
        "decision": "false-positive",
        "decided_customer_hash": "h1",
        "decided_match_hash": "m1",
    }
    values.update(over)
    return _alert(**values)


def test_a_first_hit_opens_and_an_open_alert_is_updated_only_on_change() -> None:
    assert action(_hit(), None) == "open"
    assert action(_hit(), _alert()) == "seen"
    assert action(_hit(score=0.95), _alert()) == "update"
    assert action(_hit(entity_hash="e2"), _alert()) == "update"
    assert action(_hit(), _alert(state="gone")) == "update"


def test_a_decided_pair_stays_suppressed_until_something_real_changes() -> None:
    assert action(_hit(), _decided()) == "suppress"
    assert action(_hit(entity_hash="e2", score=0.8), _decided()) == "suppress"  # remarks only
    assert action(_hit(match_hash="m2"), _decided()) == "reopen"
    assert action(_hit(customer_hash="h2"), _decided()) == "reopen"
    assert action(_hit(), _decided(listed=0)) == "reopen"  # removed, then listed again
    assert action(_hit(), _decided(decision="true-match")) == "suppress"


def test_reopen_reasons_say_what_changed() -> None:
    reasons = reopen_reasons(_decided(listed=0), _hit(match_hash="m2", customer_hash="h2"))
    assert len(reasons) == 3
    assert any("listed again" in r for r in reasons)
    assert any("matching content" in r for r in reasons)
    assert any("customer" in r for r in reasons)


def test_matching_content_ignores_remarks_and_addresses() -> None:
    b = EntityBuilder("ofac-sdn", "1", "Person")
    b.add("name", "EXAMPLE, Ann")
    b.add("birthDate", "1960-01-01")
    b.add("program", "SDGT")
    b.add("passportNumber", "X123")
    plain = b.build()
    b.add("notes", "a remark")
    b.add("address", "1 Main St")
    noted = b.build()
    assert match_hash(plain) == match_hash(noted)
    assert "passportNumber" in matching_content(plain)
    b.add("program", "RUSSIA-EO14024")
    more = b.build()
    assert match_hash(more) != match_hash(plain)
    diff = changes(matching_content(plain), matching_content(more))
    assert list(diff) == ["program"]
    assert diff["program"]["after"] == ["RUSSIA-EO14024", "SDGT"]
