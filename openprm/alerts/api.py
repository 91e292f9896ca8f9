"""JSON API of portal alerts (PRG-8): the channel team writes them (Manage
Partner Programs); a partner user reads those aimed at it and dismisses
them."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.alerts import selectors, services, tables
from openprm.alerts.filters import AlertFilter
from openprm.alerts.models import Alert
from openprm.alerts.schemas import AlertIn, AlertOut, AlertUpdateIn
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices

router = Router(tags=["alerts"])
AUDIENCE = ("programs", "tiers", "partners")


@router.get("/alerts", response=list[AlertOut])
@reads(Alert)
@paginate(PagePagination)
def alert_list(
    request: HttpRequest,
    filters: Query[AlertFilter],
    sort: sort_choices(tables.ALERTS.sortable) = tables.ALERTS.default_sort,
) -> Any:
    """Every alert for Manage Partner Programs; a partner user's running ones aimed at it."""
    return tables.ALERTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/alerts", response={201: AlertOut})
def alert_create(request: HttpRequest, payload: AlertIn) -> Status[Alert]:
    """Needs Manage Partner Programs; refused when it ends before it starts,
    is aimed at nobody or at a tier of another program than those chosen."""
    data = payload.model_dump(exclude=set(AUDIENCE))
    alert = services.alert_create(
        actor=request.actor, data=data, **{name: getattr(payload, name) for name in AUDIENCE}
    )
    return Status(201, selectors.alert_get(actor=request.actor, pk=alert.pk))


@router.get("/alerts/{alert_id}", response=AlertOut)
@reads(Alert)
def alert_detail(request: HttpRequest, alert_id: RecordId) -> Alert:
    return selectors.alert_get(actor=request.actor, pk=alert_id)


@router.patch("/alerts/{alert_id}", response=AlertOut)
def alert_update(request: HttpRequest, alert_id: RecordId, payload: AlertUpdateIn) -> Alert:
    alert = selectors.alert_get(actor=request.actor, pk=alert_id)
    services.alert_update(
        actor=request.actor,
        alert=alert,
        changes=sent_changes(payload, exclude=AUDIENCE, nullable=("ends_on", "product_id")),
        expected_version=payload.version,
        **{name: getattr(payload, name) for name in AUDIENCE},
    )
    return selectors.alert_get(actor=request.actor, pk=alert_id)


@router.post("/alerts/{alert_id}/dismiss", response=AlertOut)
def alert_dismiss(request: HttpRequest, alert_id: RecordId) -> Alert:
    """A partner user puts the alert away from its portal home, for good."""
    alert = selectors.alert_get(actor=request.actor, pk=alert_id)
    services.alert_dismiss(actor=request.actor, alert=alert)
    return selectors.alert_get(actor=request.actor, pk=alert_id)
