"""The portal layout names the partner organization it belongs to: a portal
user works in its own organization's space (PRG-7). The name is read only
when a page shows it."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from openprm.partners.selectors import own_organization_name


def portal_organization(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_partner:
        return {}
    return {"portal_organization": SimpleLazyObject(lambda: own_organization_name(actor=actor))}
