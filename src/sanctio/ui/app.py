"""`create_ui(...)`: the analysts' web pages, an ASGI app the API mounts at `/ui`."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from sanctio.exceptions import (
    ConflictError,
    InputError,
    NotFoundError,
    NotReadyError,
    SanctioError,
)
from sanctio.screening.service import ScreeningService
from sanctio.settings import Settings
from sanctio.store.keys import KeyStore
from sanctio.ui import alerts, entity, keys, lists, login, screen
from sanctio.ui.context import UiConfig, UiContext, load_secret
from sanctio.ui.session import Signer
from sanctio.ui.web import (
    CsrfError,
    LoginRequiredError,
    ScopeError,
    SecurityHeaders,
    environment,
    render,
)

STATIC = Path(__file__).resolve().parent / "static"
ROUTERS = [login.router, screen.router, entity.router, lists.router, alerts.router, keys.router]


def _error(request: Request, status: int, heading: str, message: str) -> Response:
    return render(
        request, "error.html", status=status, title=heading, heading=heading, message=message
    )


def install_errors(app: FastAPI) -> None:
    """Every failure is a page that says what went wrong, never a traceback."""

    @app.exception_handler(LoginRequiredError)
    async def login_required(request: Request, exc: LoginRequiredError) -> Response:
        target = "/ui/login?" + urllib.parse.urlencode({"next": exc.next_path})
        if request.headers.get("hx-request") == "true":
            return Response(status_code=200, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(ScopeError)
    async def scope(request: Request, exc: ScopeError) -> Response:
        return _error(
            request,
            403,
            "Not allowed",
            f"Your API key may not do this: it needs the {exc.scope} scope.",
        )

    @app.exception_handler(CsrfError)
    async def csrf(request: Request, exc: CsrfError) -> Response:
        return _error(
            request,
            403,
            "Form expired",
            "This form came without a valid token; reload the page and try again.",
        )

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, "Not found", str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return _error(request, 400, "Invalid input", f"{exc.field}: {exc.message}")

    @app.exception_handler(NotReadyError)
    async def not_ready(request: Request, exc: NotReadyError) -> Response:
        return _error(request, 503, "Screening refused", str(exc))

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, exc: ConflictError) -> Response:
        return _error(request, 409, "Conflict", str(exc))

    @app.exception_handler(SanctioError)
    async def failed(request: Request, exc: SanctioError) -> Response:
        return _error(request, 500, "Error", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 400, "Invalid input", "; ".join(parts))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        heading = "Not found" if exc.status_code == 404 else "Error"
        return _error(request, exc.status_code, heading, str(exc.detail))


def create_ui(
    settings: Settings,
    service: ScreeningService,
    keys: KeyStore | None,
    env: Mapping[str, str] | None = None,
) -> FastAPI:
    """The UI over the API's own service and keys (`keys=None`: API keys are off)."""
    env = os.environ if env is None else env
    secret = load_secret(settings.db_path, env, server=settings.db_url is not None)
    ctx = UiContext(settings, service, keys, Signer(secret), UiConfig.from_env(env))
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.ui = ctx
    app.state.templates = environment()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_errors(app)
    app.add_middleware(SecurityHeaders)
    return app
