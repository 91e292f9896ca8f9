"""JSON API of the setup checklist (PRG-9): the partners whose setup is
incomplete and the steps each lacks (Manage Partners)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import sort_choices
from openprm.onboarding import tables
from openprm.onboarding.filters import SetupFilter
from openprm.onboarding.schemas import PartnerSetupOut
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerProfile

router = Router(tags=["partner setup"])


@router.get("/partner-setup", response=list[PartnerSetupOut])
@reads(PartnerProfile, privilege=MANAGE_PARTNERS)
@paginate(PagePagination)
def partner_setup_list(
    request: HttpRequest,
    filters: Query[SetupFilter],
    sort: sort_choices(tables.INCOMPLETE.sortable) = tables.INCOMPLETE.default_sort,
) -> Any:
    """Partners with a step missing; `missing=<step>` keeps those lacking that step."""
    return tables.INCOMPLETE.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )
