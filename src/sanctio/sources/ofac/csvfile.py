"""Rows of one OFAC legacy CSV file, with OFAC's byte-level quirks handled and checked."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from sanctio.exceptions import FormatError

#: OFAC's empty marker; it stands as the whole (unquoted) field, `-0- ` with a space.
EMPTY = "-0-"
_EOF = b"\x1a"
_BOM = b"\xef\xbb\xbf"


def decode(path: Path, data: bytes) -> str:
    """Bytes -> text: drop the DOS end-of-file byte and a BOM; undecodable bytes are errors.

    OFAC's files are pure ASCII. UTF-8 (its superset) is accepted so that a future file
    with accented names still loads; anything else is refused rather than guessed.
    """
    data = data.removeprefix(_BOM).rstrip(_EOF)
    if not data.strip():
        raise FormatError(str(path), "", "file is empty; expected OFAC CSV records")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError(
            str(path),
            f"line {line}, byte offset {exc.start}",
            f"byte 0x{data[exc.start]:02x} is not ASCII/UTF-8 text; expected OFAC's ASCII CSV",
        ) from exc


#: How every OFAC CSV file ends: its last record's CRLF, then the DOS end-of-file byte.
ENDING = b"\r\n" + _EOF


def check_ending(path: Path, data: bytes, *, marker_optional: bool = False) -> bool:
    """Refuse a file that does not end as OFAC publishes it; True when the marker is there.

    A download cut off at a record boundary is otherwise a valid CSV with records missing,
    so the end-of-file byte after the last CRLF is what proves the file whole. Only the
    comments files (which carry remarks, never names) were published without it
    (`marker_optional`): those must still end with a complete quoted record and CRLF.
    """
    if data.endswith(ENDING):
        return True
    if marker_optional and data.endswith(b'"\r\n'):
        return False
    tail = data[-12:]
    raise FormatError(
        str(path),
        f"end of file (byte {len(data)})",
        f"ends with {tail!r}; expected the last record's CRLF then OFAC's end-of-file "
        "byte 0x1a: the file is truncated (an interrupted download?) or not as published",
    )


def rows(
    path: Path, columns: int, kind: str, *, marker_optional: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for every record; `-0-` fields come back as ``.

    Raises FormatError naming the file and line for a wrong column count or broken quoting,
    and for a file that does not end as published (see `check_ending`).
    No OFAC field spans lines, so a record that does means an unbalanced quote.
    """
    data = path.read_bytes()
    text = decode(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            # After the records, so a broken record is reported by its line first.
            check_ending(path, data, marker_optional=marker_optional)
            return
        except csv.Error as exc:
            raise FormatError(
                str(path), f"line {start}", f"broken quoting ({exc}); {kind}"
            ) from exc
        last = reader.line_num
        if last > start:
            raise FormatError(
                str(path),
                f"line {start}",
                f"broken quoting: a quoted field runs past the end of the line; {kind}",
            )
        if not row:
            continue
        if len(row) != columns:
            raise FormatError(
                str(path), f"line {start}", f"found {len(row)} columns; expected {columns} ({kind})"
            )
        # Whole-field comparison; the substring test only skips strip() for most fields.
        yield start, ["" if EMPTY in f and f.strip() == EMPTY else f for f in row]
