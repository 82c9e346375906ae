"""The audit trail's rules: how a record is sealed into the hash chain and how the chain
is verified.

Each record's hash is SHA-256 over the canonical JSON of all its other fields, including
`seq` and `prev_hash` (the hash of the record before; 64 zeros for the first). Altering,
inserting, removing or reordering any record breaks the chain at that record; `verify`
names the first record that does not verify. Cutting records off the end leaves a valid
shorter chain: keep the head hash `verify` prints outside the store to detect that.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from sanctio.store.review import GENESIS, AuditRow

#: Columns of an export, in chain order of fields.
EXPORT_COLUMNS: tuple[str, ...] = (
    "seq",
    "at",
    "actor",
    "action",
    "book",
    "customer_id",
    "entity_id",
    "alert_id",
    "run_id",
    "decision",
    "reason",
    "evidence",
    "prev_hash",
    "hash",
)


def seal(content: Mapping[str, Any]) -> str:
    """The hash of a record from its sealed fields (everything but `hash`)."""
    data = json.dumps(
        {k: v for k, v in content.items() if k != "hash"},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome of checking the chain."""

    ok: bool
    records: int
    head: str  # hash of the last record that verified
    first_bad: int | None = None
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "records": self.records,
            "head": self.head,
            "first_bad": self.first_bad,
            "problem": self.problem,
        }


def verify(rows: Iterable[AuditRow]) -> Verification:
    """Check seq continuity, each link to the record before, and each record's seal."""
    prev, expected, count = GENESIS, 1, 0
    for row in rows:
        problem = None
        if row.seq != expected:
            problem = f"record {row.seq} follows record {expected - 1}: records are missing"
        elif row.prev_hash != prev:
            problem = f"record {row.seq} does not link to record {row.seq - 1} (prev_hash differs)"
        elif seal(row.content()) != row.hash:
            problem = f"record {row.seq} was altered: its content does not match its hash"
        if problem is not None:
            return Verification(False, count, prev, row.seq, problem)
        prev, expected, count = row.hash, expected + 1, count + 1
    return Verification(True, count, prev)


def export_dict(row: AuditRow) -> dict[str, Any]:
    out: dict[str, Any] = {c: getattr(row, c) for c in EXPORT_COLUMNS}
    out["evidence"] = json.loads(row.evidence)
    return out


def write_export(rows: Iterable[AuditRow], fh: IO[str], fmt: str = "jsonl") -> int:
    """Write records as JSON lines or CSV (evidence as JSON text); the count written."""
    count = 0
    if fmt == "csv":
        writer = csv.writer(fh)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow(
                ["" if getattr(row, c) is None else getattr(row, c) for c in EXPORT_COLUMNS]
            )
            count += 1
        return count
    for row in rows:
        fh.write(json.dumps(export_dict(row), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
