"""UN Security Council consolidated list XML (`CONSOLIDATED_LIST`) -> entities, streamed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree

from sanctio.model import Entity
from sanctio.sources.base import FileReader, ProblemLog
from sanctio.sources.un.mapper import map_record
from sanctio.sources.xml_stream import XmlStream, release

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
    stream = XmlStream(path, _TAGS, _ROOT, "UN consolidated list", "the UN consolidated list XML")
    for elem in stream:
        entity = map_record(elem, source, log)
        if entity is not None:
            if entity.id in seen:
                log.add(f"line {elem.sourceline}", "REFERENCE_NUMBER", entity.native_id,
                        "reference number listed twice; first record kept")  # fmt: skip
            else:
                seen[entity.id] = entity
        release(elem)
    return _published(stream.checked_root(), log), list(seen.values())


def _published(root: etree._Element, log: ProblemLog) -> dt.date | None:
    """`dateGenerated` (e.g. `2018-10-29T19:09:49.856-04:00`) -> its date part."""
    value = (root.get("dateGenerated") or "").strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.add(f"line {root.sourceline}, <{_ROOT}>", "dateGenerated", value,
                "no publication date; expected an ISO timestamp")  # fmt: skip
        return None


READER = UnXmlReader()
