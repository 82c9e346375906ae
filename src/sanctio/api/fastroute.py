"""Routes that parse ordinary requests in one pydantic call each and hand odd ones to FastAPI.

FastAPI validates each query parameter, dependency and the body in Python, per request
(~a third of a /match request's CPU). A fast route keeps the endpoint declared as usual,
so FastAPI still documents it, but first tries a handler that validates the query string
and the JSON body with one compiled pydantic call each. Whatever that handler declines
(returns None for), FastAPI answers as before, so every refusal keeps FastAPI's wording.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Generic, TypeVar, get_origin

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from pydantic_core import to_json
from starlette.exceptions import HTTPException

ModelT = TypeVar("ModelT", bound=BaseModel)
FastHandler = Callable[[Request], Awaitable[Response | None]]
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def fast_route(fast: FastHandler) -> type[APIRoute]:
    """An APIRoute class that tries `fast(request)` first; None hands the request to FastAPI.

    `fast` skips the endpoint's dependencies, so it must do their work itself.
    """

    class FastRoute(APIRoute):
        def get_route_handler(self) -> Handler:
            full = super().get_route_handler()

            async def handler(request: Request) -> Response:
                response = await fast(request)
                return response if response is not None else await full(request)

            return handler

    return FastRoute


async def json_body(request: Request, model: type[ModelT]) -> ModelT | None:
    """The body as `model` if it is valid JSON sent as application/json, else None."""
    content_type = request.headers.get("content-type", "")
    if content_type.partition(";")[0].strip().lower() != "application/json":
        return None
    try:
        body = await request.body()
    except HTTPException:
        raise  # a body over the limit is a 413 on either path
    except Exception:
        return None  # FastAPI words the failed read
    if not body:
        return None
    try:
        return model.model_validate_json(body)
    except ValidationError:
        return None


class QueryModel(Generic[ModelT]):
    """Reads a query-parameter model the way FastAPI does, then validates it in one call.

    As in FastAPI, a `list[...]` field takes every value of its parameter (none: the
    default) and any other field the last one; parameters the model lacks are ignored.
    """

    def __init__(self, model: type[ModelT]) -> None:
        self.model = model
        self.fields = [
            (name, get_origin(field.annotation) is list)
            for name, field in model.model_fields.items()
        ]
        # Most requests carry no query string: a frozen model's defaults are validated once.
        self._defaults: ModelT | None = None
        self._frozen = bool(model.model_config.get("frozen"))

    def parse(self, request: Request) -> ModelT | None:
        """The parameters as the model, or None if any is invalid."""
        if self._frozen and not request.scope.get("query_string"):
            if self._defaults is None:
                self._defaults = self.model.model_validate({})
            return self._defaults
        params = request.query_params
        values: dict[str, Any] = {}
        for name, repeated in self.fields:
            if repeated:
                items = params.getlist(name)
                if items:
                    values[name] = items
            else:
                value = params.get(name)
                if value is not None:
                    values[name] = value
        try:
            return self.model.model_validate(values)
        except ValidationError:
            return None


def json_response(content: Any, headers: Mapping[str, str] | None = None) -> Response:
    """`content` serialised once, in Rust, without a response-model round trip.

    The route's `response_model` still documents the shape; tests check that the bytes
    equal what that model would have produced.
    """
    return Response(to_json(content), media_type="application/json", headers=headers)
