"""The profile options with their values and defaults (PLAT-3), declared
once for the page and the API."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.options.models import ProfileOption
from openprm.core.options.selectors import profile_option_list
from openprm.core.tables import Column, ListSpec, Query


def _options(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[ProfileOption]:
    return profile_option_list(actor=actor)


OPTIONS = ListSpec(
    name="core.options",
    select=_options,
    columns=(
        Column("code", _("Code"), cell="core/cells/code.html"),
        Column("name", _("Name"), cell="core/cells/described_name.html"),
        Column("value", _("Value"), cell="core/cells/option_value.html"),
        Column("default_value", _("Default")),
        Column("edit", "", cell="core/cells/option_edit.html"),
    ),
    sorts={"code": ("code",)},
    default_sort="code",
    row_key=lambda o: f"option-{o.code}",
)
