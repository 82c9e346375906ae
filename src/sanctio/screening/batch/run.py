"""Batch screening: stream rows in chunks through a worker pool, write ranked results.

`screen_rows` is the one function that turns input rows into output records; the local
path (inline, processes or threads) and the Spark path (`sanctio.spark`) both call it,
so they give identical hits and scores by construction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any, Protocol, TypeVar

from sanctio.exceptions import InputError
from sanctio.model.customer import BatchRow
from sanctio.screening.batch.keys import query_keys
from sanctio.screening.batch.output import RecordWriter
from sanctio.screening.batch.pool import ChunkResult, Work, make_runner
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener

CHUNK_ROWS = 256


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What to screen against and what to write; picklable for workers and Spark."""

    threshold: float | None = None
    limit: int = 5
    all_candidates: bool = False  # also write candidates scoring below the threshold
    explain: bool = False  # write each result's features
    sources: tuple[str, ...] | None = None
    #: Write candidates scoring down to this (below the threshold too); None: matches
    #: only, or down to the screener's report floor with `all_candidates`.
    cutoff: float | None = None

    @property
    def writes_below_threshold(self) -> bool:
        return self.all_candidates or self.cutoff is not None

    def check(self) -> None:
        if self.limit < 1 or self.limit > 100:
            raise InputError("limit", f"{self.limit} is out of range; expected 1-100")
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise InputError("threshold", f"{self.threshold} is out of range; expected 0-1")
        if self.cutoff is not None and not 0.0 <= self.cutoff <= 1.0:
            raise InputError("cutoff", f"{self.cutoff} is out of range; expected 0-1")


def row_query(row: BatchRow) -> Query:
    """The query a row asks for; InputError names the bad field."""
    f = row.fields
    name = f.get("name", "")
    wallets = [w for w in f.get("wallet", "").split(";") if w.strip()]
    return Query.create(
        [] if wallets and not name.strip() else name,
        schema=f.get("schema") or None,
        birth_dates=[d for d in f.get("birth_date", "").split(";") if d.strip()],
        nationalities=[c for c in f.get("nationality", "").split(";") if c.strip()],
        id_numbers=[i for i in f.get("id_number", "").split(";") if i.strip()],
        wallets=wallets,
    )


def error_record(row: BatchRow, message: str) -> dict[str, Any]:
    return {
        "query_id": row.query_id,
        "line": row.line,
        "query_name": row.fields.get("name") or None,
        "error": message,
    }


def parse_row(row: BatchRow, records: list[dict[str, Any]]) -> Query | None:
    """The row's query, or None after appending its error record."""
    if row.error is not None:
        records.append(error_record(row, row.error))
        return None
    try:
        return row_query(row)
    except InputError as exc:
        records.append(error_record(row, str(exc)))
        return None


def screen_rows(
    screener: Screener, rows: Sequence[BatchRow], *, options: BatchOptions, keys: bool = False
) -> ChunkResult:
    """Screen each row and return its output records, ranked per query; never raises
    for a bad row (it becomes an error record). `keys`: also return each screened row's
    candidate keys (a saved book keeps them for its delta runs)."""
    records: list[dict[str, Any]] = []
    saved: dict[str, str] = {}
    hits = errors = 0
    for row in rows:
        query = parse_row(row, records)
        if query is None:
            errors += 1
            continue
        pq = screener.prepare(query) if keys and query.names else None
        result = screener.screen(
            query,
            threshold=options.threshold,
            limit=options.limit,
            sources=options.sources,
            cutoff=_cutoff(options),
            prepared=pq,
        )
        if keys and (found := query_keys(query, pq)) is not None:
            saved[row.query_id] = found
        matched = False
        for rank, hit in enumerate(result.results, start=1):
            if not hit.match and not options.writes_below_threshold:
                continue
            matched = matched or hit.match
            record: dict[str, Any] = {
                "query_id": row.query_id,
                "line": row.line,
                "query_name": (query.names or query.wallets)[0],
                "rank": rank,
                "entity_id": hit.entity_id,
                "entity_name": hit.caption,
                "entity_schema": hit.schema,
                "score": round(hit.score, 4),
                "match": hit.match,
            }
            if options.explain:
                record["features"] = [f.to_dict() for f in hit.features]
            records.append(record)
        hits += matched
    return ChunkResult(records, len(rows), hits, errors, saved)


def _cutoff(options: BatchOptions) -> float | None:
    """The screener's report floor: the given cutoff, else the threshold (matches only),
    else (all candidates) the screener's default floor."""
    if options.cutoff is not None:
        return options.cutoff
    return None if options.all_candidates else options.threshold


@dataclass(slots=True)
class BatchStats:
    """Running totals, handed to the progress callback after each chunk."""

    rows: int = 0
    hits: int = 0  # rows with at least one match
    matches: int = 0  # match records written
    errors: int = 0
    records: int = 0
    started: float = field(default_factory=time.perf_counter)
    position: int = 0  # input bytes read, for progress over files of unknown row count
    total_bytes: int | None = None
    total_rows: int | None = None
    elapsed: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "hits": self.hits,
            "matches": self.matches,
            "errors": self.errors,
            "records": self.records,
            "seconds": round(self.elapsed, 3),
            "rows_per_second": round(self.rows_per_second, 1),
        }


Progress = Callable[[BatchStats], None]


T = TypeVar("T")


def chunked(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def screening_work(screener: Screener, options: BatchOptions) -> Work:
    """The per-chunk function of a full batch run."""
    options.check()
    return partial(screen_rows, screener, options=options)


class RowSource(Protocol):
    """Rows to screen and, where known, how far through them we are."""

    total_bytes: int | None
    total_rows: int | None

    @property
    def position(self) -> int: ...

    def rows(self) -> Iterator[BatchRow]: ...


@dataclass(slots=True)
class ListSource:
    """Rows already in memory or from any iterator (a saved book, tests)."""

    items: Iterable[BatchRow]
    total_rows: int | None = None
    total_bytes: int | None = None
    position: int = 0

    def rows(self) -> Iterator[BatchRow]:
        return iter(self.items)


def run_batch(
    source: RowSource,
    work: Work,
    writer: RecordWriter,
    *,
    workers: int = 1,
    executor: str = "process",
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
    on_records: Callable[[list[dict[str, Any]]], None] | None = None,
    on_keys: Callable[[dict[str, str]], None] | None = None,
) -> BatchStats:
    """Screen every row of `source` with `work` and write the records; memory stays bounded
    by the number of chunks in flight, whatever the input size."""
    stats = BatchStats(total_bytes=source.total_bytes, total_rows=source.total_rows)
    with make_runner(work, workers=workers, executor=executor) as runner:
        for result in runner.map(chunked(source.rows(), chunk_rows)):
            if on_records is not None:
                on_records(result.records)
            if on_keys is not None and result.keys:
                on_keys(result.keys)
            writer.write(result.records)
            stats.rows += result.rows
            stats.hits += result.hits
            stats.errors += result.errors
            stats.records += len(result.records)
            stats.matches += sum(1 for r in result.records if r.get("match"))
            stats.position = source.position
            stats.elapsed = time.perf_counter() - stats.started
            if progress is not None:
                progress(stats)
    stats.elapsed = time.perf_counter() - stats.started
    return stats
