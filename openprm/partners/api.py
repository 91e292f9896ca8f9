"""JSON API for partners and partner contacts (PA-1..PA-6, PC-1..PC-6).
Handlers parse, call a service or selector, render. Partner contacts and
the partner's portal are contact_api.py."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.conflicts import answers_duplicates
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.customers.schemas import DuplicateAccountOut
from openprm.customers.selectors import account_get
from openprm.partners import contact_api, selectors, services, tables
from openprm.partners.filters import PartnerFilter
from openprm.partners.models import PartnerProfile
from openprm.partners.schemas import (
    NULLABLE_UPDATE_FIELDS,
    ManagedIn,
    PartnerCreateIn,
    PartnerHierarchyOut,
    PartnerOut,
    PartnerProfileOut,
    PartnerUpdateIn,
    PartnerVersionIn,
)

router = Router(tags=["partners"])
router.add_router("", contact_api.router)


@router.get("/partners", response=list[PartnerOut])
@reads(PartnerProfile)
@paginate(PagePagination)
def partner_list(
    request: HttpRequest,
    filters: Query[PartnerFilter],
    sort: sort_choices(tables.PARTNERS.sortable) = tables.PARTNERS.default_sort,
) -> Any:
    """PA-2: managed partners; sort by name, status, country, region or
    created (prefix `-` for descending)."""
    return tables.PARTNERS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/partners", response={201: PartnerOut})
@answers_duplicates(DuplicateAccountOut)
def partner_create(request: HttpRequest, payload: PartnerCreateIn) -> Status[PartnerProfile]:
    """PA-2/PA-6: 422 `primary_contact_required` without a primary contact
    while ZPM_PARTNER_CONTACT_MANDATORY is Yes; 409 `duplicate_accounts`
    unless `confirm_duplicates`."""
    partner = services.partner_create(
        actor=request.actor,
        data=payload.model_dump(
            exclude={"custom", "confirm_duplicates", "primary_contact"}, exclude_unset=True
        ),
        custom=payload.custom,
        primary_contact=(
            payload.primary_contact.model_dump() if payload.primary_contact is not None else None
        ),
        confirm_duplicates=payload.confirm_duplicates,
    )
    return Status(201, selectors.partner_get(actor=request.actor, pk=partner.pk))


@router.get("/partners/{partner_id}", response=PartnerOut)
@reads(PartnerProfile)
def partner_detail(request: HttpRequest, partner_id: RecordId) -> PartnerProfile:
    return selectors.partner_get(actor=request.actor, pk=partner_id)


@router.patch("/partners/{partner_id}", response=PartnerOut)
def partner_update(request: HttpRequest, partner_id: RecordId, payload: PartnerUpdateIn) -> Any:
    """PLAT-6: `version` is the partner's; 409 when stale."""
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    services.partner_update(
        actor=request.actor,
        partner=partner,
        changes=sent_changes(payload, exclude={"custom"}, nullable=NULLABLE_UPDATE_FIELDS),
        custom=payload.custom,
        expected_version=payload.version,
    )
    return selectors.partner_get(actor=request.actor, pk=partner_id)


@router.post("/partners/{partner_id}/inactivate", response=PartnerOut)
def partner_inactivate(
    request: HttpRequest, partner_id: RecordId, payload: PartnerVersionIn
) -> Any:
    """PA-4: the partner screens never delete; they inactivate."""
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    services.partner_set_status(
        actor=request.actor,
        partner=partner,
        status=PartnerProfile.Status.INACTIVE,
        expected_version=payload.version,
    )
    return selectors.partner_get(actor=request.actor, pk=partner_id)


@router.post("/partners/{partner_id}/activate", response=PartnerOut)
def partner_activate(request: HttpRequest, partner_id: RecordId, payload: PartnerVersionIn) -> Any:
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    services.partner_set_status(
        actor=request.actor,
        partner=partner,
        status=PartnerProfile.Status.ACTIVE,
        expected_version=payload.version,
    )
    return selectors.partner_get(actor=request.actor, pk=partner_id)


@router.get("/partners/{partner_id}/hierarchy", response=PartnerHierarchyOut)
@reads(PartnerProfile)
def partner_hierarchy(request: HttpRequest, partner_id: RecordId) -> dict[str, Any]:
    """PA-5: the account hierarchy the partner belongs to, partners marked."""
    partner = selectors.partner_get(actor=request.actor, pk=partner_id)
    tree = selectors.partner_hierarchy(actor=request.actor, partner=partner)
    return {
        "ancestors": [{"id": a.pk, "name": a.name} for a in tree.ancestors],
        "nodes": [
            {
                "id": n.id,
                "name": n.name,
                "account_type": n.account_type,
                "parent_id": n.parent_id,
                "depth": n.depth,
                "is_partner": n.id in tree.partner_account_ids,
            }
            for n in tree.nodes
        ],
    }


@router.put("/accounts/{account_id}/managed-partner", response=PartnerProfileOut)
def account_managed_partner(
    request: HttpRequest, account_id: RecordId, payload: ManagedIn
) -> PartnerProfile:
    """PA-2: the account screens set the managed-partner flag by hand; the
    account shows among partners only when its type is Partner as well."""
    account = account_get(actor=request.actor, pk=account_id)
    return services.partner_mark_managed(
        actor=request.actor, account=account, managed=payload.managed_partner
    )
