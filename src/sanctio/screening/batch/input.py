"""Stream customer records out of CSV, JSON lines or Parquet, mapped to query fields.

Everything that can be known before screening starts (file missing, unknown format,
missing name column, a head that is not UTF-8) raises `InputError` / `FormatError` from
`open_input`; a bad row later on becomes a `BatchRow` carrying an `error`, so one broken
line never sinks a run of millions.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from sanctio.exceptions import FormatError, InputError
from sanctio.model.customer import BatchRow
from sanctio.runtime import allow_csv_fields

FORMATS = ("csv", "jsonl", "parquet")
#: Query fields a row may carry, in the order the contract names them.
FIELDS = ("id", "name", "schema", "birth_date", "nationality", "id_number", "wallet")
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_HEAD = 1 << 16
#: Longest CSV field read (csv's own default is 128 KiB).
_FIELD_LIMIT = 1 << 24


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which input column holds each query field; None means "not in this file"."""

    id: str | None = "id"
    name: str = "name"
    schema: str | None = "schema"
    birth_date: str | None = "birth_date"
    nationality: str | None = "nationality"
    id_number: str | None = "id_number"
    #: Crypto wallet addresses (`;`-separated), screened exactly against listed wallets.
    wallet: str | None = "wallet"
    #: Fields whose column the user named explicitly: missing ones are an error.
    required: frozenset[str] = field(default_factory=lambda: frozenset({"name"}))

    def columns(self) -> dict[str, str]:
        """field -> column, for the fields mapped at all."""
        out: dict[str, str] = {}
        for name in FIELDS:
            column = getattr(self, name)
            if column:
                out[name] = column
        return out

    def resolve(self, header: list[str], where: str) -> dict[str, str]:
        """The mapping restricted to columns present; error if a required one is missing."""
        present = set(header)
        mapped = self.columns()
        missing = [f for f in self.required if mapped.get(f) not in present]
        if missing:
            wanted = ", ".join(f"{mapped.get(f, f)!r} ({f})" for f in sorted(missing))
            raise InputError(
                "columns",
                f"{where}: no column {wanted}; the header has: {', '.join(header) or '(none)'}. "
                "Map your columns with --name-column, --id-column, ...",
            )
        return {f: c for f, c in mapped.items() if c in present}


def detect_format(path: str, given: str | None) -> str:
    """`--input-format` if given, else the file suffix (after an optional .gz); stdin is CSV."""
    if given is not None:
        if given not in FORMATS:
            raise InputError("format", f"{given!r} is not an input format; expected {FORMATS}")
        return given
    if path == "-":
        return "csv"
    p = Path(path)
    suffix = Path(p.stem).suffix if p.suffix == ".gz" else p.suffix
    fmt = _SUFFIXES.get(suffix.lower())
    if fmt is None:
        raise InputError(
            "format",
            f"{path}: cannot tell the format from {suffix or 'no suffix'!r}; expected one of "
            f"{', '.join(sorted(_SUFFIXES))} (optionally .gz) or pass --input-format",
        )
    return fmt


