"""`sanctio screen NAME`: one query against the lists in force (today or on a past date)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.lists import parse_day
from sanctio.cli.output import console, emit_json
from sanctio.screening.query import Query
from sanctio.screening.service import ScreeningService


def screen(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None, typer.Argument(help="Name(s) of the party, any script.")
    ] = None,
    schema: Annotated[
        str | None, typer.Option(help="Person, Organization, Company, LegalEntity, Vessel...")
    ] = None,
    birth_date: Annotated[
        list[str] | None, typer.Option("--birth-date", help="YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    nationality: Annotated[list[str] | None, typer.Option(help="Country name or ISO code.")] = None,
    id_number: Annotated[
        list[str] | None, typer.Option("--id-number", help="Passport, ID, IMO, tax number...")
    ] = None,
    wallet: Annotated[
        list[str] | None,
        typer.Option(
            "--wallet",
            help="A crypto wallet address, matched exactly against the listed wallets "
            "(hex 0x addresses without case); no NAME needed.",
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Screen against the lists in force then.")
    ] = None,
    source: Annotated[list[str] | None, typer.Option(help="Only these sources.")] = None,
    threshold: Annotated[float | None, typer.Option(help="Match threshold, 0-1.")] = None,
    limit: Annotated[int, typer.Option(help="Results shown.")] = 10,
    cutoff: Annotated[
        float | None,
        typer.Option(help="Hide candidates scoring below this (default 0.5; 0 shows all)."),
    ] = None,
    explain: Annotated[bool, typer.Option(help="Show the features behind each score.")] = True,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Rank the listed parties that may be this one, each score explained."""
    with reported():
        query = Query.create(
            names or [],
            schema=schema,
            birth_dates=birth_date or (),
            nationalities=nationality or (),
            id_numbers=id_number or (),
            wallets=wallet or (),
        )
        day = parse_day(as_of, "--as-of")
        settings = state(ctx).settings
        snapshot = ScreeningService.from_settings(settings).ready(day)
        result = snapshot.screener.screen(
            query, threshold=threshold, limit=limit, sources=source or None, cutoff=cutoff
        )
        if as_json:
            emit_json(
                {
                    "query": {
                        "names": list(query.names),
                        "schema": query.schema,
                        "wallets": list(query.wallets),
                    },
                    "threshold": result.threshold,
                    "algorithm": result.algorithm,
                    "lists": snapshot.describe(),
                    "results": [hit.to_dict() for hit in result.results],
                }
            )
            return
        out = console()
        used = ", ".join(v.label for v in snapshot.versions.values())
        out.print(f"[dim]lists: {used}[/]")
        if snapshot.missing:
            out.print(
                f"[yellow]no version on or before {day} for: {', '.join(snapshot.missing)}[/]"
            )
        table = Table(
            title=f"{' / '.join(query.names + query.wallets)}  (threshold {result.threshold:.2f}, "
            f"{result.algorithm})"
        )
        for col in ("#", "score", "match", "entity", "name", "schema"):
            table.add_column(col, justify="right" if col in ("#", "score") else "left")
        for rank, hit in enumerate(result.results, 1):
            why = ""
            if explain:
                why = "\n" + "\n".join(
                    f"  [dim]{f.name} {f.score:.2f}: {f.query_value!s} ~ {f.list_value!s}"
                    + (f" ({f.detail})" if f.detail else "")
                    + "[/]"
                    for f in hit.features
                )
            table.add_row(
                str(rank),
                f"{hit.score:.3f}",
                "[bold red]MATCH[/]" if hit.match else "",
                hit.entity_id,
                hit.caption + why,
                hit.schema,
            )
        out.print(table)
        if not result.results:
            out.print("no listed party scored above the report floor")
