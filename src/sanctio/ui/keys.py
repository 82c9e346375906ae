"""API keys for admins: list them, create one (its token shown once, never in a URL),
revoke one. The same key store as `sanctio keys` and the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from sanctio.exceptions import InputError, NotFoundError
from sanctio.store.keys import SCOPES
from sanctio.ui.web import check_csrf, context, render, require

router = APIRouter()


def _page(request: Request, token: str = "", created: str = "", error: str = "") -> Response:
    require(request, "admin")
    keys = context(request).keys
    return render(
        request,
        "keys.html",
        status=400 if error else 200,
        title="API keys",
        keys=keys.list() if keys is not None else [],
        enabled=keys is not None,
        scopes=SCOPES,
        token=token,
        created=created,
        error=error,
    )


@router.get("/keys")
def keys_page(request: Request) -> Response:
    return _page(request)


@router.post("/keys")
def create_key(
    request: Request,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    scope: Annotated[str, Form(max_length=20)] = "",
    label: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    session = require(request, "admin")
    check_csrf(session, csrf_token)
    keys = context(request).keys
    if keys is None:
        raise NotFoundError("API keys are off (SANCTIO_API_AUTH=off): there is no key store")
    try:
        key, token = keys.create(scope, label.strip())
    except InputError as exc:
        return _page(request, error=f"{exc.field}: {exc.message}")
    # The token is in this response only: the store keeps its hash.
    return _page(request, token=token, created=key.id)


@router.post("/keys/{key_id}/revoke")
def revoke_key(
    request: Request,
    key_id: Annotated[str, Path(max_length=20, pattern=r"^[0-9a-f]+$")],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    session = require(request, "admin")
    check_csrf(session, csrf_token)
    keys = context(request).keys
    if keys is None:
        raise NotFoundError("API keys are off (SANCTIO_API_AUTH=off): there is no key store")
    keys.revoke(key_id)
    return RedirectResponse("/ui/keys", status_code=303)
