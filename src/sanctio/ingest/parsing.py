"""Read list files for the importer, in worker processes when that pays: readers are pure.

Workers hand back what the store writes (checksums, entities encoded as strings), which
is ~50x cheaper to pass between processes than `Entity` objects and takes the hashing
and JSON encoding off the writing process. Results come back in the planned order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanctio.exceptions import SanctioError
from sanctio.model import Problem
from sanctio.normalize import countries
from sanctio.runtime import collector_paused, freeze_heap
from sanctio.sources.base import Reader
from sanctio.sources.registry import readers
from sanctio.store.encoding import EncodedEntity, encode
from sanctio.store.versions import StoredFile

#: One planned read: reader, source name, main file.
Job = tuple[Reader, str, Path]

#: Most workers started for one import; each holds one parsed list at a time.
MAX_WORKERS = 2
#: Reads running or finished ahead of the writer, per worker (bounds memory).
_AHEAD = 2
#: How often a worker checks that the importing process is still alive (seconds).
_WATCH_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Parsed:
    """One list version read from its files and encoded, ready to be written."""

    source: str
    format: str
    main: Path
    published: dt.date | None
    files: tuple[StoredFile, ...]
    entities: list[EncodedEntity]
    problems: list[Problem]


def checksum(path: Path) -> StoredFile:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return StoredFile(str(path.resolve()), digest.hexdigest(), path.stat().st_size)


class HashMemo:
    """Digest of entity JSON -> content hash, owned by an import session or a worker
    process: most entities recur in every version of a list and are hashed once (see
    `encoding.encode`). Bounded: emptied when it passes `limit` entries (~0.2 KB each)."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit
        self._known: dict[bytes, str] = {}

    def take(self) -> dict[bytes, str]:
        """The mapping to fill, emptied first if it has grown past the limit."""
        if len(self._known) > self.limit:
            self._known.clear()
        return self._known


def parse(reader: Reader, source: str, main: Path, known: HashMemo | None = None) -> Parsed:
    """Read one list and encode it for the store (raises FormatError as the reader does).

    `known` carries entity hashes from one list to the next within an import session (or a
    worker process); readers build ~10^5 acyclic objects, so the collector is paused.
    """
    known = known if known is not None else HashMemo()
    with collector_paused():
        parsed = reader.read([main], source)
        entities = [encode(e, known.take()) for e in parsed.entities]
    return Parsed(
        parsed.source,
        parsed.format,
        main,
        parsed.published,
        tuple(checksum(p) for p in parsed.files),
        entities,
        list(parsed.problems),
    )


class WorkerError(Exception):
    """Where in a worker process an error was raised (attached as `__cause__`)."""


@dataclass(frozen=True, slots=True)
class _Raised:
    """A sanctio error from a worker, carried by its state: these errors take several
    arguments in `__init__`, which plain pickling cannot replay. (Other exceptions
    travel as `concurrent.futures` sends them.)"""

    kind: type[SanctioError]
    args: tuple[Any, ...]
    state: dict[str, Any]
    trace: str

    def rebuild(self) -> SanctioError:
        exc = self.kind.__new__(self.kind)
        exc.args = self.args
        exc.__dict__.update(self.state)
        exc.__cause__ = WorkerError(self.trace)
        return exc


#: A worker process's own hash memo, made at its start-up (`_start_worker`).
_WORKER_MEMO: list[HashMemo] = []


def _work(index: int, source: str, main: Path) -> Parsed | _Raised:
    try:
        return parse(readers()[index], source, main, _WORKER_MEMO[0] if _WORKER_MEMO else None)
    except SanctioError as exc:  # re-raised in the importing process, in file order
        return _Raised(type(exc), exc.args, dict(vars(exc)), traceback.format_exc())


def _watch(parent: int) -> None:
    # A killed importer cannot stop its workers; they stop themselves.
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _start_worker(parent: int) -> None:
    # Ctrl-C is the importer's to handle (it rolls back); workers just finish or die.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the worker inherited (modules, lookup tables) need not be scanned by the GC.
    freeze_heap()
    _WORKER_MEMO[:] = [HashMemo()]
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(jobs: int) -> int:
    """Workers worth starting: one per CPU up to MAX_WORKERS, none for a single file.

    Only a single-threaded process on Linux forks workers (cheap: readers are already
    imported); elsewhere (a threaded server, macOS, Windows) files are read in-process.
    """
    if jobs < 2 or sys.platform != "linux" or threading.active_count() > 1:
        return 0
    workers = min(MAX_WORKERS, _cpus(), jobs)
    return workers if workers >= 2 else 0


class Parser:
    """Reads planned jobs ahead of the writer; `result(i)` waits for job i, in order.

    Use as a context manager: leaving it stops the workers, dropping reads not yet
    started when an error (or the end of the import) comes first.
    """

    def __init__(self, jobs: Sequence[Job], workers: int) -> None:
        self._jobs = list(jobs)
        self._futures: dict[int, Future[Parsed | _Raised]] = {}
        self._submitted = 0
        self._pool: ProcessPoolExecutor | None = None
        self._known = HashMemo()
        index = {id(r): i for i, r in enumerate(readers())}
        if workers >= 2 and all(id(reader) in index for reader, _, _ in self._jobs):
            self._index = index
            # Built once here, not once per worker (they fork with it).
            countries.warm()
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
            self._ahead = workers * _AHEAD
            self._submit_upto(self._ahead)

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if self._pool is not None:
            # After an error, reads already running finish in the background and are dropped.
            self._pool.shutdown(wait=kind is None, cancel_futures=True)

    def _submit_upto(self, count: int) -> None:
        assert self._pool is not None
        while self._submitted < min(count, len(self._jobs)):
            reader, source, main = self._jobs[self._submitted]
            future = self._pool.submit(_work, self._index[id(reader)], source, main)
            self._futures[self._submitted] = future
            self._submitted += 1

    def result(self, i: int) -> Parsed:
        """Job i read and encoded; raises the reader's error for that job."""
        if self._pool is None:
            return parse(*self._jobs[i], self._known)
        self._submit_upto(i + 1 + self._ahead)
        out = self._futures.pop(i).result()
        if isinstance(out, _Raised):
            raise out.rebuild()
        return out
