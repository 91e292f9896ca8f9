"""The lookup types with the number of their values (PLAT-4), declared once
for the page and the API."""

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.lookups.models import LookupType
from openprm.core.lookups.selectors import lookup_type_list
from openprm.core.tables import Column, ListSpec, Query


def _types(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[LookupType]:
    return lookup_type_list(actor=actor).annotate(value_count=Count("values"))


LOOKUP_TYPES = ListSpec(
    name="core.lookup_types",
    select=_types,
    columns=(
        Column("code", _("Code"), cell="core/cells/lookup_code.html"),
        Column("name", _("Name"), cell="core/cells/described_name.html"),
        Column("value_count", _("Values")),
        Column("system", "", cell="core/cells/lookup_system.html"),
    ),
    sorts={"code": ("code",)},
    default_sort="code",
)