def _check_utf8(head: bytes, where: str) -> None:
    """Fail fast on a file that is not UTF-8 (a cut multi-byte tail is not an error)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return
        bad = head[max(0, exc.start - 10) : exc.start + 10]
        line = head[: exc.start].count(b"\n") + 1
        raise FormatError(
            where,
            f"line {line}, byte {exc.start}",
            f"not valid UTF-8 near {bad!r}; re-encode the file as UTF-8 "
            "(e.g. iconv -f latin1 -t utf-8)",
        ) from None


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _bad_bytes(values: dict[str, str]) -> str | None:
    """Surrogate-escaped bytes mark a row that is not UTF-8 deep in a file that began well."""
    for column, value in values.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"column {column!r} is not valid UTF-8"
    return None


class BatchInput:
    """An opened input: its format, the resolved columns, and a row iterator."""

    def __init__(self, path: str, fmt: str, columns: ColumnMap, *, delimiter: str | None) -> None:
        self.path = path
        self.format = fmt
        self.delimiter = delimiter
        self._binary: IO[bytes] | None = None
        self._raw: IO[bytes] | None = None
        self.total_bytes: int | None = None
        self.total_rows: int | None = None
        self.header: list[str] = []
        self.mapping: dict[str, str] = {}
        try:
            if fmt == "parquet":
                self._open_parquet(columns)
            else:
                self._open_text(columns)
        except BaseException:
            self.close()
            raise

    # -- opening (all up-front checks live here) ---------------------------------------

    def _open_binary(self) -> IO[bytes]:
        if self.path == "-":
            self._raw = sys.stdin.buffer
            return self._raw
        p = Path(self.path)
        if not p.is_file():
            raise InputError("input", f"{self.path}: no such file")
        self._raw = p.open("rb")
        self.total_bytes = p.stat().st_size
        if p.suffix == ".gz":
            return cast(IO[bytes], gzip.GzipFile(fileobj=self._raw, mode="rb"))
        return self._raw

    def _open_text(self, columns: ColumnMap) -> None:
        # A large buffer so that `peek` sees the whole head for the up-front checks.
        raw = cast(io.RawIOBase, self._open_binary())
        buffered = io.BufferedReader(raw, buffer_size=2 * _HEAD)
        self._binary = buffered
        head = buffered.peek(_HEAD)[:_HEAD]
        if not head.strip():
            raise FormatError(self.path, "", "the input is empty; expected a header row")
        _check_utf8(head, self.path)
        self._text = io.TextIOWrapper(
            buffered, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        if self.format == "csv":
            first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
            tabbed = self.path.endswith((".tsv", ".tsv.gz")) or first.count("\t") > first.count(",")
            delim = self.delimiter or ("\t" if tabbed else ",")
            allow_csv_fields(_FIELD_LIMIT)
            self._csv = csv.reader(self._text, delimiter=delim, strict=True)
            try:
                self.header = [h.strip() for h in next(self._csv)]
            except (StopIteration, csv.Error) as exc:
                raise FormatError(
                    self.path, "line 1", f"cannot read the header row: {exc}"
                ) from None
            self.mapping = columns.resolve(self.header, self.path)
        else:
            first_line = head.split(b"\n", 1)[0]
            try:
                obj = json.loads(first_line)
            except ValueError:
                raise FormatError(
                    self.path, "line 1", "not a JSON object; expected one JSON object per line"
                ) from None
            if not isinstance(obj, dict):
                raise FormatError(self.path, "line 1", "expected a JSON object per line")
            self.header = list(obj)
            # JSON lines have no header: only explicitly named columns can be checked up front.
            self.mapping = columns.resolve(self.header, self.path)
            self.mapping = columns.columns() | self.mapping

    def _open_parquet(self, columns: ColumnMap) -> None:
        import pyarrow.parquet as pq

        if self.path == "-":
            raise InputError("input", "Parquet cannot be read from stdin; give a file path")
        if not Path(self.path).exists():
            raise InputError("input", f"{self.path}: no such file")
        try:
            self._pq = pq.ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises several types for a non-Parquet file
            raise FormatError(self.path, "", f"not a readable Parquet file: {exc}") from None
        self.header = list(self._pq.schema_arrow.names)
        self.mapping = columns.resolve(self.header, self.path)
        self.total_rows = self._pq.metadata.num_rows

    # -- reading ------------------------------------------------------------------------

    @property
    def position(self) -> int:
        """Bytes consumed so far (compressed bytes for .gz), for a progress bar."""
        raw = self._raw
        if raw is None or raw is sys.stdin.buffer:
            return 0
        try:
            return raw.tell()
        except (OSError, ValueError):
            return 0

    def rows(self) -> Iterator[BatchRow]:
        if self.format == "csv":
            return self._csv_rows()
        if self.format == "jsonl":
            return self._json_rows()
        return self._parquet_rows()

    def _csv_rows(self) -> Iterator[BatchRow]:
        width = len(self.header)
        index = {f: self.header.index(c) for f, c in self.mapping.items()}
        reader = self._csv
        while True:
            line = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield BatchRow(line, {}, f"broken CSV quoting or structure: {exc}")
                continue
            if not record:
                continue  # a blank line; a quoted empty value ("") is a row, as Spark reads it
            values = {f: record[i].strip() if i < len(record) else "" for f, i in index.items()}
            error = _bad_bytes(values)
            if error is None and len(record) != width:
                error = f"expected {width} columns as in the header, found {len(record)}"
            yield BatchRow(line, values if error is None else _safe(values), error)

    def _json_rows(self) -> Iterator[BatchRow]:
        for number, text in enumerate(self._text, start=1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except ValueError as exc:
                yield BatchRow(number, {}, f"not valid JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield BatchRow(number, {}, "expected a JSON object")
                continue
            values = {f: _clean(obj[c]) for f, c in self.mapping.items() if c in obj}
            error = _bad_bytes(values)
            if (
                error is None
                and self.mapping.get("name") not in obj
                and self.mapping.get("wallet") not in obj
            ):
                error = f"no {self.mapping.get('name')!r} key"
            yield BatchRow(number, values if error is None else _safe(values), error)

    def _parquet_rows(self) -> Iterator[BatchRow]:
        number = 0
        columns = list(dict.fromkeys(self.mapping.values()))
        for batch in self._pq.iter_batches(batch_size=8192, columns=columns):
            data = batch.to_pydict()
            for i in range(batch.num_rows):
                number += 1
                yield BatchRow(number, {f: _clean(data[c][i]) for f, c in self.mapping.items()})

    def close(self) -> None:
        if self._raw is not None and self._raw is not sys.stdin.buffer:
            self._raw.close()

    def __enter__(self) -> BatchInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _safe(values: dict[str, str]) -> dict[str, str]:
    """Field values with undecodable bytes replaced, fit to be written into error rows."""
    return {k: v.encode("utf-8", "replace").decode("utf-8") for k, v in values.items()}


def open_input(
    path: str,
    columns: ColumnMap | None = None,
    *,
    fmt: str | None = None,
    delimiter: str | None = None,
) -> BatchInput:
    """Open and validate an input (`-` for stdin) before any screening work starts."""
    return BatchInput(path, detect_format(path, fmt), columns or ColumnMap(), delimiter=delimiter)
