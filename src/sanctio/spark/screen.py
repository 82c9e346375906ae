"""Screen a Spark DataFrame: number the rows, spread them over every core, broadcast the
index once, score partitions with the local path's `screen_rows`."""

from __future__ import annotations

import json
import time
import uuid
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctio import __version__
from sanctio.index import NameIndex
from sanctio.match import PreparedEntity, Weights
from sanctio.model.customer import BatchRow
from sanctio.normalize import NORMALIZER_VERSION
from sanctio.runtime import collector_paused, freeze_heap, unfreeze_heap
from sanctio.screening.batch.input import ColumnMap
from sanctio.screening.batch.output import COLUMNS
from sanctio.screening.batch.run import CHUNK_ROWS, BatchOptions, chunked, screen_rows
from sanctio.screening.screen import Screener

if TYPE_CHECKING:
    from pyspark import Accumulator, Broadcast, SparkContext
    from pyspark.rdd import RDD
    from pyspark.sql import DataFrame

#: Screeners per Python worker process, by broadcast key: one per worker, not per task
#: (Python workers are reused, `spark.python.worker.reuse`, Spark's default).
_SCREENERS: dict[str, Screener] = {}
#: Partitions per core: small enough tasks that a slow one does not leave a core idle.
TASKS_PER_CORE = 4


def code_version() -> tuple[str, str]:
    """The sanctio release and normaliser version: executors must run the driver's, or
    queries would be analysed differently from the broadcast list names."""
    return __version__, NORMALIZER_VERSION


@dataclass(frozen=True, slots=True)
class IndexPayload:
    """What is broadcast: the driver's prepared entities (every name analysed and weighed
    once, the costly part of a build), the corpus weights and the algorithm.

    Executors reassemble postings and vocabulary from these with `NameIndex(...)`: the
    index's lookup tables hold caches and Python str hashes, which are per process
    (PYTHONHASHSEED), so they are not shipped but re-derived, identically, from the same
    prepared entities.
    """

    prepared: list[PreparedEntity]
    weights: Weights
    versions: dict[str, str]
    algorithm: str
    code: tuple[str, str] = field(default_factory=code_version)
    key: str = field(default_factory=lambda: uuid.uuid4().hex)


def payload(screener: Screener) -> IndexPayload:
    index = screener.index
    return IndexPayload(
        list(index.prepared), index.weights, dict(index.versions), screener.algorithm.name
    )


#: The last broadcast: (application id, index, algorithm, broadcast, payload key): what the
#: payload is made of. Screening again with the same index and algorithm in the same
#: application reuses it, and the workers' index too. (The index, not the screener, is
#: held weakly: a compiled Screener takes no weak reference.)
_SHIPPED: list[tuple[str, weakref.ref[NameIndex], str, Broadcast[IndexPayload], str]] = []


def broadcast_index(sc: SparkContext, screener: Screener) -> tuple[Broadcast[IndexPayload], str]:
    """The screener's broadcast payload and its key (read on the driver from here: the
    driver's `Broadcast.value` would unpickle the whole payload again from disk)."""
    app = sc.applicationId
    algorithm = screener.algorithm.name
    for shipped_app, ref, shipped_algorithm, bc, key in _SHIPPED:
        if shipped_app == app and ref() is screener.index and shipped_algorithm == algorithm:
            return bc, key
        if shipped_app == app:
            bc.unpersist()  # a new index replaces it on the executors
    _SHIPPED.clear()
    data = payload(screener)
    bc = sc.broadcast(data)
    _SHIPPED.append((app, weakref.ref(screener.index), algorithm, bc, data.key))
    return bc, data.key


def worker_screener(key: str, bc: Broadcast[IndexPayload]) -> tuple[Screener, float]:
    """The executor-side screener, assembled once per Python worker, and the seconds this
    call spent assembling it (unpickling the broadcast + `NameIndex`; 0.0 when reused)."""
    found = _SCREENERS.get(key)
    if found is not None:
        return found, 0.0
    start = time.perf_counter()
    if _SCREENERS:
        _SCREENERS.clear()  # a new broadcast replaces the old one: keep one index per worker
        unfreeze_heap()
    # Millions of small objects: with the collector off, unpickling the payload and
    # assembling the index take half the time; frozen, later collections skip them.
    with collector_paused():
        data = bc.value
        if data.code != code_version():
            raise RuntimeError(
                f"this executor runs sanctio {code_version()}, the driver {data.code}: "
                "install the same sanctio on the driver and the executors"
            )
        index = NameIndex(data.prepared, data.weights, data.versions)
        found = _SCREENERS[key] = Screener(index, data.algorithm)
    freeze_heap(collect=True)
    return found, time.perf_counter() - start


