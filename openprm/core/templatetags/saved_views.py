"""`{% saved_views spec %}`: the signed-in user's saved views of a list, as
buttons above it, and the form that saves the list as shown."""

from typing import Any

from django import template

from openprm.core.savedviews.selectors import saved_view_list
from openprm.core.savedviews.services import view_query
from openprm.core.tables import ListSpec

register = template.Library()


@register.inclusion_tag("includes/saved_views.html", takes_context=True)
def saved_views(context: template.Context, spec: ListSpec) -> dict[str, Any]:
    request = context["request"]
    current = view_query(spec, request.META.get("QUERY_STRING", ""))
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "spec": spec,
        "views": list(saved_view_list(actor=request.actor, list_name=spec.name)),
        "current": current,
    }
