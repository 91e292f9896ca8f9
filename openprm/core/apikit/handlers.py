"""Small pieces every app's API handlers repeated: reading `custom.*` query
parameters and turning a PATCH body into the changes a service applies."""

from collections.abc import Collection
from typing import Any

from django.http import HttpRequest
from ninja import Schema

CUSTOM_PARAM = "custom."


def custom_filters(request: HttpRequest) -> dict[str, str]:
    """PLAT-7 search: `?custom.<name>=value` query parameters by field name."""
    return {
        key.removeprefix(CUSTOM_PARAM): value
        for key, value in request.GET.items()
        if key.startswith(CUSTOM_PARAM)
    }


def sent_changes(
    payload: Schema, *, exclude: Collection[str] = (), nullable: Collection[str] | None = None
) -> dict[str, Any]:
    """The fields a PATCH body sent, so an absent field is never overwritten.

    `version` is left out: it is the expected version (PLAT-6), not a change.
    With `nullable`, a sent null is dropped unless it names a field that may be
    emptied (schemas make fields optional, not every column nullable).
    """
    sent = payload.model_dump(exclude_unset=True, exclude={"version", *exclude})
    if nullable is None:
        return sent
    return {key: value for key, value in sent.items() if value is not None or key in nullable}
