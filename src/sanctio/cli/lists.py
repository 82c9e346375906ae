"""`sanctio lists ...`: load, fetch, status, versions, diff, problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sanctio.cli.context import state
from sanctio.cli.errors import reported
from sanctio.cli.output import console, emit_json, versions_table
from sanctio.exceptions import InputError
from sanctio.ingest.importer import import_paths
from sanctio.store.diff import default_pair, diff_versions

app = typer.Typer(help="Load, fetch and inspect official list versions.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AllowShrink = Annotated[
    bool,
    typer.Option(
        "--allow-shrink",
        help="Load a version even if it lost more than $SANCTIO_MAX_SHRINK (default 10%) "
        "of the previous version's entities.",
    ),
]


def parse_day(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"{value!r} is not a date; expected YYYY-MM-DD") from None


@app.command()
def load(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="List files or folders of list files.")],
    source: Annotated[str | None, typer.Option(help="Force the source name.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for files that carry none.")
    ] = None,
    allow_shrink: AllowShrink = False,
    as_json: JsonOpt = False,
) -> None:
    """Import list files as new versions: all of them in one transaction, or none."""
    with reported():
        day = parse_day(published, "--published")
        out = console()
        with state(ctx).store(create=True) as store:
            outcomes = import_paths(
                store,
                paths,
                source=source,
                published=day,
                progress=None if as_json else (lambda msg: out.print(f"[dim]{msg}[/]")),
                max_shrink=state(ctx).settings.max_shrink,
                allow_shrink=allow_shrink,
            )
        if as_json:
            emit_json(
                [
                    {
                        "created": o.created,
                        **o.version.to_dict(),
                        "problems": [p.to_dict() for p in o.problems],
                    }
                    for o in outcomes
                ]
            )
            return
        for o in outcomes:
            verb = "loaded" if o.created else "already loaded"
            out.print(
                f"{verb} {o.version.label} (version {o.version.id}): "
                f"{o.version.entity_count} entities, {o.version.problem_count} problems"
            )
            for problem in o.problems[:5]:
                out.print(f"  [yellow]problem[/] {problem}")
            if len(o.problems) > 5:
                out.print(
                    f"  ... and {len(o.problems) - 5} more (sanctio lists problems {o.version.id})"
                )


@app.command()
def status(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The version in force for each source, its age and its size."""
    with reported(), state(ctx).store() as store:
        latest = store.in_force()
        counts = {s: len(store.versions(s)) for s in latest}
        today = dt.date.today()
        rows = [
            {
                "source": v.source,
                "version_id": v.id,
                "published": v.published.isoformat(),
                "age_days": (today - v.published).days,
                "entities": v.entity_count,
                "problems": v.problem_count,
                "versions": counts[v.source],
                "loaded_at": v.loaded_at,
            }
            for v in latest.values()
        ]
        if as_json:
            emit_json({"db": str(store.path), "sources": rows})
            return
        table = Table(title=f"lists in {store.path}")
        for col in rows[0] if rows else ("source",):
            table.add_column(col)
        for row in rows:
            table.add_row(*(str(x) for x in row.values()))
        console().print(table)
        if not rows:
            console().print(
                "no lists loaded: run `sanctio lists load PATH` or `sanctio lists fetch`"
            )


