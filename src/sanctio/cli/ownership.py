"""`sanctio ownership load|list|status`: ownership data and the designations it derives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console, emit_json
from sanctio.exceptions import InputError, NotFoundError
from sanctio.ingest.ownership import load_ownership
from sanctio.ownership.rules import RULES
from sanctio.screening.derived import DerivedSet, derived_on
from sanctio.store.ownership import OwnershipStore

app = typer.Typer(help="Ownership and control: load ownership data, see derived designations.")


def _day(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("as_of", f"{text!r}: expected a date YYYY-MM-DD") from None


@app.command("load")
def load(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(help="FtM JSON lines and/or simple ownership CSV files.")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="ftm or csv (default: detect).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the whole file if any row is bad.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Load ownership data as a new version, the one screening uses from now on (files named
    together are one version; bad rows are reported with file and line)."""
    with reported(), state(ctx).store(create=True) as store:
        outcome = load_ownership(store, files, fmt=fmt, strict=strict)
        if as_json:
            emit_json(
                {
                    "version": outcome.version.to_dict(),
                    "created": outcome.created,
                    "problems": [p.to_dict() for p in outcome.problems],
                }
            )
            return
        out = console()
        v = outcome.version
        verb = "loaded" if outcome.created else "already in use as"
        out.print(
            f"{verb} {v.label}: {v.party_count} parties, {v.holding_count} holdings, "
            f"{v.problem_count} problem(s)"
        )
        for problem in outcome.problems:
            out.print(f"  {problem}", markup=False)
        if outcome.created and v.id > 1:
            out.print(
                f"screening now uses {v.label} (the latest load is the ownership data in use; "
                "name every ownership file in one load)"
            )


@app.command("list")
def list_versions(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Every ownership version loaded, oldest first."""
    with reported(), state(ctx).store() as store:
        versions = OwnershipStore(store).versions()
        if as_json:
            emit_json([v.to_dict() for v in versions])
            return
        table = Table("version", "format", "parties", "holdings", "problems", "loaded", "file")
        for v in versions:
            table.add_row(
                v.label,
                v.format,
                str(v.party_count),
                str(v.holding_count),
                str(v.problem_count),
                v.loaded_at,
                v.path,
            )
        console().print(table)


def _render(result: DerivedSet, as_json: bool, rule: str | None) -> None:
    derived = result.derived
    items = [] if derived is None else sorted(derived.derivations.values(), key=lambda d: d.id)
    if rule:
        items = [d for d in items if d.rule.name == rule]
    if as_json:
        emit_json(
            {
                **result.describe(),
                "derivations": [d.to_dict() for d in items],
            }
        )
        return
    out = console()
    if result.ownership is None or derived is None:
        out.print("no ownership data loaded (sanctio ownership load FILE)")
        return
    out.print(f"{result.ownership.label}, as of {derived.day.isoformat()}: {len(items)} derived")
    for name, why in derived.skipped.items():
        out.print(f"  {name}: not applied: {why}", markup=False)
    for d in items:
        out.print(f"[bold]{d.id}[/]  {d.rule.label}")
        out.print(f"  {d.explanation}", markup=False)


@app.command("status")
def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(help="Day YYYY-MM-DD (default today).")] = None,
    rule: Annotated[str | None, typer.Option(help=f"One of {', '.join(RULES)}.")] = None,
    version: Annotated[
        int | None, typer.Option(help="Ownership version id (default latest).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The derived designations on a day: lists in force then, holdings in force then."""
    with reported(), state(ctx).store() as store:
        if rule is not None and rule not in RULES:
            raise InputError("rule", f"{rule!r}: expected one of {', '.join(RULES)}")
        _render(derived_on(store, _day(as_of), version), as_json, rule)


def show_derived(ctx: typer.Context, entity_id: str, as_of: str | None, as_json: bool) -> None:
    """`sanctio entity derived:RULE:KEY`: why the entity is blocked."""
    with reported(), state(ctx).store() as store:
        day = _day(as_of)
        result = derived_on(store, day)
        found = result.derived.derivations.get(entity_id) if result.derived else None
        if found is None:
            raise NotFoundError(
                f"{entity_id}: no such derived designation on {day.isoformat()} "
                f"({result.label or 'no ownership data loaded'})"
            )
        entity = next(e for e in result.entities if e.id == entity_id)
        if as_json:
            emit_json(
                {
                    **entity.to_dict(),
                    "caption": entity.caption,
                    "derivation": found.to_dict(),
                    **result.describe(),
                }
            )
            return
        out = console()
        out.print(f"[bold]{entity.caption}[/]  {entity.id}  ({entity.schema}), derived")
        out.print(
            f"blocked under {found.rule.label} ({found.rule.authority}: {found.rule.summary}) "
            f"as of {day.isoformat()}, from {result.label}",
            markup=False,
        )
        out.print(found.explanation, markup=False)
        for path in found.paths:
            out.print(f"  - {path}", markup=False)
