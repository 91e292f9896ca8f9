"""RFC 9457 problem details for every API error.

One renderer for domain errors, validation errors, authentication and
not-found, so a client always gets `type`, `title`, `status`, `detail`, a
stable `code` and, for input errors, `errors` by field.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel

from openprm.core.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, extended with `code` and field `errors`."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldError] = []
    model_config = {"extra": "allow"}


def problem_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    errors: Mapping[str, Sequence[str]] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "errors": [
            {"field": field, "message": message}
            for field, messages in (errors or {}).items()
            for message in messages
        ],
        **(extra or {}),
    }
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def _location(loc: Sequence[Any]) -> str:
    """`['body', 'payload', 'name']` → `name`: the field as the client sent it."""
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    if len(parts) > 1 and parts[0] in ("payload", "data", "filters"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def install_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return problem_response(
            api,
            request,
            status=exc.status,
            code=exc.code,
            title=str(exc.title),
            detail=exc.message,
            errors=exc.field_errors,
            extra=exc.extra,
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_location(error.get("loc", ())), []).append(str(error.get("msg", "")))
        return problem_response(
            api,
            request,
            status=422,
            code="validation_failed",
            title=_("Some values are not valid"),
            detail=_("Check the values of the fields listed in errors."),
            errors=errors,
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem_response(
            api,
            request,
            status=401,
            code="not_authenticated",
            title=_("Authentication required"),
            detail=_("Sign in, or send a valid personal access token as a Bearer token."),
        )
        response["WWW-Authenticate"] = 'Bearer realm="openprm"'
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(
            api, request, status=404, code="not_found", title=_("Not found"), detail=_("Not found")
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(
            api,
            request,
            status=exc.status_code,
            code="http_error",
            title=str(exc),
            detail=str(exc),
        )
