"""`sanctio text FILE|-`: listed parties named in a text, SWIFT MT or ISO 20022 message."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.lists import parse_day
from sanctio.cli.output import console, emit_json
from sanctio.exceptions import InputError
from sanctio.screening.service import ScreeningService
from sanctio.screening.text.input import MAX_TEXT_BYTES
from sanctio.screening.text.screen import KINDS, TextReport, read_document, screen_text


def read_input(name: str) -> bytes:
    """The bytes of FILE, or of standard input for `-`, reading at most one byte too many."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    path = Path(name)
    if path.is_dir():
        raise InputError("file", f"{path} is a folder; expected a text file or '-'")
    try:
        with path.open("rb") as fh:
            return fh.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file", f"{path}: no such file") from None
    except OSError as exc:
        raise InputError("file", f"{path}: cannot read: {exc.strerror}") from None


def _print(report: TextReport, lists: str, missing: tuple[str, ...]) -> None:
    out = console()
    out.print(f"[dim]lists: {lists}[/]")
    if missing:
        out.print(f"[yellow]no version on or before that date for: {', '.join(missing)}[/]")
    for warning in report.warnings:
        out.print(f"[yellow]warning:[/] {warning}")
    out.print(_summary(report))
    if not report.mentions:
        return
    table = Table()
    for col in ("span", "text", "field", "score", "entity", "name", "schema"):
        table.add_column(col, justify="right" if col == "score" else "left")
    for m in report.mentions:
        table.add_row(
            f"{m.start}-{m.end}",
            m.text.replace("\n", " "),
            m.field or "",
            f"{m.score:.3f}",
            m.entity_id,
            m.caption,
            m.schema,
        )
    out.print(table)


def _summary(report: TextReport) -> str:
    """What was read and found, in words: '1,204 words read; 3 names of 2 listed parties'."""
    read = f"{report.words:,} words read"
    if report.parties:
        read += f", {len(report.parties)} payment parties screened"
    entities = len({m.entity_id for m in report.mentions})
    if report.mentions:
        found = (
            f"{len(report.mentions)} {_plural(len(report.mentions), 'name')} of "
            f"{entities} listed {_plural(entities, 'party', 'parties')} found"
        )
    else:
        found = "no listed party named"
    return (
        f"{report.kind}: {read}; {found} "
        f"(threshold {report.threshold:.2f}, {report.seconds * 1000:.0f} ms)"
    )


def _plural(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or f"{one}s")


def text(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="Text file, SWIFT MT or ISO 20022 XML; - for stdin.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Screen against the lists in force then.")
    ] = None,
    kind: Annotated[str, typer.Option(help="auto, text, swift or iso20022.")] = "auto",
    source: Annotated[list[str] | None, typer.Option(help="Only these sources.")] = None,
    threshold: Annotated[float | None, typer.Option(help="Match threshold, 0-1.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Find every listed person, organisation and vessel named in a document."""
    with reported():
        if kind not in KINDS:
            raise InputError("--kind", f"{kind!r}; expected one of: {', '.join(KINDS)}")
        day = parse_day(as_of, "--as-of")
        if day is not None and day > dt.date.today():
            raise InputError("--as-of", f"{day.isoformat()} is in the future; expected a past date")
        document = read_document(read_input(file), kind)  # bad input fails before the index
        settings = state(ctx).settings
        snapshot = ScreeningService.from_settings(settings).ready(day)
        report = screen_text(
            snapshot.screener, document, threshold=threshold, sources=source or None
        )
        if as_json:
            emit_json({**report.to_dict(), "lists": snapshot.describe()})
            return
        used = ", ".join(v.label for v in snapshot.versions.values())
        _print(report, used, snapshot.missing)
