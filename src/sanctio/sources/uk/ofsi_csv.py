"""Reader for OFSI's ConList CSV: the pre-2022 layout (29 columns, Windows-1252) and the
2022 layout (the xlsx columns), both with a `Last Updated,dd/mm/yyyy` title row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from sanctio.exceptions import FormatError
from sanctio.sources.base import ParsedList, ProblemLog
from sanctio.sources.uk.csv_file import csv_records, decode_csv
from sanctio.sources.uk.group import Row, fold_groups
from sanctio.sources.uk.ofsi_layout import header_columns, title_date

_BOM = b"\xef\xbb\xbf"
_TITLE = re.compile(rb"^Last Updated,\s*\d{1,2}/\d{1,2}/\d{4}")


class OfsiCsvReader:
    """OFSI ConList CSV -> one entity per Group ID."""

    format = "uk-ofsi-csv"

    def sniff(self, path: Path, head: bytes) -> str | None:
        if path.suffix.lower() != ".csv":
            return None
        lines = head.removeprefix(_BOM).splitlines()
        if len(lines) < 2 or not _TITLE.match(lines[0]):
            return None
        header = lines[1]
        if header.startswith(b"Name 6,") and b"Group ID" in header:
            return "uk-ofsi"
        return None

    def companion(self, path: Path) -> bool:
        return False

    def read(self, paths: Sequence[Path], source: str) -> ParsedList:
        path = paths[0]
        text = decode_csv(path.read_bytes(), path)
        records = csv_records(text, path)
        title = next(records, None)
        if title is None:
            raise FormatError(str(path), "", "file is empty; expected the OFSI ConList CSV")
        published = title_date(title[1], path, f"line {title[0]}")
        head = next(records, None)
        if head is None:
            raise FormatError(str(path), "line 2", "no header row; expected Name 6, ..., Group ID")
        columns = header_columns(head[1], path, f"line {head[0]}")
        rows: list[Row] = []
        for line, values in records:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                raise FormatError(
                    str(path),
                    f"line {line}",
                    f"{len(values)} columns; expected {len(columns)} as in the header",
                )
            rows.append(
                Row(
                    f"line {line}",
                    {c: v.strip() for c, v in zip(columns, values, strict=True) if v},
                )
            )
        log = ProblemLog(path)
        entities = fold_groups(rows, source, log)
        return ParsedList(source, self.format, (path,), published, entities, log.problems)


READER = OfsiCsvReader()
