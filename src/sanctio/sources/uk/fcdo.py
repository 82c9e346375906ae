"""Reader for the FCDO UK Sanctions List XML (`UK-Sanctions-List.xml`, root `Designations`).

Streams `<Designation>` elements with lxml iterparse and clears each once mapped; the
list's own date is `<DateGenerated>` (dd/mm/yyyy). Mapping: see `fcdo_map`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from sanctio.exceptions import FormatError
from sanctio.model import EntityBuilder
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.uk.cells import parse_day
from sanctio.sources.uk.fcdo_map import add_designation, designation_entity

ROOT = "Designations"
# The root element after an optional BOM, XML declaration, comments and doctype.
_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<Designations[\s>/]",
    re.DOTALL,
)


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


class FcdoXmlReader:
    """FCDO UK Sanctions List XML -> one entity per UniqueID."""

    format = "uk-fcdo-xml"

    def sniff(self, path: Path, head: bytes) -> str | None:
        return "uk-fcdo" if _ROOT.match(head) else None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        path = paths[0]
        if path.stat().st_size == 0:
            raise FormatError(str(path), "", "file is empty; expected the UK Sanctions List XML")
        log = ProblemLog(path)
        with path.open("rb") as fh:
            published, builders = _parse(fh, path, source, log)
        entities = [b.build() for b in builders.values()]
        return ParsedList(source, self.format, (path,), published, entities, log.problems)


def _parse(
    fh: BinaryIO, path: Path, source: str, log: ProblemLog
) -> tuple[dt.date | None, dict[str, EntityBuilder]]:
    """Stream the designations; a repeated UniqueID adds to the entity already begun."""
    builders: dict[str, EntityBuilder] = {}
    published = None
    count = 0
    try:
        for event, el in etree.iterparse(fh, events=("start", "end"), huge_tree=True):
            tag = _local(el.tag)
            parent = el.getparent()
            if event == "start":
                if parent is None and tag != ROOT:
                    raise FormatError(
                        str(path), f"/{tag}", f"root element is <{tag}>; expected <{ROOT}>"
                    )
            elif tag == "DateGenerated" and parent is not None and _local(parent.tag) == ROOT:
                published = parse_day(el.text)
            elif tag == "Designation" and parent is not None:
                count += 1
                _strip_namespaces(el)
                where = f"/{ROOT}/Designation[{count}]"
                uid = (el.findtext("UniqueID") or "").strip()
                if uid in builders:
                    add_designation(builders[uid], el, log, f"{where} ({uid})")
                else:
                    built = designation_entity(el, source, log, where)
                    if built is not None:
                        builders[built.native_id] = built
                el.clear()
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise FormatError(
            str(path), f"line {exc.lineno or '?'}", f"malformed or truncated XML ({exc.msg})"
        ) from exc
    return published, builders


def _strip_namespaces(el: etree._Element) -> None:
    """Designations in a default namespace are read like plain ones."""
    if isinstance(el.tag, str) and el.tag.startswith("{"):
        for node in el.iter():
            if isinstance(node.tag, str):
                node.tag = _local(node.tag)


READER = FcdoXmlReader()