#: Output columns of the Spark path: the local columns plus features (JSON text).
SPARK_COLUMNS: tuple[str, ...] = (*COLUMNS, "features")
_TYPES = {"line": "long", "rank": "int", "score": "double", "match": "boolean"}


def spark_schema() -> str:
    return ", ".join(f"{c} {_TYPES.get(c, 'string')}" for c in SPARK_COLUMNS)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


@dataclass(frozen=True, slots=True)
class Screening:
    """The result DataFrame (lazy) and what its workers report once it has run."""

    frame: DataFrame
    rows: int
    partitions: int
    #: Python workers that assembled the index, and the seconds they spent on it
    #: (unpickling the broadcast + `NameIndex`); 0 when reused from an earlier job.
    index_builds: Accumulator[int]
    index_seconds: Accumulator[float]


def default_partitions(sc: SparkContext, rows: int) -> int:
    return max(1, min(sc.defaultParallelism * TASKS_PER_CORE, rows))


def numbered(df: DataFrame, partitions: int | None = None) -> tuple[RDD[tuple[int, Any]], int, int]:
    """(line, row) pairs, `line` being the 1-based position of the row in `df`, spread
    over `partitions` contiguous ranges of lines, sorted within each: every core gets
    work even from a single-partition file, and the output follows the input order."""
    rows = df.count()
    sc = df.sparkSession.sparkContext
    n = partitions or default_partitions(sc, rows)
    total = max(rows, 1)

    def part(line: int) -> int:
        return min((line - 1) * n // total, n - 1)

    pairs = df.rdd.zipWithIndex().map(lambda ri: (ri[1] + 1, tuple(ri[0])))
    return pairs.repartitionAndSortWithinPartitions(n, part), rows, n


def screen(
    df: DataFrame,
    screener: Screener,
    options: BatchOptions | None = None,
    columns: ColumnMap | None = None,
    *,
    partitions: int | None = None,
) -> Screening:
    """The ranked result records of every row of `df` and the counters of the run."""
    options = options or BatchOptions()
    options.check()
    mapping = (columns or ColumnMap()).resolve(list(df.columns), "DataFrame")
    selected = df.select(*[df[c].cast("string").alias(f) for f, c in mapping.items()])
    spark = df.sparkSession
    sc = spark.sparkContext
    bc, key = broadcast_index(sc, screener)
    builds = sc.accumulator(0)
    seconds = sc.accumulator(0.0)
    fields = list(mapping)
    pairs, rows, n = numbered(selected, partitions)

    # A closure over module globals (screen_rows, ...): tests swap one in to poison a row.
    # RDD partitions rather than mapInArrow: the latter needs pandas on every executor.
    def score(items: Iterable[tuple[int, Any]]) -> Iterator[tuple[Any, ...]]:
        local, spent = worker_screener(key, bc)
        if spent:
            builds.add(1)
            seconds.add(spent)
        for chunk in chunked(items, CHUNK_ROWS):
            batch = [
                BatchRow(line, {f: _text(v) for f, v in zip(fields, values, strict=True)})
                for line, values in chunk
            ]
            for rec in screen_rows(local, batch, options=options).records:
                if "features" in rec:
                    rec["features"] = json.dumps(rec["features"], ensure_ascii=False)
                yield tuple(rec.get(c) for c in SPARK_COLUMNS)

    frame = spark.createDataFrame(pairs.mapPartitions(score), spark_schema())
    return Screening(frame, rows, n, builds, seconds)


def screen_dataframe(
    df: DataFrame,
    screener: Screener,
    options: BatchOptions | None = None,
    columns: ColumnMap | None = None,
    *,
    partitions: int | None = None,
) -> DataFrame:
    """Ranked result records for every row of `df`: the local output's columns, `line`
    being the row's 1-based position in `df` (see docs/batch.md), plus `features`."""
    return screen(df, screener, options, columns, partitions=partitions).frame
