"""A tiny table in shared memory: how many connections each worker process holds.

`sanctio serve --workers N` creates the table file before uvicorn starts its workers and
names it in `$SANCTIO_API_SLOTS`; each worker's acceptor (see `balance.py`) claims one row,
keeps its own connection count there and reads the others'. A row is (pid, connections),
two int64s; a writer only ever writes its own row, so no lock is needed after the claim.
Rows of processes that have died are reclaimed by the next claimer and ignored by readers.
"""

from __future__ import annotations

import fcntl
import mmap
import os
from pathlib import Path

import numpy as np
import numpy.typing as npt

ENV = "SANCTIO_API_SLOTS"
ROWS = 64
_ROW_BYTES = 16


def create(path: Path) -> None:
    """An empty table at `path` (overwriting any)."""
    path.write_bytes(bytes(ROWS * _ROW_BYTES))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def live(path: Path) -> list[tuple[int, int]]:
    """(pid, connections) of the live rows, read without claiming one (for checks and tests)."""
    rows = np.frombuffer(path.read_bytes(), dtype=np.int64).reshape(-1, 2)
    return [(int(pid), int(n)) for pid, n in rows if _alive(int(pid))]


class SlotTable:
    """One claimed row of the table: count our connections, read everyone else's."""

    def __init__(self, path: Path) -> None:
        fd = os.open(path, os.O_RDWR)
        try:
            size = os.fstat(fd).st_size
            if size != ROWS * _ROW_BYTES:
                raise ValueError(f"{path}: expected {ROWS * _ROW_BYTES} bytes, found {size}")
            self._map = mmap.mmap(fd, size)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                self._rows: npt.NDArray[np.int64] = np.frombuffer(self._map, dtype=np.int64)
                self._rows = self._rows.reshape(ROWS, 2)
                self.row = self._claim()
                self._released = False
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _claim(self) -> int:
        for row in range(ROWS):
            if not _alive(int(self._rows[row, 0])):
                self._rows[row] = (os.getpid(), 0)
                return row
        raise RuntimeError(f"all {ROWS} worker slots are held by live processes")

    @property
    def connections(self) -> int:
        return int(self._rows[self.row, 1])

    def add(self, delta: int) -> None:
        # After release the row may be another worker's: connections that close while
        # this one shuts down must not count against it.
        if not self._released:
            self._rows[self.row, 1] += delta

    def peers(self) -> list[int]:
        """Connection counts of the other live rows (workers)."""
        found: list[int] = []
        for row in range(ROWS):
            if row == self.row:
                continue
            pid = int(self._rows[row, 0])
            if pid and _alive(pid):
                found.append(int(self._rows[row, 1]))
        return found

    def release(self) -> None:
        self._rows[self.row] = (0, 0)
        self._released = True
