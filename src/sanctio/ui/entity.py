"""The entity page: names with scripts, identifiers, dates, addresses, programmes, who lists
it and since when, linked entities, its timeline across list versions, the raw record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from sanctio.exceptions import InputError, NotFoundError, NotReadyError
from sanctio.model import Entity, PartialDate
from sanctio.screening.query import Query as ScreenQuery
from sanctio.screening.service import Snapshot
from sanctio.screening.timeline import Timeline, entity_timeline
from sanctio.store.diff import PropertyChange, compare_entities
from sanctio.store.sqlite import Store
from sanctio.store.versions import EntityHistory, Version
from sanctio.ui.present import identifier_rows, name_rows, other_rows
from sanctio.ui.web import context, render, require

router = APIRouter()
EntityId = Annotated[str, Path(max_length=300)]
#: Other lists' entries shown as "the same party?" must score at least this.
RELATED_SCORE = 0.85
RELATED_LIMIT = 5


@dataclass(frozen=True, slots=True)
class Step:
    """One version in an entity's timeline, with what changed since the version before."""

    version: Version
    event: str  # added, relisted, changed, unchanged, removed
    changes: tuple[PropertyChange, ...] = ()


def steps(store: Store, history: EntityHistory) -> list[Step]:
    """The history's events, each `changed` one with its property diff (newest first)."""
    out: list[Step] = []
    previous: Entity | None = None
    for event in history.events:
        if event.event == "removed":
            out.append(Step(event.version, "removed"))
            previous = None
            continue
        current = store.entity(history.entity_id, event.version.id)[0]
        changes: tuple[PropertyChange, ...] = ()
        if event.event == "changed" and previous is not None:
            changes = compare_entities(previous, current)
        out.append(Step(event.version, event.event, changes))
        previous = current
    return out[::-1]


def related_ids(snapshot: Snapshot, entity: Entity) -> list[str]:
    """Entries of other lists that screen as the same party (sanctio links none by itself)."""
    births = [d for d in entity.get("birthDate") if _is_date(d)]
    try:
        query = ScreenQuery.create(entity.names()[:10] or [entity.caption], birth_dates=births[:3])
    except InputError:
        return []
    others = [s for s in snapshot.versions if s != entity.source]
    if not others:
        return []
    found = snapshot.screener.screen(
        query, limit=RELATED_LIMIT, sources=others, cutoff=RELATED_SCORE, schemas=[entity.schema]
    )
    return [h.entity_id for h in found.results if h.score >= RELATED_SCORE]


def _is_date(text: str) -> bool:
    try:
        PartialDate.from_iso(text)
    except ValueError:
        return False
    return True


@router.get("/entities/{entity_id:path}")
def entity_page(request: Request, entity_id: EntityId) -> Response:
    require(request, "screen")
    ctx = context(request)
    if ":" not in entity_id:
        raise NotFoundError(f"no entity {entity_id!r}; ids read <source>:<native id>")
    snapshot: Snapshot | None
    try:
        snapshot = ctx.service.serving()
    except NotReadyError:
        snapshot = None
    with Store.open(ctx.settings.db, create=False) as store:
        entity, version = store.entity(entity_id)
        history = store.history(entity_id)
        timeline_steps = steps(store, history)
        related = related_ids(snapshot, entity) if snapshot is not None else []
        timeline: Timeline = entity_timeline(store, entity_id, related)
    in_force = snapshot is not None and entity_id in snapshot.index
    return render(
        request,
        "entity.html",
        title=entity.caption,
        entity=entity,
        version=version,
        in_force=in_force,
        removed=history.removed,
        names=name_rows(entity),
        identifiers=identifier_rows(entity),
        others=other_rows(entity),
        timeline=timeline,
        steps=timeline_steps,
        raw=json.dumps(entity.to_dict(), ensure_ascii=False, indent=2),
    )
