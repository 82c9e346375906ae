"""Write batch results as JSON lines, CSV or Parquet, atomically, with a metadata sidecar.

Output goes to a temporary file beside the target and is renamed over it only when the
run completes, so a crash or Ctrl-C never leaves a half-written file under the final
name. `OUT.meta.json` (and, for Parquet, the file's own key-value metadata) names the
list versions, the index and the algorithm, so a run can be reproduced.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol

from sanctio.exceptions import InputError

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")
#: Columns of CSV and Parquet output; JSON lines carry the same keys.
COLUMNS: tuple[str, ...] = (
    "query_id",
    "line",
    "query_name",
    "rank",
    "entity_id",
    "entity_name",
    "entity_schema",
    "score",
    "match",
    "error",
)
DELTA_COLUMNS: tuple[str, ...] = ("status", "previous_score", "entity_version")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
_SUFFIXES |= {".parquet": "parquet", ".pq": "parquet"}


def output_format(path: str | None, given: str | None) -> str:
    """`--format` if given, else from the suffix of OUT, else JSON lines (the contract)."""
    if given is not None:
        if given not in OUTPUT_FORMATS:
            raise InputError(
                "format", f"{given!r} is not an output format; expected one of {OUTPUT_FORMATS}"
            )
        return given
    if path is None or path == "-":
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix and suffix not in _SUFFIXES:
        raise InputError(
            "format",
            f"{path}: unknown output format {suffix!r}; expected .jsonl, .csv or .parquet, "
            "or pass --format",
        )
    return _SUFFIXES.get(suffix, "jsonl")


class RecordWriter(Protocol):
    def write(self, records: Sequence[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class JsonLinesWriter:
    """One JSON object per line; keys that do not apply to a row are left out."""

    def __init__(self, fh: IO[str]) -> None:
        self._fh = fh

    def write(self, records: Sequence[dict[str, Any]]) -> None:
        dumps = json.dumps
        self._fh.write(
            "".join(
                dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n"
                for r in records
            )
        )

    def close(self) -> None:
        self._fh.flush()


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


class CsvWriter:
    """A header row, then fixed columns; nested values (features) as JSON text."""

    def __init__(self, fh: IO[str], columns: Sequence[str]) -> None:
        self._columns = list(columns)
        self._csv = csv.writer(fh, lineterminator="\n")
        self._csv.writerow(self._columns)
        self._fh = fh

    def write(self, records: Sequence[dict[str, Any]]) -> None:
        cols = self._columns
        self._csv.writerows([_cell(r.get(c)) for c in cols] for r in records)

    def close(self) -> None:
        self._fh.flush()


class ParquetWriter:
    """Row groups of fixed, typed columns; the run's metadata in the file's schema."""

    def __init__(self, path: str, columns: Sequence[str], meta: dict[str, Any]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"line": pa.int64(), "rank": pa.int32(), "score": pa.float64()}
        types |= {"match": pa.bool_(), "previous_score": pa.float64()}
        fields = [pa.field(c, types.get(c, pa.string())) for c in columns]
        self._schema = pa.schema(fields, metadata={"sanctio": json.dumps(meta, default=str)})
        self._columns = list(columns)
        self._pa = pa
        self._writer = pq.ParquetWriter(path, self._schema, compression="zstd")
        self._pending: list[dict[str, Any]] = []

    def write(self, records: Sequence[dict[str, Any]]) -> None:
        self._pending.extend(records)
        if len(self._pending) >= 65_536:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        data = {
            c: [
                json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                for v in (r.get(c) for r in self._pending)
            ]
            for c in self._columns
        }
        self._writer.write_table(self._pa.Table.from_pydict(data, schema=self._schema))
        self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def write_json_atomic(path: Path, data: Any) -> None:
    """Write a small JSON file through a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def meta_path(out: str) -> Path:
    return Path(out + ".meta.json")


@contextmanager
def open_output(
    path: str | None, fmt: str, columns: Sequence[str], meta: dict[str, Any]
) -> Iterator[RecordWriter]:
    """A writer on a temp file renamed to `path` on success; removed on any failure."""
    if path is None or path == "-":
        if fmt == "parquet":
            raise InputError("output", "Parquet cannot be written to stdout; give -o FILE")
        writer: RecordWriter = (
            CsvWriter(sys.stdout, columns) if fmt == "csv" else JsonLinesWriter(sys.stdout)
        )
        yield writer
        writer.close()
        return
    target = Path(path)
    if target.is_dir():
        raise InputError("output", f"{path} is a folder; expected a file name")
    if not target.parent.exists():
        raise InputError("output", f"{target.parent}: no such folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        if fmt == "parquet":
            os.close(fd)
            writer = ParquetWriter(tmp, columns, meta)
            yield writer
            writer.close()
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                writer = CsvWriter(fh, columns) if fmt == "csv" else JsonLinesWriter(fh)
                yield writer
                writer.close()
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
