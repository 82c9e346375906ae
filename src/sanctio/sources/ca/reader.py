"""Canada SEMA consolidated list XML (`sema-lmes.xml`, 2020 and 2025 schemas) -> entities
`ca-sema:<regime>-<hash>` (see `keys` for why and how the id is built)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from lxml import etree

from sanctio.exceptions import FormatError
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.ca.mapper import Record, map_record

FORMAT = "ca-sema-xml"
SOURCE = "ca-sema"

_ROOT = "data-set"
_RECORD = "record"
_KNOWN = frozenset(
    {
        "Country",
        "Title",
        "LastName",
        "GivenName",
        "Entity",
        "Aliases",
        "DateOfBirth",
        "Schedule",
        "Item",
        "EntityOrShip",
        "TitleOrShip",
        "ShipIMONumber",
        "DateOfBirthOrShipBuildDate",
        "DateOfListing",
    }
)
_HEAD = re.compile(rb"<data-set[\s>]")


def _records(path: Path, log: ProblemLog) -> Iterator[Record]:
    """Stream `record` elements; structural XML failures raise FormatError with the line."""
    with path.open("rb") as fh:
        yield from _parse(path, fh, log)


def _parse(path: Path, fh: IO[bytes], log: ProblemLog) -> Iterator[Record]:
    """Records as they end, clearing each one so memory stays flat."""
    unknown: set[str] = set()
    number = 0
    try:
        for event, elem in etree.iterparse(fh, events=("start", "end"), huge_tree=True):
            if event == "start":
                if elem.getparent() is None and elem.tag != _ROOT:
                    raise FormatError(
                        str(path),
                        f"line {elem.sourceline}, element <{elem.tag}>",
                        f"expected the root element <{_ROOT}> of a SEMA list",
                    )
                continue
            if elem.tag != _RECORD:
                continue
            number += 1
            fields: dict[str, str] = {}
            for child in elem:
                if not isinstance(child.tag, str):
                    continue  # comments, processing instructions
                if child.tag not in _KNOWN and child.tag not in unknown:
                    unknown.add(child.tag)
                    log.add(
                        f"record {number} (line {child.sourceline})",
                        child.tag,
                        child.text or "",
                        "unknown field; ignored",
                    )
                fields.setdefault(child.tag, child.text or "")
            yield Record(number, elem.sourceline or 0, fields)
            elem.clear()
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise FormatError(
            str(path),
            f"line {line}, column {column}",
            f"malformed XML ({exc.msg}); expected a complete SEMA <{_ROOT}> document",
        ) from exc
    if number == 0:
        raise FormatError(
            str(path), f"<{_ROOT}>", f"no <{_RECORD}> elements; expected at least one"
        )


def read_file(path: Path, source: str, result: ParsedList) -> None:
    """Add one file's entities and problems to `result`; ids are unique within the file."""
    log = ProblemLog(path)
    if path.stat().st_size == 0:
        raise FormatError(str(path), "", "file is empty; expected a SEMA XML list")
    used: dict[str, Record] = {}
    for record in _records(path, log):

        def report(field: str, value: str, message: str, record: Record = record) -> None:
            log.add(record.location, field, value, message)

        native_id = record.native_id()
        if native_id in used:
            first = used[native_id]
            tie = [record.dob()] if record.dob() and record.dob() != first.dob() else []
            if not tie or record.native_id(*tie) in used:
                tie = [record.get("Schedule"), record.get("Item"), str(record.number)]
            native_id = record.native_id(*tie)
            report(
                "id",
                record.name or record.imo,
                f"same regime and {'IMO number' if record.schema == 'Vessel' else 'name'} as "
                f"{first.location}; told apart by {'date of birth' if len(tie) == 1 else 'item'}",
            )
        used[native_id] = record
        result.entities.append(map_record(record, source, native_id, report).build())
    result.problems.extend(log.problems)


class SemaReader:
    """Reads Canada's SEMA consolidated list XML, 2020 and 2025 schemas."""

    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> str | None:
        if not _HEAD.search(head) or b"<record" not in head:
            return None
        if b"<Country>" in head or "sema" in path.name.lower():
            return SOURCE
        return None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        # The file carries no date; `published` comes from the caller (`--published`).
        result = ParsedList(source, FORMAT, tuple(paths), None)
        for path in paths:
            read_file(path, source, result)
        return result


READER = SemaReader()
