"""Refuse JSON bodies carrying a lone UTF-16 surrogate (`"\\ud800"`), naming the field.

JSON allows the escape, Python's decoder keeps it, and the text then fails wherever it
must become UTF-8 (the reply serialiser gave a 500 and a dropped connection). It is not
text anyone can write, so the request is refused up front: 400 `invalid_input` with the
path of the first such string, e.g. `queries.q1.properties.name.0`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctio.api.errors import field_path

#: A `\uD800`-`\uDFFF` escape: only then can a decoded JSON string hold a surrogate.
_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_path(value: Any, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The path to the first string (or key) holding a lone surrogate, None if none does."""
    if isinstance(value, str):
        return path if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(str(key)):
                return (*path, str(key).encode("utf-8", "backslashreplace").decode())
            found = surrogate_path(item, (*path, str(key)))
            if found is not None:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = surrogate_path(item, (*path, str(i)))
            if found is not None:
                return found
    return None


def _reply(field: str) -> bytes:
    message = (
        "invalid Unicode: a lone UTF-16 surrogate escape (\\ud800-\\udfff without its pair); "
        "expected text"
    )
    return json.dumps(
        {"error": {"code": "invalid_input", "message": message, "field": field}}
    ).encode()


class SurrogateGuard:
    """ASGI middleware: JSON bodies are read whole (the body limit runs first) and checked."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if _ESCAPE.search(body):
            try:
                found = surrogate_path(json.loads(body))
            except ValueError:
                found = None  # malformed JSON: the route's validation reports it
            if found is not None:
                reply = _reply(field_path(found) or "body")
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(reply)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": reply})
                return
        await self.app(scope, _replay([{"type": "http.request", "body": body}], receive), send)


def _is_json(scope: Scope) -> bool:
    """JSON, or no content type (FastAPI then reads the body as JSON too)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return b"json" in value.lower()
    return scope.get("method") in ("POST", "PUT", "PATCH")


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    """A receive() that hands out `messages`, then defers to `then` (disconnects)."""
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive
