"""Alerts from one-off screening of identified subjects, when the caller asks for them:
`POST /match/{dataset}?alerts=BOOK` (each query's key is the customer id) and
`sanctio batch INPUT --alerts BOOK` (the id column). The hits take the one path a book
re-screening's take (`rescreen.apply_run`): the same re-alert rules, remembered decisions
(a suppressed hit is recorded, not dropped), evidence of screening per subject and audit
records. Hits not found again change nothing: only a book run reports them gone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sanctio.exceptions import InputError
from sanctio.model.customer import BatchRow
from sanctio.review.rescreen import Clock, Screened, apply_run, utc_now
from sanctio.screening.batch.pool import ChunkResult, Work
from sanctio.screening.batch.run import BatchOptions, RowSource
from sanctio.screening.service import Snapshot
from sanctio.store.book import fields_digest
from sanctio.store.review import AlertRow, ReviewStore
from sanctio.store.sqlite import Store

#: What a book name may be: it names the alerts' subjects, in URLs and files too.
BOOK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: Which runs open alerts from one-off screening.
KINDS = ("match", "batch")


def check_book(name: str, field_name: str = "alerts") -> str:
    """The book name, or InputError saying what a book name is."""
    if not BOOK_NAME.fullmatch(name):
        raise InputError(
            field_name,
            f"{name[:120]!r} is not a book name; expected 1-100 letters, digits, '.', '_' "
            "or '-', starting with a letter or digit",
        )
    return name


@dataclass(slots=True)
class SubjectsOutcome:
    """One alert-opening screening: its review run and the alert counts."""

    run_id: int
    book: str
    summary: dict[str, int]
    notify: list[AlertRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "book": self.book, **self.summary}


def review_subjects(
    store: Store,
    review: ReviewStore,
    snapshot: Snapshot,
    options: BatchOptions,
    *,
    book: str,
    kind: str,
    hits: Sequence[dict[str, Any]],
    fields: Mapping[str, dict[str, str]],
    screened: Iterable[str],
    errors: Iterable[str] = (),
    actor: str,
    started: dt.datetime | None = None,
    clock: Clock = utc_now,
) -> SubjectsOutcome:
    """Alerts for the match records `hits` (query_id = customer id; entity_id, entity_name,
    score, features) of subjects with these `fields`; every id of `screened` gets its
    evidence of screening, once."""
    check_book(book)
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}; expected one of {KINDS}")
    ids = list(dict.fromkeys(screened))
    customers = {cid: (f, fields_digest(f)) for cid, f in fields.items()}
    missing = {r["query_id"] for r in hits} - customers.keys()
    if missing:
        raise ValueError(f"hits of subjects without fields: {sorted(missing)[:5]}")
    run = Screened(kind, list(hits), customers, lambda: iter(ids), set(errors))
    run_id, summary, notify = apply_run(
        book,
        store,
        review,
        snapshot,
        options,
        run,
        actor=actor,
        started=started or clock(),
        clock=clock,
    )
    return SubjectsOutcome(run_id, book, summary, notify)


def with_fields(work: Work, rows: Sequence[BatchRow]) -> ChunkResult:
    """`work` on a chunk, each match record carrying its row's fields (`_fields`, which
    the review's capture takes off before the records are written)."""
    got = work(rows)
    by_id = {r.query_id: r.fields for r in rows}
    for rec in got.records:
        if rec.get("match") and rec.get("entity_id"):
            rec["_fields"] = by_id[rec["query_id"]]
    return got


class SeenIds:
    """A row source that remembers every customer id it handed out, in order, once."""

    def __init__(self, source: RowSource) -> None:
        self.source = source
        self.total_bytes = source.total_bytes
        self.total_rows = source.total_rows
        self.ids: dict[str, None] = {}

    @property
    def position(self) -> int:
        return self.source.position

    def rows(self) -> Iterator[BatchRow]:
        for row in self.source.rows():
            self.ids.setdefault(row.query_id)
            yield row
