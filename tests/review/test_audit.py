"""The hash chain: any altered, removed or reordered record is named by verify."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctio.review.audit import seal, verify, write_export
from sanctio.store.review import GENESIS, AuditRow


def _chain(n: int) -> list[AuditRow]:
    rows: list[AuditRow] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        content = {
            "seq": seq,
            "at": f"2026-01-0{seq}T00:00:00Z",
            "actor": "ana",
            "action": "alert-decided",
            "book": "b",
            "customer_id": f"c{seq}",
            "entity_id": "ofac-sdn:1",
            "alert_id": seq,
            "run_id": None,
            "decision": "false-positive",
            "reason": "namesake",
            "evidence": json.dumps({"score": 0.9}, separators=(",", ":")),
            "prev_hash": prev,
        }
        row = AuditRow(**content, hash=seal(content))
        rows.append(row)
        prev = row.hash
    return rows


def test_an_intact_chain_verifies_and_reports_its_head() -> None:
    rows = _chain(4)
    result = verify(rows)
    assert result.ok and result.records == 4 and result.head == rows[-1].hash


def test_an_altered_record_is_named() -> None:
    rows = _chain(4)
    rows[2] = replace(rows[2], reason="it was him after all")
    result = verify(rows)
    assert not result.ok and result.first_bad == 3 and "altered" in (result.problem or "")
    assert result.records == 2


def test_a_resealed_record_breaks_the_next_link() -> None:
    rows = _chain(4)
    changed = replace(rows[1], reason="edited")
    rows[1] = replace(changed, hash=seal(changed.content()))
    result = verify(rows)
    assert not result.ok and result.first_bad == 3 and "link" in (result.problem or "")


def test_a_removed_record_is_named() -> None:
    rows = _chain(4)
    del rows[1]
    result = verify(rows)
    assert not result.ok and result.first_bad == 3 and "missing" in (result.problem or "")


def test_export_writes_every_record_as_json_lines_or_csv() -> None:
    rows = _chain(3)
    out = io.StringIO()
    assert write_export(rows, out) == 3
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["evidence"] == {"score": 0.9} and first["hash"] == rows[0].hash
    out = io.StringIO()
    write_export(rows, out, "csv")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("seq,at,actor") and len(lines) == 4


def test_an_examiner_can_check_an_export_without_sanctio() -> None:
    """The recipe of docs/review.md, with hashlib and json only."""
    import hashlib

    out = io.StringIO()
    write_export(_chain(3), out)
    prev = "0" * 64
    for seq, line in enumerate(out.getvalue().splitlines(), start=1):
        record = json.loads(line)
        record["evidence"] = json.dumps(
            record["evidence"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        claimed = record.pop("hash")
        text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert record["seq"] == seq and record["prev_hash"] == prev
        assert hashlib.sha256(text.encode()).hexdigest() == claimed
        prev = claimed


texts = st.text(min_size=0, max_size=20)


@given(
    reasons=st.lists(texts, min_size=1, max_size=8),
    pick=st.integers(min_value=0),
    edit=st.text(min_size=1, max_size=5),
)
@settings(max_examples=50, deadline=None)
def test_any_one_edited_field_is_found_at_its_record(
    reasons: list[str], pick: int, edit: str
) -> None:
    rows = [replace(r, reason=reasons[i]) for i, r in enumerate(_chain(len(reasons)))]
    rows = _reseal(rows)
    assert verify(rows).ok
    at = pick % len(rows)
    rows[at] = replace(rows[at], reason=(rows[at].reason or "") + edit)
    result = verify(rows)
    assert not result.ok and result.first_bad == at + 1


def _reseal(rows: list[AuditRow]) -> list[AuditRow]:
    out: list[AuditRow] = []
    prev = GENESIS
    for row in rows:
        fixed = replace(row, prev_hash=prev)
        fixed = replace(fixed, hash=seal(fixed.content()))
        out.append(fixed)
        prev = fixed.hash
    return out
