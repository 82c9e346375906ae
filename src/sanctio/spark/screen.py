"""Screen a Spark DataFrame: broadcast the index, score partitions with `screen_rows`."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sanctio.index import NameIndex
from sanctio.match import PreparedEntity, Weights
from sanctio.screening.batch import CHUNK_ROWS, BatchOptions, chunked, screen_rows
from sanctio.screening.batch_input import BatchRow, ColumnMap
from sanctio.screening.batch_output import COLUMNS
from sanctio.screening.screen import Screener

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, Row

#: Screeners per Python worker process, by broadcast id: one per worker, not per partition.
_SCREENERS: dict[str, Screener] = {}


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
    key: str = field(default_factory=lambda: uuid.uuid4().hex)


def payload(screener: Screener) -> IndexPayload:
    index = screener.index
    return IndexPayload(
        list(index.prepared), index.weights, dict(index.versions), screener.algorithm.name
    )


def worker_screener(data: IndexPayload) -> Screener:
    """The executor-side screener, assembled once per Python worker."""
    found = _SCREENERS.get(data.key)
    if found is None:
        _SCREENERS.clear()  # a new broadcast replaces the old one: keep one index per worker
        index = NameIndex(data.prepared, data.weights, data.versions)
        found = _SCREENERS[data.key] = Screener(index, data.algorithm)
    return found


#: Output columns of the Spark path: the local columns plus features (JSON text).
SPARK_COLUMNS: tuple[str, ...] = (*COLUMNS, "features")
_TYPES = {"line": "long", "rank": "int", "score": "double", "match": "boolean"}


def spark_schema() -> str:
    return ", ".join(f"{c} {_TYPES.get(c, 'string')}" for c in SPARK_COLUMNS)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def screen_dataframe(
    df: DataFrame,
    screener: Screener,
    options: BatchOptions | None = None,
    columns: ColumnMap | None = None,
) -> DataFrame:
    """Ranked result records for every row of `df` (same columns as the local output;
    `line` is the row's position only when the input has a `line` column)."""
    import json

    options = options or BatchOptions()
    options.check()
    mapping = (columns or ColumnMap()).resolve(list(df.columns), "DataFrame")
    selected = df.select(*[df[c].cast("string").alias(f) for f, c in mapping.items()])
    bc = df.sparkSession.sparkContext.broadcast(payload(screener))
    fields = list(mapping)

    # RDD partitions rather than mapInArrow: the latter needs pandas on every executor.
    def score(rows: Iterable[Row]) -> Iterable[tuple[Any, ...]]:
        local = worker_screener(bc.value)
        for chunk in chunked(rows, CHUNK_ROWS):
            batch = [
                BatchRow(0, {f: _text(v) for f, v in zip(fields, r, strict=True)}) for r in chunk
            ]
            for rec in screen_rows(local, batch, options=options).records:
                rec["line"] = None
                if "features" in rec:
                    rec["features"] = json.dumps(rec["features"], ensure_ascii=False)
                yield tuple(rec.get(c) for c in SPARK_COLUMNS)

    return df.sparkSession.createDataFrame(selected.rdd.mapPartitions(score), spark_schema())
