"""Run a per-chunk function inline, on forked worker processes or on threads, in order.

Processes are forked after the index is built, so every worker shares the parent's index
pages copy-on-write (`gc.freeze` keeps the collector from touching, and so copying, them);
only input rows and result records cross the process boundary. At most `2 x workers`
chunks are in flight, which bounds memory whatever the input size.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Protocol

from sanctio.exceptions import InputError
from sanctio.model.customer import BatchRow
from sanctio.runtime import frozen_for_fork

EXECUTORS = ("process", "thread", "inline")


@dataclass(slots=True)
class ChunkResult:
    """What one chunk produced: output records and counts (and, when asked for, each
    screened row's candidate keys: query id -> `keys.query_keys`)."""

    records: list[dict[str, Any]]
    rows: int
    hits: int
    errors: int
    keys: dict[str, str] = field(default_factory=dict)


Work = Callable[[Sequence[BatchRow]], ChunkResult]

#: The work of the forked pool; set in the parent just before forking, inherited by workers.
_FORKED: dict[str, Work] = {}


def _forked(chunk: Sequence[BatchRow]) -> ChunkResult:
    return _FORKED["work"](chunk)


class Runner(Protocol):
    def map(self, chunks: Iterable[Sequence[BatchRow]]) -> Iterator[ChunkResult]: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


class InlineRunner:
    """No pool: the calling thread does the work (one core, smallest memory)."""

    def __init__(self, work: Work) -> None:
        self._work = work

    def map(self, chunks: Iterable[Sequence[BatchRow]]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield self._work(chunk)

    def __enter__(self) -> InlineRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class ProcessRunner:
    """Forked workers sharing the parent's index copy-on-write."""

    def __init__(self, work: Work, workers: int) -> None:
        self.workers = workers
        _FORKED["work"] = work
        # The index out of the collector's reach while children share it copy-on-write.
        self._frozen = ExitStack()
        self._frozen.enter_context(frozen_for_fork())
        self._pool: Pool = mp.get_context("fork").Pool(workers)

    def map(self, chunks: Iterable[Sequence[BatchRow]]) -> Iterator[ChunkResult]:
        pending: deque[AsyncResult[ChunkResult]] = deque()
        for chunk in chunks:
            pending.append(self._pool.apply_async(_forked, (chunk,)))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def __enter__(self) -> ProcessRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc and exc[0] is not None:
            self._pool.terminate()
        else:
            self._pool.close()
        self._pool.join()
        _FORKED.pop("work", None)
        self._frozen.close()


class ThreadRunner:
    """Threads: one shared index, no copies; fast only where the work releases the GIL."""

    def __init__(self, work: Work, workers: int) -> None:
        self.workers = workers
        self._work = work
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="sanctio-batch")

    def map(self, chunks: Iterable[Sequence[BatchRow]]) -> Iterator[ChunkResult]:
        pending: deque[Future[ChunkResult]] = deque()
        for chunk in chunks:
            pending.append(self._pool.submit(self._work, chunk))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def __enter__(self) -> ThreadRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def make_runner(work: Work, *, workers: int = 0, executor: str = "process") -> Runner:
    """`workers=0` means one per available core; fork-less platforms fall back to threads."""
    if executor not in EXECUTORS:
        raise InputError("executor", f"{executor!r}: expected one of {', '.join(EXECUTORS)}")
    count = workers or default_workers()
    if count < 0:
        raise InputError("workers", f"{workers}: expected 0 (all cores) or a positive count")
    if executor == "inline" or count == 1:
        return InlineRunner(work)
    if executor == "process" and "fork" in mp.get_all_start_methods():
        return ProcessRunner(work, count)
    return ThreadRunner(work, count)
