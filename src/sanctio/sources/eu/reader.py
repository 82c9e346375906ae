"""EU Financial Sanctions Files, XML 1.1 (`xmlFullSanctionsList_1_1`) -> entities `eu-fsf:<ref>`.

Entity id: the EU reference number (`eu-fsf:EU.36.64`), the EU's public reference that
legal acts and other lists cite and that OpenSanctions keys on; it has outlived the
FSF's move to its current system, while `logicalId` is that system's database key.
Entries without one fall back to `eu-fsf:logical-<logicalId>`, a separate namespace so
the two kinds can never collide. A reference number seen twice in one file keeps the
first and moves the second to its logical id, with a Problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from lxml import etree

from sanctio.exceptions import FormatError
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.eu.mapper import EntityMapper, attr, local

FORMAT = "eu-fsf-xml"
SOURCE = "eu-fsf"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_ROOT = "export"
_ENTRY = "sanctionEntity"
_HEAD_ROOT = re.compile(rb"<(?:\w+:)?export[\s>]")


def published(value: str) -> dt.date | None:
    """`2018-12-21T14:39:54.511+01:00` -> 2018-12-21 (the date where it was generated)."""
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def _entries(path: Path, fh: IO[bytes], out: ParsedList) -> Iterator[etree._Element]:
    """`sanctionEntity` elements as they end; sets `out.published` from the root."""
    seen_root = False
    try:
        for event, elem in etree.iterparse(fh, events=("start", "end"), huge_tree=True):
            if event == "start":
                if not seen_root:
                    seen_root = True
                    if local(elem.tag) != _ROOT:
                        raise FormatError(
                            str(path),
                            f"line {elem.sourceline}, element <{local(elem.tag)}>",
                            f'expected the root element <{_ROOT} xmlns="{NAMESPACE}">',
                        )
                    out.published = out.published or published(attr(elem, "generationDate"))
                continue
            if local(elem.tag) != _ENTRY:
                continue
            yield elem
            elem.clear()
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise FormatError(
            str(path),
            f"line {line}, column {column}",
            f"malformed XML ({exc.msg}); expected a complete FSF <{_ROOT}> document",
        ) from exc


def read_file(path: Path, source: str, out: ParsedList) -> None:
    """Add one file's entities and problems to `out`."""
    if path.stat().st_size == 0:
        raise FormatError(str(path), "", "file is empty; expected an EU FSF XML 1.1 export")
    log = ProblemLog(path)
    used: set[str] = set()
    count = 0
    with path.open("rb") as fh:
        for entry in _entries(path, fh, out):
            count += 1
            ref, logical = attr(entry, "euReferenceNumber"), attr(entry, "logicalId")
            where = f"sanctionEntity {count} (line {entry.sourceline}, logicalId {logical})"
            native_id = ref or f"logical-{logical}"
            if not ref and not logical:
                log.add(where, "logicalId", "", "entry without euReferenceNumber or logicalId")
                native_id = f"entry-{count}"
            elif native_id in used:
                log.add(where, "euReferenceNumber", ref,
                        f"already used by an earlier entry; read as logical-{logical}")  # fmt: skip
                native_id = f"logical-{logical}"

            def report(fld: str, value: str, message: str, where: str = where) -> None:
                log.add(where, fld, value, message)

            used.add(native_id)
            out.entities.append(EntityMapper(entry, source, native_id, report).build().build())
    if count == 0:
        raise FormatError(str(path), f"<{_ROOT}>", f"no <{_ENTRY}> elements; expected at least one")
    out.problems.extend(log.problems)


class FsfReader:
    """Reads the EU's consolidated financial sanctions list, XML 1.1."""

    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> str | None:
        if NAMESPACE.encode() in head and _HEAD_ROOT.search(head):
            return SOURCE
        return None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        out = ParsedList(source, FORMAT, tuple(paths), None)
        for path in paths:
            read_file(path, source, out)
        return out


READER = FsfReader()
