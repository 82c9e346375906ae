"""Reader for OFSI's ConList.xlsx (2022 format, 2022-2026): sheet `Data`, one row per name."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Generator, Sequence
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from sanctio.exceptions import FormatError
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.uk.group import Row, fold_groups
from sanctio.sources.uk.ofsi_layout import cell_text, header_columns, title_date

SHEET = "Data"
_NAME = re.compile(r"^conlist.*\.xlsx$", re.IGNORECASE)
_ZIP_MAGIC = b"PK\x03\x04"
#: What openpyxl raises for a file that is not a (complete) workbook.
_BROKEN = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    ValueError,
    EOFError,
    zlib.error,
    ParseError,
)


class OfsiXlsxReader:
    """OFSI ConList workbook -> one entity per Group ID."""

    format = "uk-ofsi-xlsx"

    def sniff(self, path: Path, head: bytes) -> str | None:
        if not head.startswith(_ZIP_MAGIC) or path.suffix.lower() != ".xlsx":
            return None
        if _NAME.match(path.name) and (b"[Content_Types].xml" in head or b"xl/" in head):
            return "uk-ofsi"
        return "uk-ofsi" if _looks_like_conlist(path) else None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        path = paths[0]
        log = ProblemLog(path)
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except _BROKEN as exc:
            raise FormatError(
                str(path), "", f"not a readable xlsx workbook ({exc}); expected OFSI ConList.xlsx"
            ) from exc
        try:
            if SHEET not in workbook.sheetnames:
                raise FormatError(
                    str(path),
                    f"sheet {SHEET!r}",
                    f"no sheet named {SHEET!r} (found {workbook.sheetnames}); "
                    "expected the OFSI ConList workbook",
                )
            published, rows = _read_sheet(workbook[SHEET].iter_rows(values_only=True), path)
        finally:
            workbook.close()
        entities = fold_groups(rows, source, log)
        return ParsedList(source, self.format, (path,), published, entities, log.problems)


def _text(value: object) -> str:
    # Every ConList cell is a string; anything else goes through the general converter.
    return value.strip() if type(value) is str else cell_text(value)


def _read_sheet(
    values: Generator[tuple[object, ...], None, None], path: Path
) -> tuple[dt.date, list[Row]]:
    """The title row's date and the data rows; closes the sheet (and its file) when done."""
    try:
        where = f"sheet {SHEET!r} row"
        published = title_date(next(values, ()), path, f"{where} 1")
        columns = header_columns(next(values, ()), path, f"{where} 2")
        rows = [
            Row(f"row {n}", {c: _text(v) for c, v in zip(columns, cells, strict=False) if v})
            for n, cells in enumerate(values, start=3)
            if any(cells)
        ]
    finally:
        values.close()
    return published, rows


def _looks_like_conlist(path: Path) -> bool:
    """A workbook under another name: its first shared strings carry the ConList header."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/sharedStrings.xml") as fh:
            start = fh.read(4096)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return b"Last Updated" in start and b"Group ID" in start and b"Name 6" in start


READER = OfsiXlsxReader()
