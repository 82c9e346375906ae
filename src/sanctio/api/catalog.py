"""`GET /catalog` and `GET /algorithms`: what is loaded and how it is scored (yente shapes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request

from sanctio.api.auth import ScreenKey, api_state
from sanctio.api.datasets import COLLECTIONS
from sanctio.api.render import stamp
from sanctio.api.schemas import ERRORS
from sanctio.exceptions import NotReadyError, StoreError
from sanctio.match import ALGORITHMS, DEFAULT_ALGORITHM
from sanctio.match.features import DESCRIPTIONS
from sanctio.store.versions import Version

router = APIRouter(tags=["Catalog"])

FEATURES = tuple(DESCRIPTIONS)


def _source(version: Version, serving: Version | None, max_age: int | None) -> dict[str, Any]:
    age = (dt.date.today() - version.published).days
    return {
        "name": version.source,
        "title": version.source,
        "type": "source",
        "load": True,
        "version": version.label,
        "updated_at": stamp(version.published),
        "entity_count": version.entity_count,
        "version_id": version.id,
        "published": version.published.isoformat(),
        "loaded_at": version.loaded_at,
        "serving": serving.label if serving else None,
        "age_days": age,
        "max_age_days": max_age,
        "stale": bool(max_age) and age > (max_age or 0),
    }


@router.get(
    "/catalog", responses=ERRORS, summary="Loaded lists, the versions being served and staleness"
)
def catalog(request: Request, _key: ScreenKey) -> dict[str, Any]:
    state = api_state(request)
    try:
        in_force = state.service.in_force()
    except StoreError:
        in_force = {}
    try:
        serving = dict(state.snapshot().versions)
    except NotReadyError:
        serving = {}
    ages = state.settings.max_age_days
    sources = [_source(v, serving.get(s), ages.get(s)) for s, v in sorted(in_force.items())]
    children = [s["name"] for s in sources]
    collections = [
        {"name": name, "title": title, "type": "collection", "load": True, "children": children}
        for name, title in COLLECTIONS.items()
    ]
    outdated = [s for s, v in in_force.items() if serving.get(s) != v]
    return {
        "datasets": [*collections, *sources],
        "current": sorted(serving),
        "outdated": sorted(outdated),
        "index_stale": bool(outdated) or not serving,
    }


def _feature(name: str) -> dict[str, Any]:
    return {"description": DESCRIPTIONS.get(name, ""), "coefficient": None, "url": None}


@router.get("/algorithms", responses=ERRORS, summary="Scoring algorithms and their features")
def algorithms(_key: ScreenKey) -> dict[str, Any]:
    items = [
        {
            "name": algo.name,
            "description": algo.description,
            "features": list(FEATURES),
            "docs": {
                "name": algo.name,
                "description": algo.description,
                "config": {},
                "features": {f: _feature(f) for f in FEATURES},
            },
            "threshold": algo.threshold,
        }
        for algo in ALGORITHMS.values()
    ]
    return {"algorithms": items, "default": DEFAULT_ALGORITHM, "best": DEFAULT_ALGORITHM}