@app.command()
def versions(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(help="Only this source.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every loaded version, oldest first."""
    with reported(), state(ctx).store() as store:
        found = store.versions(source)
        if as_json:
            emit_json([v.to_dict() for v in found])
        else:
            console().print(versions_table(found, "list versions"))


@app.command()
def diff(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Source name, e.g. ofac-sdn.")],
    old: Annotated[str | None, typer.Argument(help="Older version (id or date).")] = None,
    new: Annotated[str | None, typer.Argument(help="Newer version (id or date).")] = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option(help="Rows shown per section.")] = 50,
) -> None:
    """Entities added, removed and changed between two versions (default: the last two)."""
    with reported(), state(ctx).store() as store:
        if (old is None) != (new is None):
            raise InputError("versions", "give both OLD and NEW, or neither")
        if old is None or new is None:
            v1, v2 = default_pair(store, source)
        else:
            v1, v2 = store.resolve(old, source), store.resolve(new, source)
        result = diff_versions(store, v1, v2)
        if as_json:
            emit_json(result.to_dict())
            return
        out = console()
        out.print(
            f"[bold]{v1.label} -> {v2.label}[/]: +{len(result.added)} added, "
            f"-{len(result.removed)} removed, ~{len(result.changed)} changed"
        )
        for label, entities in (("added", result.added), ("removed", result.removed)):
            for e in entities[:limit]:
                out.print(f"  {'+' if label == 'added' else '-'} {e.id}  {e.caption}  ({e.schema})")
            if len(entities) > limit:
                out.print(f"  ... {len(entities) - limit} more {label}")
        for change in result.changed[:limit]:
            props = ", ".join(c.prop for c in change.changes)
            out.print(f"  ~ {change.entity.id}  {change.entity.caption}: {props}")
        if len(result.changed) > limit:
            out.print(f"  ... {len(result.changed) - limit} more changed")


@app.command()
def problems(
    ctx: typer.Context,
    version: Annotated[str, typer.Argument(help="Version id or SOURCE@DATE.")],
    as_json: JsonOpt = False,
) -> None:
    """Record-level problems reported when a version was loaded."""
    with reported(), state(ctx).store() as store:
        found = store.problems(store.resolve(version).id)
        if as_json:
            emit_json([p.to_dict() for p in found])
        else:
            for p in found:
                console().print(str(p))


@app.command()
def fetch(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None, typer.Argument(help="Sources to fetch (default: all official).")
    ] = None,
    dest: Annotated[
        Path | None,
        typer.Option(help="Download folder (default $SANCTIO_FETCH_DIR or beside the store)."),
    ] = None,
    mirror: Annotated[
        str | None, typer.Option(help="Fetch from a mirror root: <mirror>/<source>/<file>.")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 60.0,
    retries: Annotated[int, typer.Option(help="Retries on network errors and 5xx.")] = 3,
    allow_shrink: AllowShrink = False,
    as_json: JsonOpt = False,
) -> None:
    """Download the official lists from their publishers, then load them."""
    from sanctio.sources.fetch import fetch as download  # httpx costs ~1 s to import

    with reported():
        app_state = state(ctx)
        folder = (
            dest
            or app_state.settings.fetch_dir
            or (app_state.settings.db_path.parent / "downloads")
        )
        override = {"*": mirror} if mirror else None
        results = download(
            sources or None, folder, base_url_override=override, timeout=timeout, retries=retries
        )
        served = {r.path.resolve(): r.last_modified.date() for r in results if r.last_modified}
        folders = sorted({r.path.parent for r in results})
        with app_state.store(create=True) as store:
            outcomes = import_paths(
                store,
                folders,
                served=served,
                max_shrink=app_state.settings.max_shrink,
                allow_shrink=allow_shrink,
            )
        if as_json:
            emit_json(
                {
                    "files": [
                        {
                            "source": r.source,
                            "url": r.url,
                            "path": str(r.path),
                            "status": r.status,
                            "sha256": r.sha256,
                            "size": r.size,
                        }
                        for r in results
                    ],
                    "versions": [{"created": o.created, **o.version.to_dict()} for o in outcomes],
                }
            )
            return
        out = console()
        for r in results:
            out.print(f"{r.status:<13} {r.source:<10} {r.url}")
        for o in outcomes:
            verb = "loaded" if o.created else "already loaded"
            out.print(f"{verb} {o.version.label}: {o.version.entity_count} entities")


@app.command()
def export(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None, typer.Argument(help="Sources to export (default: all).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default stdout).")
    ] = None,
) -> None:
    """Write the versions in force as FollowTheMoney JSON lines (entities and sanctions)."""
    from sanctio.sources.ftm.export import export_lines

    with reported(), state(ctx).store() as store:
        versions = [v for s, v in store.in_force().items() if not sources or s in sources]
        lines = export_lines(store.entities(v.id for v in versions))
        if output is None:
            for line in lines:
                print(line)
            return
        tmp = output.with_name(f".{output.name}.tmp")
        count = 0
        with tmp.open("w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line + "\n")
                count += 1
        tmp.replace(output)
        listed = ", ".join(f"{v.source} {v.published.isoformat()}" for v in versions)
        console().print(f"wrote {count:,} FollowTheMoney objects to {output} ({listed})")
