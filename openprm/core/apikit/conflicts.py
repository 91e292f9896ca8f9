"""409 answers in the shapes the OpenAPI document gives them.

A stale update (PLAT-6) answers the stored record under `current` in the
operation's own output schema, read as the operation's path reads it (its
GET, with the same path parameters), never the table's columns; a create
that found duplicates lists `candidates` in the schema its handler declares
with `@answers_duplicates`. The document types both (`openapi.py`).
"""

import logging
from collections.abc import Callable
from functools import wraps
from inspect import unwrap
from typing import Any, TypeVar

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.operation import Operation, ResponseObject
from pydantic import BaseModel, ValidationError

from openprm.core.errors import DomainError, StaleVersion

logger = logging.getLogger(__name__)

H = TypeVar("H", bound=Callable[..., Any])
CANDIDATES = "openprm_duplicate_candidates"


def answers_duplicates(candidate: type[BaseModel]) -> Callable[[H], H]:
    """Declares that the handler may answer 409 with `candidates` of this
    schema (put it right under the router's decorator)."""

    def decorator(handler: H) -> H:
        setattr(handler, CANDIDATES, candidate)
        return handler

    return decorator


def declared_candidates(handler: Callable[..., Any]) -> type[BaseModel] | None:
    return getattr(handler, CANDIDATES, None)


def _reader(api: NinjaAPI, handler: Callable[..., Any]) -> Operation | None:
    """The GET operation that reads the handler's record: the one of its own
    path, or, for an action (`/registrations/{registration_id}/submit`), of
    the record's path before the action's name."""
    paths: dict[str, list[Operation]] = {}
    own = ""
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            paths.setdefault(path, []).extend(path_view.operations)
            if any(unwrap(op.view_func) is handler for op in path_view.operations):
                own = path
    while own:
        found = next((op for op in paths.get(own, []) if "GET" in op.methods), None)
        if found is not None or own.endswith("}"):
            return found
        own = own.rpartition("/")[0]
    return None


def _current(
    api: NinjaAPI, operation: Operation, request: HttpRequest, kwargs: dict[str, Any], exc: Any
) -> Any:
    response_model = operation.response_models.get(200)
    if not (isinstance(response_model, type) and issubclass(response_model, BaseModel)):
        return None
    record = exc.record
    reader = _reader(api, unwrap(operation.view_func))
    if reader is not None:
        path_params = {
            name
            for model in reader.models
            if model.__ninja_param_source__ == "path"
            for name in model.__ninja_flatten_map__
        }
        try:
            record = reader.view_func(
                request, **{k: v for k, v in kwargs.items() if k in path_params}
            )
        except DomainError:  # a record the caller may change but not read alone
            record = exc.record
    if record is None:
        return None
    try:
        validated = response_model.model_validate(
            ResponseObject(record), context={"request": request, "response_status": 200}
        )
    except ValidationError:
        # A record the output schema cannot read (not the operation's own
        # resource): its stored values, but only under the schema's names.
        logger.warning(
            "stale %s: current outside its output schema", unwrap(operation.view_func).__name__
        )
        output = response_model.model_fields["response"].annotation
        names = set(getattr(output, "model_fields", {}))
        return {k: v for k, v in exc.extra.get("current", {}).items() if k in names}
    dumped = validated.model_dump(
        by_alias=operation.by_alias,
        exclude_unset=operation.exclude_unset,
        exclude_defaults=operation.exclude_defaults,
        exclude_none=operation.exclude_none,
    )
    return dumped["response"]


def stale_in_output_schema(api: NinjaAPI) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An operation decorator for `api` (`api.add_decorator(...,
    mode="operation")`): a StaleVersion leaving the handler carries the
    record in the operation's output schema as `current`."""

    def decorate(view_func: Callable[..., Any]) -> Callable[..., Any]:
        operation: Operation = view_func._ninja_operation  # type: ignore[attr-defined]

        @wraps(view_func)
        def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                return view_func(request, *args, **kwargs)
            except StaleVersion as exc:
                current = _current(api, operation, request, kwargs, exc)
                if current is not None:
                    exc.extra["current"] = current
                raise

        return answered

    return decorate
