"""Progress for batch runs: a rich bar on a terminal, JSON lines on stderr otherwise."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from sanctio.screening.batch.run import BatchStats

PROGRESS_MODES = ("auto", "bar", "json", "none")


class BatchProgress:
    """Renders `BatchStats` as they come; `mode` auto picks bar on a TTY, json otherwise.

    The bar is refreshed from the callback (no refresh thread), so worker processes are
    never forked while another thread holds a console lock.
    """

    def __init__(self, mode: str = "auto", interval: float = 5.0) -> None:
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "json"
        self.mode = mode
        self.interval = interval
        self._last = 0.0
        self._console = Console(stderr=True, highlight=False)
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if self.mode == "bar":
            self._bar = Progress(
                TextColumn("[bold]screening[/]"),
                BarColumn(),
                TextColumn("{task.percentage:>5.1f}%"),
                TextColumn("{task.fields[rows]:>10,} rows  {task.fields[rate]:>8,.0f}/s"),
                TextColumn("hits {task.fields[hits]:,}  errors {task.fields[errors]:,}"),
                TimeElapsedColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                console=self._console,
                auto_refresh=False,
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(
                "screen", total=None, rows=0, rate=0.0, hits=0, errors=0
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.refresh()
            self._bar.stop()

    def __call__(self, stats: BatchStats) -> None:
        if self._bar is not None and self._task is not None:
            total, done = _totals(stats)
            self._bar.update(
                self._task,
                total=total,
                completed=done,
                rows=stats.rows,
                rate=stats.rows_per_second,
                hits=stats.hits,
                errors=stats.errors,
            )
            now = time.monotonic()
            if now - self._last >= 0.2:
                self._last = now
                self._bar.refresh()
            return
        if self.mode == "json":
            now = time.monotonic()
            if now - self._last >= self.interval:
                self._last = now
                total, done = _totals(stats)
                self.event(
                    "progress",
                    **stats.to_dict(),
                    fraction=round(done / total, 4) if total else None,
                )

    def event(self, name: str, /, **data: Any) -> None:
        """One machine-readable line on stderr (json mode only)."""
        if self.mode == "json":
            print(json.dumps({"event": name, **data}, default=str), file=sys.stderr, flush=True)

    def summary(self, summary: dict[str, Any]) -> None:
        if self.mode == "json":
            self.event("summary", **summary)
        elif self.mode == "bar":
            s = summary
            self._console.print(
                f"[bold]{s['rows']:,}[/] rows, [bold]{s['hits']:,}[/] with hits "
                f"({s['matches']:,} matches), [bold]{s['errors']:,}[/] errors in "
                f"{s['seconds']:.1f}s ({s['rows_per_second']:,.0f} rows/s)"
            )


def _totals(stats: BatchStats) -> tuple[float | None, float]:
    if stats.total_rows:
        return float(stats.total_rows), float(stats.rows)
    if stats.total_bytes:
        return float(stats.total_bytes), float(min(stats.position, stats.total_bytes))
    return None, float(stats.rows)
