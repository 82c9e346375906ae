"""The names of the list files' entities, for the scripts that freeze data from them
(build_given_names.py, build_org_words.py): SANCTIO_LISTS_DIR, every version folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from sanctio.sources.registry import read_all


def list_names(schemas: frozenset[str]) -> Iterator[str]:
    """Every name of every entity of these schemas, in every list file."""
    root = Path(os.environ.get("SANCTIO_LISTS_DIR", "/work/shared/data/lists"))
    folders = sorted(p for p in root.glob("*/*") if p.is_dir())
    for parsed in read_all(folders):
        for entity in parsed.entities:
            if entity.schema in schemas:
                yield from entity.names()


def write_data(out: Path, header: str, lines: list[str], noun: str) -> int:
    """Write a frozen data file (a `# ...` header line, then `lines`) and say so; 0."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# {header}\n" + "".join(lines), encoding="utf-8")
    print(f"{len(lines)} {noun} -> {out}", file=sys.stderr)
    return 0
