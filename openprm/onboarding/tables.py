"""The list of partners whose setup is incomplete (PRG-9), declared once
for the page, its files and the API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.onboarding import selectors
from openprm.onboarding.checklist import missing
from openprm.onboarding.filters import SetupFilter
from openprm.partners.models import PartnerProfile


def _incomplete(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[PartnerProfile]:
    step = filters.missing if filters is not None else None
    return selectors.incomplete_partners(actor=actor, missing=step)


def setup_url(partner: PartnerProfile) -> str:
    return reverse("onboarding:partner_setup", args=[partner.pk])


INCOMPLETE = ListSpec(
    name="onboarding.incomplete_partners",
    select=_incomplete,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column(
            "name",
            _("Partner"),
            lambda p: p.account.name,
            sort="account__name_search",
            link=setup_url,
        ),
        Column("status", _("Status"), lambda p: p.get_status_display(), sort="status"),
        Column(
            "missing",
            _("Missing steps"),
            lambda p: ", ".join(str(state.step.label) for state in missing(p)),
            cell="onboarding/cells/missing.html",
        ),
    ),
    filters=SetupFilter,
    default_sort="name",
    filename="partners-to-set-up",
)
