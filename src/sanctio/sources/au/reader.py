"""Australia DFAT Consolidated List workbook (2024 `regulation8_consolidated.xlsx` and the
Nov 2025+ `Australian_Sanctions_Consolidated_List.xlsx`) -> entities `au-dfat:<n>`."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from sanctio.exceptions import FormatError
from sanctio.sources.au import cells, columns
from sanctio.sources.au.mapper import build
from sanctio.sources.au.references import Row, group
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.zipcheck import check_zip

FORMAT = "au-dfat-xlsx"
SOURCE = "au-dfat"

_NAMES = re.compile(r"regulation8_consolidated|australian_sanctions_consolidated_list", re.I)
_ZIP_MAGIC = b"PK\x03\x04"
_HEADER_TEXT = re.compile(rb"name[\s_]+of[\s_]+individual[\s_]+or[\s_]+entity", re.I)
_NAME_TYPE_TEXT = re.compile(rb">\s*name[\s_]+type\s*<", re.I)
#: Rows searched for the header (row 1 in every file seen; a title row may come first).
_HEADER_ROWS = 10
_LEADING_INT = re.compile(r"^\s*(\d+)")
_CORE = "docProps/core.xml"
_MODIFIED = "{http://purl.org/dc/terms/}modified"

#: A worksheet's name and its rows from A1 (empty cells None, numbers float).
Sheet = tuple[str, list[list[object]]]


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


def _open(path: Path) -> CalamineWorkbook:
    if path.stat().st_size == 0:
        raise FormatError(str(path), "", "file is empty; expected a DFAT xlsx workbook")
    check_zip(path)  # bounded: no zip bomb reaches calamine
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError) as exc:
        raise FormatError(str(path), "", f"not a readable xlsx workbook ({exc})") from exc


def _worksheets(path: Path, workbook: CalamineWorkbook) -> Iterator[Sheet]:
    """Each worksheet (chart sheets skipped) with its rows, read when first needed."""
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        try:
            values = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        except CalamineError as exc:
            raise FormatError(
                str(path), f"sheet {meta.name!r}", f"not a readable worksheet ({exc})"
            ) from exc
        # Empty cells come back as "": None says "no value" as the cell helpers expect.
        yield meta.name, [[None if v == "" else v for v in row] for row in values]


def _header(path: Path, workbook: CalamineWorkbook) -> tuple[Sheet, int, dict[str, int]]:
    """The first sheet with DFAT's header row, the header's row number and its mapping."""
    seen: list[str] = []
    names: list[str] = []
    for sheet in _worksheets(path, workbook):
        title, values = sheet
        names.append(repr(title))
        for number, cells_ in enumerate(values[:_HEADER_ROWS], start=1):
            mapping = columns.map_header(cells_)
            if columns.is_header(mapping):
                return sheet, number, mapping
            if number == 1:
                lacking = ", ".join(columns.missing(mapping))
                seen.append(
                    f"sheet {title!r} row 1 has {columns.describe(cells_)} (missing {lacking})"
                )
    raise FormatError(
        str(path),
        f"sheets {', '.join(names)}, rows 1-{_HEADER_ROWS}",
        f"no header row with the columns {columns.REQUIRED_LABELS}; "
        + ("; ".join(seen) or "the workbook has no rows"),
    )


def _rows(sheet: Sheet, start: int, mapping: dict[str, int], log: ProblemLog) -> Iterator[Row]:
    title, rows = sheet
    width = max(mapping.values()) + 1
    for number, row in enumerate(rows[start - 1 :], start=start):
        values = row[:width]
        if not any(cells.text(v) for v in values):
            continue
        by_field = {fld: values[i] for fld, i in mapping.items() if i < len(values)}
        reference = cells.text(by_field.get("reference"))
        m = _LEADING_INT.match(reference)
        if m is None:
            log.add(
                f"{title}!row {number}",
                "Reference",
                reference,
                "expected a reference number such as 2 or 2a; row skipped",
            )
            continue
        yield Row(number, reference, int(m.group(1)), by_field)


def _published(path: Path) -> dt.date | None:
    """The workbook's `dcterms:modified` stamp (DFAT saves the list on its publication day)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_CORE) as fh:
            root = etree.parse(fh).getroot()
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    stamp = root.findtext(_MODIFIED)
    try:
        return dt.datetime.fromisoformat(stamp.strip()).date() if stamp else None
    except ValueError:
        return None


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
            finally:
                workbook.close()
            title = sheet[0]
            listings = group(_rows(sheet, header_row + 1, mapping, log), log, title)
            if not listings:
                raise FormatError(
                    str(path),
                    f"sheet {title!r}, rows {header_row + 1}-",
                    "no name rows below the header; expected one row per listed name",
                )
            result.entities.extend(build(x, source, log, title) for x in listings)
            result.published = result.published or _published(path)
            result.problems.extend(log.problems)
        return result


READER = DfatReader()
