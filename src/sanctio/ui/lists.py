"""The lists pages: every source with its versions, freshness, problems and fail-closed
state, and what changed between two versions of one list (with filters)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from sanctio.exceptions import InputError, NotFoundError, NotReadyError
from sanctio.store.diff import EntityChange, VersionDiff, default_pair, diff_versions
from sanctio.store.sqlite import Store
from sanctio.store.versions import Version
from sanctio.ui.present import Freshness, freshness
from sanctio.ui.web import context, render, require

router = APIRouter()
SourceName = Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9-]+$")]
Short = Annotated[str, Query(max_length=100)]
DIFF_ROWS = 300
PROBLEM_ROWS = 500
KINDS = ("all", "added", "removed", "changed")


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: str
    latest: Version
    in_force: Version | None
    versions: list[Version]
    freshness: Freshness
    required: bool


@router.get("/lists")
def lists_page(request: Request) -> Response:
    require(request, "screen")
    ctx = context(request)
    today = dt.date.today()
    config = ctx.service.config
    with Store.open(ctx.settings.db, create=False) as store:
        in_force = store.in_force()
        rows = []
        for source in store.sources():
            versions = store.versions(source)
            if not versions:
                continue
            latest = versions[-1]
            rows.append(
                SourceRow(
                    source,
                    latest,
                    in_force.get(source),
                    versions[::-1],
                    freshness(latest.published, config.max_age_days.get(source, 0), today),
                    source in config.required_sources,
                )
            )
    try:
        ctx.service.serving()
        refused = ""
    except NotReadyError as exc:
        refused = str(exc)
    missing = [s for s in config.required_sources if s not in {r.source for r in rows}]
    return render(request, "lists.html", title="Lists", rows=rows, refused=refused, missing=missing)


@router.get("/lists/{source}/problems/{version_id}")
def problems_page(request: Request, source: SourceName, version_id: int) -> Response:
    require(request, "screen")
    ctx = context(request)
    with Store.open(ctx.settings.db, create=False) as store:
        version = store.version(version_id)
        if version.source != source:
            raise NotFoundError(f"version {version_id} is not a {source} version")
        problems = store.problems(version_id)
    return render(
        request,
        "problems.html",
        title=f"Problems in {version.label}",
        version=version,
        problems=problems[:PROBLEM_ROWS],
        total=len(problems),
    )


def _matches(text: str, needle: str) -> bool:
    return not needle or needle.casefold() in text.casefold()


def _filtered(diff: VersionDiff, kind: str, needle: str, schema: str) -> dict[str, list[object]]:
    def keep(entity_id: str, caption: str, entity_schema: str) -> bool:
        return (not schema or entity_schema == schema) and (
            _matches(caption, needle) or _matches(entity_id, needle)
        )

    added = [e for e in diff.added if keep(e.id, e.caption, e.schema)]
    removed = [e for e in diff.removed if keep(e.id, e.caption, e.schema)]
    changed: list[EntityChange] = [
        c for c in diff.changed if keep(c.entity.id, c.entity.caption, c.entity.schema)
    ]
    return {
        "added": list(added) if kind in ("all", "added") else [],
        "removed": list(removed) if kind in ("all", "removed") else [],
        "changed": list(changed) if kind in ("all", "changed") else [],
    }


@router.get("/lists/{source}/diff")
def diff_page(
    request: Request,
    source: SourceName,
    old: Short = "",
    new: Short = "",
    kind: Short = "all",
    q: Short = "",
    schema: Short = "",
) -> Response:
    require(request, "screen")
    ctx = context(request)
    if kind not in KINDS:
        raise InputError("kind", f"{kind!r}: expected one of {', '.join(KINDS)}")
    with Store.open(ctx.settings.db, create=False) as store:
        versions = store.versions(source)
        if not versions:
            raise NotFoundError(f"no {source} version is loaded")
        if old and new:
            v1, v2 = store.resolve(old, source), store.resolve(new, source)
        elif old or new:
            raise InputError("old" if not old else "new", "name both versions or neither")
        else:
            v1, v2 = default_pair(store, source)
        diff = diff_versions(store, v1, v2)
    shown = _filtered(diff, kind, q.strip(), schema.strip())
    schemas = sorted(
        {e.schema for e in (*diff.added, *diff.removed)} | {c.entity.schema for c in diff.changed}
    )
    return render(
        request,
        "diff.html",
        title=f"{source}: {v1.published} to {v2.published}",
        source=source,
        diff=diff,
        versions=versions[::-1],
        shown=shown,
        limit=DIFF_ROWS,
        filters={"old": str(v1.id), "new": str(v2.id), "kind": kind, "q": q, "schema": schema},
        kinds=KINDS,
        schemas=schemas,
    )
