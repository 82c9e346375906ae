"""`sanctio entity ID`: one entity with provenance and, on request, its history."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console, emit_json
from sanctio.cli.ownership import show_derived
from sanctio.screening.derived import DERIVED
from sanctio.screening.timeline import entity_timeline


def entity(
    ctx: typer.Context,
    entity_id: Annotated[str, typer.Argument(help="Entity id, e.g. ofac-sdn:36.")],
    version: Annotated[str | None, typer.Option(help="Version id or SOURCE@DATE.")] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Show the listing timeline and every version.")
    ] = False,
    related: Annotated[
        list[str] | None,
        typer.Option(help="Ids of the same party on other lists, for a joint timeline."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_of: Annotated[
        str | None, typer.Option(help="For a derived:RULE:KEY id: the day (default today).")
    ] = None,
) -> None:
    """Show one listed entity as its list states it, where it came from and since when;
    for a derived designation (derived:RULE:KEY), why the rule blocks it."""
    if entity_id.startswith(f"{DERIVED}:"):
        show_derived(ctx, entity_id, as_of, as_json)
        return
    with reported(), state(ctx).store() as store:
        version_id = store.resolve(version, entity_id.split(":", 1)[0]).id if version else None
        found, in_version = store.entity(entity_id, version_id)
        hist = store.history(entity_id)
        timeline = entity_timeline(store, entity_id, related or ())
        if as_json:
            emit_json(
                {
                    **found.to_dict(),
                    "caption": found.caption,
                    "version": in_version.to_dict(),
                    "history": hist.to_dict(),
                    "timeline": timeline.to_dict(),
                }
            )
            return
        out = console()
        out.print(f"[bold]{found.caption}[/]  {found.id}  ({found.schema})")
        first, last, removed = hist.first_seen, hist.last_seen, hist.removed
        out.print(
            f"from {in_version.label} (version {in_version.id}; "
            f"files: {', '.join(f.path for f in in_version.files)})"
        )
        out.print(
            f"first seen {first.label if first else '-'}, last seen "
            f"{last.label if last else '-'}" + (f", removed in {removed.label}" if removed else "")
        )
        table = Table(show_header=True)
        table.add_column("property")
        table.add_column("values")
        for prop, values in sorted(found.properties.items()):
            table.add_row(prop, "\n".join(values))
        for rel in found.relations:
            table.add_row(f"relation:{rel.kind}", f"{rel.target_name} [{rel.target_id or '?'}]")
        out.print(table)
        if history:
            for listing in timeline.listings:
                data = listing.to_dict()
                out.print(
                    f"[bold]{data['source']}[/] {data['entity_id']}: listed on "
                    f"{', '.join(data['listed_on']) or '(no date in the list)'}; first seen "
                    f"{data['first_seen']}, last seen {data['last_seen']}"
                    + (
                        f"; delisted between {' and '.join(data['delisted_between'])} "
                        f"(gone in {data['delisted_in']})"
                        if data["delisted_in"]
                        else ""
                    )
                )
                for event in data["events"]:
                    out.print(f"  {event['version']:<28} {event['event']}")
