"""Re-screen a saved customer book: in full the first time, then only against what changed.

A delta run screens customers already screened only against entities added or changed
since the versions of the book's last run; hits on changed entities that are not found
again are reported `gone`, hits on entities no longer listed `delisted`, without screening.
Customers added or edited since the last run get a full screen. The algorithm, threshold
and normaliser of the last run must match, otherwise the run is full.

Every screening saves the customer's candidate keys (`keys.py`); a delta run skips the
customers whose saved keys reach nothing in the delta index (they provably cannot hit
it) without reading their names again, so its cost follows the size of the list update,
not of the book. Customers are streamed from the book, never all held at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sanctio.model.customer import BatchRow
from sanctio.screening.batch.delta import DeltaPlan, delta_index, plan_delta
from sanctio.screening.batch.keys import keys_reach
from sanctio.screening.batch.output import RecordWriter
from sanctio.screening.batch.pool import ChunkResult, Work
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

#: Saved candidate keys are written to the book this many at a time during a run.
KEYS_BATCH = 20_000


@dataclass(slots=True)
class RescreenOutcome:
    kind: str  # full | delta
    stats: BatchStats
    plan: DeltaPlan | None
    counts: dict[str, int]
    #: customers a delta run did not screen: their saved keys reach nothing in the delta
    skipped: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            **self.stats.to_dict(),
            "skipped": self.skipped,
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
        got = screen_rows(screener, part, options=options, keys=True)
        out.records.extend(got.records)
        out.rows += got.rows
        out.hits += got.hits
        out.errors += got.errors
        out.keys.update(got.keys)
    return out


def _book_rows(work: Work, rows: Sequence[BatchRow]) -> ChunkResult:
    """`work` on a chunk of book rows; each saved key is prefixed with the digest of the
    fields it was computed from (fields['_digest']) and a tab."""
    got = work(rows)
    if got.keys:
        digests = {r.query_id: r.fields.get("_digest", "") for r in rows}
        got.keys = {cid: f"{digests[cid]}\t{k}" for cid, k in got.keys.items()}
    return got


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
    delta: Screener | None = None
    if last is not None and not full and last.settings == settings:
        baseline = {s: store.version(vid) for s, vid in last.versions.items()}
        plan = plan_delta(store, baseline, current)
        delta = Screener(delta_index(snapshot.index, plan.added | plan.changed | derived))
        work: Work = partial(_mixed_rows, (snapshot.screener, delta), options=options)
        dropped = plan.changed | plan.removed | derived_before
    else:
        work = partial(screen_rows, snapshot.screener, options=options, keys=True)
        dropped = frozenset({e for _, e in previous})
    normalizer = str(settings["normalizer"])
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

    skipped = 0
    reach: dict[str, bool] = {}  # token -> has a similar token in the delta index

    def rows() -> Any:
        """The customers to screen: in a delta run, those not screened yet, those without
        valid saved keys, and those whose keys reach the delta index (the others provably
        find nothing in it: see keys.py)."""
        nonlocal skipped
        for customer in book.scan(normalizer):
            if (
                delta is not None
                and customer.screened
                and customer.keys is not None
                and not keys_reach(delta.index, customer.keys, reach)
            ):
                skipped += 1
                continue
            row = customer.row()
            row.fields["_digest"] = customer.digest
            if delta is not None and not customer.screened:
                row.fields["_new"] = "1"
            yield row

    pending: list[tuple[str, str, str]] = []

    def keep(keys: dict[str, str]) -> None:
        for cid, value in keys.items():
            digest, _, found = value.partition("\t")
            pending.append((cid, digest, found))
        if len(pending) >= KEYS_BATCH:
            book.save_keys(normalizer, pending)
            pending.clear()

    source = ListSource(rows(), total_rows=book.size())
    stats = run_batch(
        source,
        partial(_book_rows, work),
        writer,
        workers=workers,
        executor=executor,
        progress=progress,
        on_records=label,
        on_keys=keep,
    )
    book.save_keys(normalizer, pending)
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
    outcome = RescreenOutcome("delta" if plan is not None else "full", stats, plan, counts, skipped)
    if before_save is not None:
        before_save(outcome)
    book.record(
        kind="delta" if plan is not None else "full",
        versions={s: v.id for s, v in current.items()},
        settings=settings,
        summary={**stats.to_dict(), "statuses": counts, "skipped": skipped},
        records=saved,
        screened=[r.query_id for r in book.customers(screened=False)],
        drop_entities=dropped,
    )
    return outcome
