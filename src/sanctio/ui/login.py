"""Login with an API key (any scope) into a signed session cookie; logout clears it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.ui.session import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    check_login_token,
    login_token,
    new_session,
)
from sanctio.ui.web import (
    check_csrf,
    context,
    render,
    require,
    safe_next,
    session_of,
    set_session_cookie,
)

router = APIRouter()


def _login_page(request: Request, next_path: str, error: str = "", status: int = 200) -> Response:
    ctx = context(request)
    token, cookie = login_token(ctx.signer)
    response = render(
        request,
        "login.html",
        status=status,
        session=None,
        login_csrf=token,
        next_path=safe_next(next_path),
        error=error,
        title="Log in",
    )
    response.set_cookie(
        LOGIN_COOKIE,
        cookie,
        max_age=3600,
        path="/ui",
        secure=ctx.config.secure_cookie,
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/ui/") -> Response:
    if session_of(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, next)


@router.post("/login")
def login(
    request: Request,
    api_key: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/ui/",
) -> Response:
    ctx = context(request)
    if not check_login_token(ctx.signer, request.cookies.get(LOGIN_COOKIE), csrf_token):
        return _login_page(request, next, "The form expired; please try again.", 400)
    if ctx.keys is None:
        return RedirectResponse(safe_next(next), status_code=303)
    key = ctx.keys.verify(api_key.strip()) if api_key.strip() else None
    if key is None:
        # As the API: one message whatever was wrong, so a guesser learns nothing.
        return _login_page(request, next, "Missing or invalid API key.", 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, ctx, new_session(key.id, key.scope, ctx.config.session_minutes))
    response.delete_cookie(LOGIN_COOKIE, path="/ui")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    session = require(request, "screen")
    check_csrf(session, csrf_token)
    ctx = context(request)
    response = RedirectResponse("/ui/login", status_code=303)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/ui",
        secure=ctx.config.secure_cookie,
        httponly=True,
        samesite="strict",
    )
    return response
