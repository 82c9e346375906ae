"""Australia DFAT Consolidated List workbook (2024 `regulation8_consolidated.xlsx` and the
Nov 2025+ `Australian_Sanctions_Consolidated_List.xlsx`) -> entities `au-dfat:<n>`."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from sanctio.exceptions import FormatError
from sanctio.sources.au import cells, columns
from sanctio.sources.au.mapper import build
from sanctio.sources.au.references import Row, group
from sanctio.sources.base import ParsedList, ProblemLog

FORMAT = "au-dfat-xlsx"
SOURCE = "au-dfat"

_NAMES = re.compile(r"regulation8_consolidated|australian_sanctions_consolidated_list", re.I)
_ZIP_MAGIC = b"PK\x03\x04"
_HEADER_TEXT = re.compile(rb"name[\s_]+of[\s_]+individual[\s_]+or[\s_]+entity", re.I)
_NAME_TYPE_TEXT = re.compile(rb">\s*name[\s_]+type\s*<", re.I)
#: Rows searched for the header (row 1 in every file seen; a title row may come first).
_HEADER_ROWS = 10
_LEADING_INT = re.compile(r"^\s*(\d+)")


def _looks_like_dfat(path: Path) -> bool:
    """A renamed workbook: DFAT's header texts near the start of its strings or first sheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"):
                if member in archive.namelist():
                    with archive.open(member) as fh:
                        head = fh.read(65536)
                    if _HEADER_TEXT.search(head) and _NAME_TYPE_TEXT.search(head):
                        return True
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def _open(path: Path) -> Any:
    if path.stat().st_size == 0:
        raise FormatError(str(path), "", "file is empty; expected a DFAT xlsx workbook")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (styles, extensions);
            # none of them carry cell values.
            warnings.simplefilter("ignore", UserWarning)
            return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise FormatError(str(path), "", f"not a readable xlsx workbook ({exc})") from exc


def _header(path: Path, workbook: Any) -> tuple[Any, int, dict[str, int]]:
    """The first sheet with DFAT's header row, the header's row number and its mapping."""
    seen: list[str] = []
    for sheet in workbook.worksheets:
        for number, cells_ in enumerate(
            sheet.iter_rows(max_row=_HEADER_ROWS, values_only=True), start=1
        ):
            mapping = columns.map_header(cells_)
            if columns.is_header(mapping):
                return sheet, number, mapping
            if number == 1:
                lacking = ", ".join(columns.missing(mapping))
                seen.append(
                    f"sheet {sheet.title!r} row 1 has {columns.describe(cells_)} "
                    f"(missing {lacking})"
                )
    names = ", ".join(repr(s.title) for s in workbook.worksheets)
    raise FormatError(
        str(path),
        f"sheets {names}, rows 1-{_HEADER_ROWS}",
        f"no header row with the columns {columns.REQUIRED_LABELS}; "
        + ("; ".join(seen) or "the workbook has no rows"),
    )


def _rows(sheet: Any, start: int, mapping: dict[str, int], log: ProblemLog) -> Iterator[Row]:
    width = max(mapping.values()) + 1
    for number, values in enumerate(
        sheet.iter_rows(min_row=start, max_col=width, values_only=True), start=start
    ):
        if not any(cells.text(v) for v in values):
            continue
        by_field = {fld: values[i] for fld, i in mapping.items() if i < len(values)}
        reference = cells.text(by_field.get("reference"))
        m = _LEADING_INT.match(reference)
        if m is None:
            log.add(
                f"{sheet.title}!row {number}",
                "Reference",
                reference,
                "expected a reference number such as 2 or 2a; row skipped",
            )
            continue
        yield Row(number, reference, int(m.group(1)), by_field)


def _published(workbook: Any) -> dt.date | None:
    modified = workbook.properties.modified
    return modified.date() if isinstance(modified, dt.datetime) else None


class DfatReader:
    """Reads DFAT's consolidated list workbook; one entity per Reference number."""

    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> str | None:
        if not head.startswith(_ZIP_MAGIC) or path.suffix.lower() != ".xlsx":
            return None
        if _NAMES.search(path.name) or _looks_like_dfat(path):
            return SOURCE
        return None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        result = ParsedList(source, FORMAT, tuple(paths), None)
        for path in paths:
            log = ProblemLog(path)
            workbook = _open(path)
            try:
                sheet, header_row, mapping = _header(path, workbook)
                listings = group(_rows(sheet, header_row + 1, mapping, log), log, sheet.title)
                if not listings:
                    raise FormatError(
                        str(path),
                        f"sheet {sheet.title!r}, rows {header_row + 1}-",
                        "no name rows below the header; expected one row per listed name",
                    )
                result.entities.extend(build(x, source, log, sheet.title) for x in listings)
                result.published = result.published or _published(workbook)
            finally:
                workbook.close()
            result.problems.extend(log.problems)
        return result


READER = DfatReader()
