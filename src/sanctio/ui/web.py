"""The UI's request plumbing: templates, security headers, sessions, scopes and CSRF."""

from __future__ import annotations

import time
import urllib.parse
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctio import __version__
from sanctio.ui.context import UiContext
from sanctio.ui.session import (
    SESSION_COOKIE,
    Session,
    dump_session,
    load_session,
    new_session,
    same_token,
)

#: No inline script or style anywhere: htmx and the stylesheet are files served from /ui/static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the CSP and friends to every UI response; pages are never cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Starlette keeps the full path in a mounted app's scope: /ui/static/...
        static = str(scope.get("path", "")).startswith(("/ui/static/", "/static/"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(SECURITY_HEADERS)
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def environment() -> Environment:
    """Jinja2 with autoescaping on for every template: list values are outside input."""
    env = Environment(
        loader=PackageLoader("sanctio.ui", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["idurl"] = lambda value: urllib.parse.quote(str(value), safe=":")
    env.filters["pct"] = lambda value: f"{float(value) * 100:.0f}%"
    env.globals["sanctio_version"] = __version__
    return env


class LoginRequiredError(Exception):
    """No valid session: the handler sends the browser to the login page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class ScopeError(Exception):
    """The session's key may not do this (as the API's 403)."""

    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


class CsrfError(Exception):
    """A form came without the token of this session."""


def context(request: Request) -> UiContext:
    ctx = request.app.state.ui
    assert isinstance(ctx, UiContext)
    return ctx


def safe_next(path: str | None) -> str:
    """Only a path inside the UI: never an open redirect elsewhere."""
    if path and path.startswith("/ui/") and not path.startswith("//") and "\\" not in path:
        return path
    return "/ui/"


def session_of(request: Request) -> Session | None:
    """The request's valid session; with API keys off, an anonymous admin one is made."""
    cached = getattr(request.state, "ui_session", None)
    if isinstance(cached, Session):
        return cached
    ctx = context(request)
    session = load_session(ctx.signer, request.cookies.get(SESSION_COOKIE))
    if ctx.keys is None:
        if session is None or session.key_id != "anonymous":
            session = new_session("anonymous", "admin", ctx.config.session_minutes)
            request.state.ui_new_session = session
    elif session is not None:
        key = next((k for k in ctx.keys.list() if k.id == session.key_id), None)
        if key is None or not key.active or key.scope != session.scope:
            session = None
    if session is not None:
        request.state.ui_session = session
    return session


def require(request: Request, scope: str) -> Session:
    """The session if its key may use `scope`; else a login redirect or a 403 page."""
    session = session_of(request)
    if session is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequiredError(target)
    if not session.allows(scope):
        raise ScopeError(scope)
    return session


def check_csrf(session: Session, submitted: str | None) -> None:
    if not same_token(session.csrf, submitted):
        raise CsrfError()


def set_session_cookie(response: Any, ctx: UiContext, session: Session) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        dump_session(ctx.signer, session),
        max_age=max(0, session.expires - int(time.time())),
        path="/ui",
        secure=ctx.config.secure_cookie,
        httponly=True,
        samesite="strict",
    )


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page (or, for htmx requests asking for a fragment, the fragment template)."""
    ctx = context(request)
    session = session_of(request) if "session" not in values else values.pop("session")
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        session=session,
        csrf=session.csrf if session is not None else "",
        auth=ctx.auth,
        path=request.url.path,
        **values,
    )
    response = HTMLResponse(html, status_code=status)
    response.headers["vary"] = "HX-Request, Cookie"
    fresh = getattr(request.state, "ui_new_session", None)
    if isinstance(fresh, Session):
        set_session_cookie(response, ctx, fresh)
    return response
