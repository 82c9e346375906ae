"""Shared rendering: JSON for machines, rich tables for people."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from sanctio.store.versions import Version

#: Width when output is piped or redirected: tables keep their full content, never `versio…`.
_PIPED_WIDTH = 10_000


def console() -> Console:
    """Rich output fitted to a terminal; at full width when piped."""
    width = None if sys.stdout.isatty() else _PIPED_WIDTH
    return Console(highlight=False, soft_wrap=False, width=width)


def emit_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def versions_table(versions: list[Version], title: str) -> Table:
    table = Table(title=title)
    for col in ("id", "source", "published", "from", "format", "entities", "problems", "loaded"):
        table.add_column(col, justify="right" if col in ("id", "entities", "problems") else "left")
    for v in versions:
        table.add_row(
            str(v.id),
            v.source,
            v.published.isoformat(),
            v.published_from,
            v.format,
            str(v.entity_count),
            str(v.problem_count),
            v.loaded_at,
        )
    return table
