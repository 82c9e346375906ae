"""UN Security Council consolidated list XML (`CONSOLIDATED_LIST`) -> entities, streamed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sanctio.exceptions import FormatError
from sanctio.model import Entity
from sanctio.sources.base import FileReader, ProblemLog
from sanctio.sources.un.mapper import map_record

FORMAT = "un-xml"
SOURCE = "un-sc"

_ROOT = "CONSOLIDATED_LIST"
_HEAD_ROOT = re.compile(rb"<(?:[\w.-]+:)?CONSOLIDATED_LIST[\s>/]")
_TAGS = ("{*}INDIVIDUAL", "{*}ENTITY")


class UnXmlReader(FileReader):
    """Reads the UN Security Council consolidated list in its XML form."""

    format = FORMAT

    def sniff(self, path: Path, head: bytes) -> str | None:
        if path.suffix.lower() != ".xml" or not _HEAD_ROOT.search(head):
            return None
        return SOURCE

    def read_file(
        self, path: Path, source: str, log: ProblemLog
    ) -> tuple[dt.date | None, list[Entity]]:
        return _read_file(path, source, log)


def _read_file(path: Path, source: str, log: ProblemLog) -> tuple[dt.date | None, list[Entity]]:
    seen: dict[str, Entity] = {}
    root: list[etree._Element] = []
    for elem in _records(path, root):
        entity = map_record(elem, source, log)
        if entity is not None:
            if entity.id in seen:
                log.add(f"line {elem.sourceline}", "REFERENCE_NUMBER", entity.native_id,
                        "reference number listed twice; first record kept")  # fmt: skip
            else:
                seen[entity.id] = entity
        _release(elem)
    return _published(root[0], log), list(seen.values())


def _records(path: Path, root: list[etree._Element]) -> Iterator[etree._Element]:
    """INDIVIDUAL and ENTITY elements as they close; the checked root goes into `root`."""
    try:
        handle = path.open("rb")
    except OSError as err:
        raise FormatError(str(path), "", f"cannot read file: {err}") from err
    with handle:
        context = etree.iterparse(handle, events=("end",), tag=_TAGS, huge_tree=True)
        try:
            for _event, elem in context:
                if not root:
                    root.append(_check_root(path, elem.getroottree().getroot()))
                yield elem
        except etree.XMLSyntaxError as err:
            line = err.position[0] if err.position else err.lineno
            raise FormatError(
                str(path), f"line {line}", f"malformed XML ({err.msg}); expected a complete "
                "UN consolidated list ending with </CONSOLIDATED_LIST>",
            ) from err  # fmt: skip
        if not root:
            root.append(_check_root(path, context.root))


def _check_root(path: Path, root: etree._Element | None) -> etree._Element:
    if root is None or etree.QName(root).localname != _ROOT:
        tag = etree.QName(root).localname if root is not None else "none"
        line = root.sourceline if root is not None else 1
        raise FormatError(
            str(path), f"line {line}, element <{tag}>",
            "root element is not <CONSOLIDATED_LIST>; expected the UN consolidated list XML",
        )  # fmt: skip
    return root


def _published(root: etree._Element, log: ProblemLog) -> dt.date | None:
    """`dateGenerated` (e.g. `2018-10-29T19:09:49.856-04:00`) -> its date part."""
    value = (root.get("dateGenerated") or "").strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.add(f"line {root.sourceline}, <{_ROOT}>", "dateGenerated", value,
                "no publication date; expected an ISO timestamp")  # fmt: skip
        return None


def _release(elem: etree._Element) -> None:
    """Free a processed record and the siblings before it (keeps memory flat)."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


READER = UnXmlReader()
