"""Re-screen a saved customer book: in full the first time, then only against what changed.

A delta run screens customers already screened only against entities added or changed
since the versions of the book's last run; hits on changed entities that are not found
again are reported `gone`, hits on entities no longer listed `delisted`, without screening.
Customers added or edited since the last run get a full screen. The algorithm, threshold
and normaliser of the last run must match, otherwise the run is full.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sanctio.model.customer import BatchRow
from sanctio.screening.batch.delta import DeltaPlan, delta_index, plan_delta
from sanctio.screening.batch.output import RecordWriter
from sanctio.screening.batch.pool import ChunkResult
from sanctio.screening.batch.run import (
    BatchOptions,
    BatchStats,
    ListSource,
    Progress,
    run_batch,
    screen_rows,
)
from sanctio.screening.derived import DERIVED
from sanctio.screening.screen import Screener
from sanctio.screening.service import Snapshot
from sanctio.store.book import Book
from sanctio.store.sqlite import Store


@dataclass(slots=True)
class RescreenOutcome:
    kind: str  # full | delta
    stats: BatchStats
    plan: DeltaPlan | None
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            **self.stats.to_dict(),
            "statuses": self.counts,
            "delta": self.plan.describe() if self.plan else None,
        }


def run_settings(snapshot: Snapshot, options: BatchOptions) -> dict[str, Any]:
    screener = snapshot.screener
    return {
        "algorithm": screener.algorithm.name,
        "threshold": options.threshold
        if options.threshold is not None
        else screener.algorithm.threshold,
        "normalizer": snapshot.index.identity.rsplit("/", 1)[-1],
        "sources": list(options.sources) if options.sources else None,
    }


def _mixed_rows(
    screeners: tuple[Screener, Screener], rows: Sequence[BatchRow], *, options: BatchOptions
) -> ChunkResult:
    """Unscreened customers (fields['_new']) against the full index, others the delta."""
    full, delta = screeners
    fresh = [r for r in rows if r.fields.get("_new")]
    known = [r for r in rows if not r.fields.get("_new")]
    out = ChunkResult([], 0, 0, 0)
    for screener, part in ((full, fresh), (delta, known)):
        if not part or not len(screener.index):
            out.rows += len(part)
            continue
        got = screen_rows(screener, part, options=options)
        out.records.extend(got.records)
        out.rows += got.rows
        out.hits += got.hits
        out.errors += got.errors
    return out


def rescreen(
    book: Book,
    store: Store,
    snapshot: Snapshot,
    writer: RecordWriter,
    options: BatchOptions,
    *,
    full: bool = False,
    workers: int = 1,
    executor: str = "process",
    progress: Progress | None = None,
    before_save: Callable[[RescreenOutcome], None] | None = None,
) -> RescreenOutcome:
    """Screen the book, write new/changed/gone/delisted records, save the new hits.

    `before_save` runs after every record was written and before the book's new state is
    saved (alert review commits there: a failure leaves the book to be screened again).
    """
    options = BatchOptions(
        options.threshold, options.limit, False, options.explain, options.sources
    )
    settings = run_settings(snapshot, options)
    last = book.last_run()
    previous = book.hits()
    current = dict(snapshot.versions)
    # Derived designations (ownership rules) have no list version to diff: a delta run
    # screens every customer against all of them and reports only what changed.
    derived = frozenset(e.id for e in snapshot.derived.entities)
    derived_before = frozenset(e for _, e in previous if e.startswith(f"{DERIVED}:"))
    plan: DeltaPlan | None = None
    if last is not None and not full and last.settings == settings:
        baseline = {s: store.version(vid) for s, vid in last.versions.items()}
        plan = plan_delta(store, baseline, current)
        delta = Screener(delta_index(snapshot.index, plan.added | plan.changed | derived))
        fresh = {r.query_id for r in book.customers(screened=False)}
        work = partial(_mixed_rows, (snapshot.screener, delta), options=options)
        dropped = plan.changed | plan.removed | derived_before
    else:
        fresh = set()
        work = partial(screen_rows, snapshot.screener, options=options)
        dropped = frozenset({e for _, e in previous})
    counts = {"new": 0, "changed": 0, "unchanged": 0, "gone": 0, "delisted": 0}
    found: set[tuple[str, str]] = set()
    saved: list[dict[str, Any]] = []

    def version_of(entity_id: str) -> str:
        if entity_id.startswith(f"{DERIVED}:"):
            return f"{entity_id.split(':')[1]}+{snapshot.derived.label}"
        return current[entity_id.split(":", 1)[0]].label

    def label(records: list[dict[str, Any]]) -> None:
        quiet: list[int] = []
        for at, rec in enumerate(records):
            if not rec.get("entity_id"):
                continue
            key = (rec["query_id"], rec["entity_id"])
            found.add(key)
            before = previous.get(key)
            if before is None:
                rec["status"] = "new"
            else:
                rec["status"] = "changed" if abs(before - rec["score"]) > 1e-9 else "unchanged"
                rec["previous_score"] = before
            rec["entity_version"] = version_of(rec["entity_id"])
            counts[rec["status"]] += 1
            saved.append(rec)
            if plan is not None and rec["status"] == "unchanged":
                quiet.append(at)  # a derived hit screened again: nothing to report
        for at in reversed(quiet):
            del records[at]

    def rows() -> Any:
        for row in book.customers():
            if row.query_id in fresh:
                row.fields["_new"] = "1"
            yield row

    source = ListSource(rows(), total_rows=book.size())
    stats = run_batch(
        source,
        work,
        writer,
        workers=workers,
        executor=executor,
        progress=progress,
        on_records=label,
    )
    lost: list[dict[str, Any]] = []
    for (cid, eid), score in sorted(previous.items()):
        if (cid, eid) in found or eid not in dropped:
            continue
        status = "gone" if eid in snapshot.index else "delisted"
        counts[status] += 1
        lost.append(
            {
                "query_id": cid,
                "entity_id": eid,
                "previous_score": score,
                "match": False,
                "status": status,
            }
        )
    writer.write(lost)
    outcome = RescreenOutcome("delta" if plan is not None else "full", stats, plan, counts)
    if before_save is not None:
        before_save(outcome)
    book.record(
        kind="delta" if plan is not None else "full",
        versions={s: v.id for s, v in current.items()},
        settings=settings,
        summary={**stats.to_dict(), "statuses": counts},
        records=saved,
        screened=[r.query_id for r in book.customers(screened=False)],
        drop_entities=dropped,
    )
    return outcome
