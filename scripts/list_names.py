"""The names of the list files' entities, for the scripts that freeze data from them
(build_given_names.py, build_org_words.py): SANCTIO_LISTS_DIR, every version folder."""

from __future__ import annotations

import os
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
