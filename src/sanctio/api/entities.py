"""`GET /entities/{id}` (yente-shaped, with provenance) and sanctio's entity history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.render import entity_dict
from sanctio.api.schemas import ERRORS
from sanctio.api.state import ApiState
from sanctio.exceptions import NotFoundError, NotReadyError
from sanctio.screening.derived import DERIVED
from sanctio.screening.timeline import entity_timeline

router = APIRouter(tags=["Entities"])

EntityId = Annotated[str, Path(max_length=300, description="`<source>:<native id>`")]


def _in_force(state: ApiState, entity_id: str) -> dict[str, Any] | None:
    """From the serving index when the entity is listed now (no store access)."""
    try:
        snapshot = state.snapshot()
    except NotReadyError:
        return None
    if entity_id not in snapshot.index:
        return None
    entity = snapshot.index.entity(entity_id)
    seen = state.provenance.get(snapshot).get(entity_id)
    version = snapshot.versions.get(entity.source)
    data = entity_dict(entity, seen, version)
    data["listed"] = True
    data["version"] = version.label if version else None
    if entity.source == DERIVED:  # blocked by an ownership rule: why is in its properties
        data["derived"] = True
        data["version"] = snapshot.derived.label
    return data


@router.get("/entities/{entity_id}", responses=ERRORS, summary="One list entity with provenance")
def entity(request: Request, entity_id: EntityId, _key: ScreenKey) -> dict[str, Any]:
    """The entity as listed now, or as last listed if it was removed (`listed: false`)."""
    state = api_state(request)
    found = _in_force(state, entity_id)
    if found is not None:
        return found
    if ":" not in entity_id:
        raise NotFoundError(f"no entity {entity_id!r}; ids read <source>:<native id>")
    with state.open_store() as store:
        body, version = store.entity(entity_id)
        history = store.history(entity_id)
    first, last = history.first_seen, history.last_seen
    changes = history.changes
    data = entity_dict(body, None, version)
    data["first_seen"] = f"{first.published.isoformat()}T00:00:00" if first else None
    data["last_seen"] = f"{last.published.isoformat()}T00:00:00" if last else None
    change = changes[-1] if changes else first
    data["last_change"] = f"{change.published.isoformat()}T00:00:00" if change else None
    data["listed"] = history.removed is None  # in the latest loaded version of its list
    data["version"] = version.label
    return data


@router.get(
    "/entities/{entity_id}/history",
    responses=ERRORS,
    summary="What happened to an entity across the loaded versions of its list",
)
def history(request: Request, entity_id: EntityId, _key: ScreenKey) -> dict[str, Any]:
    state = api_state(request)
    with state.open_store() as store:
        timeline = entity_timeline(store, entity_id)
        return {**store.history(entity_id).to_dict(), "timeline": timeline.to_dict()}
