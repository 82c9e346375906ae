"""Holdings compiled to arrays: parties as integers, edges as parallel numpy columns.

`HoldingTable` keeps every holding with its dates; `on(day)` gives the `Graph` of those in
force that day (start and end inclusive). Edges are kept per holding (an owner may hold an
asset through several rows: they add up).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sanctio.model.ownership import OwnershipData, Party, day_bounds

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Graph:
    """Holdings in force on one day: edge i is `src[i]` holding `share[i]` of `dst[i]`."""

    size: int
    src: IntArray
    dst: IntArray
    share: FloatArray
    control: BoolArray
    row: IntArray  # index of the holding in its table, for explanations

    def incoming(self) -> tuple[IntArray, IntArray]:
        """(offsets, edge ids ordered by dst): the edges into node v are
        `edges[offsets[v]:offsets[v + 1]]`."""
        order = np.argsort(self.dst, kind="stable")
        offsets = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.dst, minlength=self.size), out=offsets[1:])
        return offsets, order.astype(np.int64)

    def outgoing(self) -> tuple[IntArray, IntArray]:
        """(offsets, edge ids ordered by src), as `incoming`."""
        order = np.argsort(self.src, kind="stable")
        offsets = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.src, minlength=self.size), out=offsets[1:])
        return offsets, order.astype(np.int64)


@dataclass(frozen=True, slots=True)
class HoldingTable:
    """Every holding of one ownership version, with the parties they connect."""

    keys: Sequence[str]  # node -> party key
    parties: Mapping[str, Party]
    listed: Mapping[str, tuple[str, ...]]  # party key -> the list entries it is (if any)
    src: IntArray
    dst: IntArray
    share: FloatArray
    control: BoolArray
    start: IntArray  # day ordinals, inclusive
    end: IntArray

    @classmethod
    def build(cls, data: OwnershipData) -> HoldingTable:
        index: dict[str, int] = {}
        keys: list[str] = []

        def node(key: str) -> int:
            found = index.get(key)
            if found is None:
                found = index[key] = len(keys)
                keys.append(key)
            return found

        for key in data.parties:
            node(key)
        rows = data.holdings
        src = np.fromiter((node(h.owner) for h in rows), dtype=np.int64, count=len(rows))
        dst = np.fromiter((node(h.asset) for h in rows), dtype=np.int64, count=len(rows))
        share = np.fromiter((h.share for h in rows), dtype=np.float64, count=len(rows))
        control = np.fromiter((h.control for h in rows), dtype=np.bool_, count=len(rows))
        start = np.fromiter(
            (day_bounds(h.start, end=False) for h in rows), dtype=np.int64, count=len(rows)
        )
        end = np.fromiter(
            (day_bounds(h.end, end=True) for h in rows), dtype=np.int64, count=len(rows)
        )
        listed = {k: p.listed_ids for k, p in data.parties.items() if p.listed_ids}
        return cls(keys, data.parties, listed, src, dst, share, control, start, end)

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[tuple[str, str, str | None, str, str, int]],
        listed: Mapping[str, tuple[str, ...]],
        parties: Mapping[str, Party],
    ) -> HoldingTable:
        """From stored rows (owner, asset, percentage, start, end, control): no object per
        holding, each distinct date parsed once."""
        index: dict[str, int] = {}
        keys: list[str] = []
        for row in rows:
            for key in (row[0], row[1]):
                if key not in index:
                    index[key] = len(keys)
                    keys.append(key)
        for key in listed:
            if key not in index:
                index[key] = len(keys)
                keys.append(key)
        starts: dict[str, int] = {}
        ends: dict[str, int] = {}

        def first(text: str) -> int:
            found = starts.get(text)
            if found is None:
                found = starts[text] = day_bounds(text, end=False)
            return found

        def last(text: str) -> int:
            found = ends.get(text)
            if found is None:
                found = ends[text] = day_bounds(text, end=True)
            return found

        count = len(rows)
        return cls(
            keys,
            parties,
            listed,
            np.fromiter((index[r[0]] for r in rows), dtype=np.int64, count=count),
            np.fromiter((index[r[1]] for r in rows), dtype=np.int64, count=count),
            np.fromiter(
                (float(r[2]) / 100.0 if r[2] is not None else 0.0 for r in rows),
                dtype=np.float64,
                count=count,
            ),
            np.fromiter((bool(r[5]) for r in rows), dtype=np.bool_, count=count),
            np.fromiter((first(r[3]) for r in rows), dtype=np.int64, count=count),
            np.fromiter((last(r[4]) for r in rows), dtype=np.int64, count=count),
        )

    @property
    def size(self) -> int:
        return len(self.keys)

    def on(self, day: dt.date) -> Graph:
        """The holdings in force on `day`."""
        ordinal = day.toordinal()
        live = np.flatnonzero((self.start <= ordinal) & (ordinal <= self.end))
        return Graph(
            self.size,
            self.src[live],
            self.dst[live],
            self.share[live],
            self.control[live],
            live.astype(np.int64),
        )
