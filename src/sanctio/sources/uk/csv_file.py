"""Reading a UK list CSV: UTF-8 or Windows-1252 text, and records with their line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from sanctio.exceptions import FormatError

_BOM = b"\xef\xbb\xbf"


def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as in the pre-2022 files."""
    if not data.strip():
        raise FormatError(str(path), "", "file is empty; expected a UK sanctions list CSV")
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FormatError(
            str(path), f"byte {exc.start}", "not text in UTF-8 or Windows-1252 encoding"
        ) from exc


def csv_records(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on; broken quoting raises FormatError."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(str(path), f"line {start}", f"broken CSV record ({exc})") from exc
        yield start, values
