"""`create_app(settings)`: the HTTP API, a thin adapter over screening and the store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from fastapi import FastAPI
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp

from sanctio import __version__
from sanctio.api import alerts, audit, catalog, entities, errors, health, lists, match, search, text
from sanctio.api.config import ApiConfig
from sanctio.api.limits import BodyLimit
from sanctio.api.state import ApiState
from sanctio.api.unicode import SurrogateGuard
from sanctio.screening.service import ScreeningService
from sanctio.settings import Settings
from sanctio.ui.app import create_ui

DESCRIPTION = """\
Sanctions screening over the official list files, compatible with yente's `/match`,
`/search`, `/entities`, `/catalog` and `/algorithms`.

Every route but `/healthz`, `/readyz` and the docs needs an API key
(`Authorization: Bearer <key>`; create one with `sanctio keys create`).
Screening fails closed: 503 while no list is loaded, while the first index is built,
or when a list is older than its configured maximum age.
"""


class ServerOptions(TypedDict):
    server_header: bool
    access_log: bool


#: How every sanctio server runs under uvicorn (`sanctio serve`, and the tests' servers):
#: no `server:` banner naming the software, no access log of client queries.
SERVER_OPTIONS: ServerOptions = {"server_header": False, "access_log": False}


def create_app(
    settings: Settings,
    config: ApiConfig | None = None,
    *,
    service: ScreeningService | None = None,
    watch: bool = True,
) -> FastAPI:
    """The API over the store in `settings`; `watch=False` leaves index builds to the caller."""
    config = config or ApiConfig.from_env()
    state = ApiState.create(settings, config, service)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if watch:
            state.start()
        try:
            yield
        finally:
            state.stop()

    app = FastAPI(
        title="sanctio",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.sanctio = state
    errors.install(app)
    for module in (health, match, text, search, entities, catalog, lists):
        app.include_router(module.router)
    app.include_router(alerts.router)
    app.include_router(audit.router)
    app.mount("/ui", _ui(settings, state))  # analysts' pages

    def limit_for(path: str) -> int:
        return config.max_upload_bytes if path.startswith("/lists/") else config.max_body_bytes

    # Added last, runs first: the body limit counts bytes before the guard reads them.
    app.add_middleware(SurrogateGuard)
    app.add_middleware(BodyLimit, limit_for=limit_for)
    return app


def _ui(settings: Settings, state: ApiState) -> ASGIApp:
    """The analysts' pages. With a PostgreSQL store they need a session secret shared by
    every instance (`SANCTIO_UI_SECRET`); without one, /ui/ answers 503 saying so while
    the API serves on."""
    if settings.db_url is not None and not os.environ.get("SANCTIO_UI_SECRET"):
        return PlainTextResponse(
            "the web UI is off: with a PostgreSQL store set SANCTIO_UI_SECRET (at least 32 "
            "characters, the same on every instance) to serve it",
            status_code=503,
        )
    return create_ui(settings, state.service, state.keys)


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory sanctio.api.app:app_from_env` (one per worker)."""
    return create_app(Settings.from_env(), ApiConfig.from_env())
