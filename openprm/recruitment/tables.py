"""The recruitment lists: partner applications and campaigns, declared once
for pages, files and the API; both are the approvers' (403 to anyone else)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.privileges import require_privilege
from openprm.core.tables import Column, ListSpec, Query
from openprm.recruitment import selectors
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS
from openprm.recruitment.filters import ApplicationFilter
from openprm.recruitment.models import Application, Campaign


def _applications(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[Application]:
    require_privilege(actor, APPROVE_PARTNER_APPLICATIONS)
    rows = selectors.application_list(actor=actor)
    return filters.filter(rows) if filters is not None else rows


def _campaigns(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Campaign]:
    require_privilege(actor, APPROVE_PARTNER_APPLICATIONS)
    return selectors.campaign_list(actor=actor)


APPLICATIONS = ListSpec(
    name="recruitment.applications",
    select=_applications,
    filters=ApplicationFilter,
    columns=(
        Column("id", _("ID"), lambda a: a.pk, shown=False),
        Column(
            "company",
            _("Company"),
            lambda a: a.company_name,
            sort="name_search",
            link=Application.get_absolute_url,
        ),
        Column("country", _("Country"), lambda a: a.country.name),
        Column("program", _("Program"), lambda a: a.program.name, sort="program__name"),
        Column("contact", _("Contact"), lambda a: a.contact_name),
        Column("campaign", _("Campaign"), lambda a: a.campaign_code),
        Column(
            "state",
            _("State"),
            lambda a: a.get_state_display(),
            sort="state",
            cell="recruitment/cells/state.html",
        ),
        Column("submitted", _("Submitted"), lambda a: a.submitted_at, sort="submitted_at"),
    ),
    default_sort="-submitted",
    filename="partner-applications",
)

CAMPAIGNS = ListSpec(
    name="recruitment.campaigns",
    select=_campaigns,
    columns=(
        Column("id", _("ID"), lambda c: c.pk, shown=False),
        Column("code", _("Code"), sort="code", link=Campaign.get_absolute_url),
        Column("name", _("Name"), sort="name"),
        Column("active", _("Active"), lambda c: c.is_active),
    ),
    default_sort="code",
)
