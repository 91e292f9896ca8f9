"""Fulfilment (ORD-5): line statuses reported by an order manager or a
fulfilment system, and a fulfilled order turned into installed assets.

A report is idempotent: the status a line already has changes nothing, so a
fulfilment system may send the same report twice. A line moves forward
only, except back from In progress to Open; Committed is the point of no
return. When every line is Complete the order is Fulfilled and its lines
become assets with the bundle's structure, each asset and each change in
its history recorded once, whatever retries happen.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_update
from openprm.orders.errors import OrderErrorCode
from openprm.orders.events import OrderFulfilled
from openprm.orders.line_audit import audit_statuses
from openprm.orders.models import (
    PAST_NO_RETURN,
    Asset,
    AssetEvent,
    AssetStatus,
    FulfilmentStatus,
    LineAction,
    Order,
    OrderLine,
    OrderState,
)
from openprm.orders.services.revisable import cancel_pending_revisions

S = FulfilmentStatus
ALLOWED = {
    S.OPEN: {S.IN_PROGRESS, S.COMMITTED, S.COMPLETE},
    S.IN_PROGRESS: {S.OPEN, S.COMMITTED, S.COMPLETE},
    S.COMMITTED: {S.COMPLETE},
    S.COMPLETE: set(),
}
"""Where a line may go from each status."""


@dataclass(frozen=True)
class StatusReport:
    line_id: int
    status: str


def _refuse_state(order: Order) -> Conflict:
    return Conflict(
        _("Fulfilment: %(order)s is %(state)s; only a submitted order is fulfilled.")
        % {"order": order, "state": order.get_state_display()},
        code=OrderErrorCode.STATE_REFUSES,
    )


def _checked(order: Order, reports: Sequence[StatusReport]) -> dict[int, str]:
    """The new status of each line that changes; every illegal report refused."""
    lines = {line.pk: line for line in access.unscoped(OrderLine).filter(order=order)}
    changes: dict[int, str] = {}
    errors: dict[str, list[str]] = {}
    for index, report in enumerate(reports):
        line = lines.get(report.line_id)
        if line is None:
            errors[f"reports.{index}.line_id"] = [_("This line is not a line of the order.")]
            continue
        if report.status not in S.values:
            errors[f"reports.{index}.status"] = [_("Choose a fulfilment status.")]
            continue
        current = changes.get(line.pk, line.fulfilment_status)
        if report.status == current:
            continue
        if report.status not in ALLOWED[S(current)]:
            errors[f"reports.{index}.status"] = [
                _("Fulfilment transition: a line cannot go from %(old)s back to %(new)s.")
                % {"old": S(current).label, "new": S(report.status).label}
            ]
            continue
        changes[line.pk] = report.status
    if errors:
        raise Conflict(
            " ".join(m for messages in errors.values() for m in messages),
            code=OrderErrorCode.FULFILMENT_TRANSITION,
            extra={"field_errors": errors},
        )
    return changes


def fulfilment_report(*, actor: Actor, order: Order, reports: Sequence[StatusReport]) -> Order:
    """Apply line status reports to a submitted order, all or none."""
    access.require(actor, "fulfil", order)
    if not reports:
        raise ValidationFailed(field_errors={"reports": [_("Report at least one line.")]})
    with transaction.atomic():
        order = access.unscoped(Order).select_for_update().get(pk=order.pk)
        if order.state not in (OrderState.OPEN, OrderState.IN_PROGRESS, OrderState.FULFILLED):
            raise _refuse_state(order)
        changes = _checked(order, reports)
        if not changes:
            return order
        if order.state == OrderState.FULFILLED:
            raise _refuse_state(order)
        reported = access.unscoped(OrderLine).filter(pk__in=changes).select_related("product")
        audit_statuses(actor=actor, order=order, lines=reported, changes=changes)
        for status in set(changes.values()):
            ids = [pk for pk, new in changes.items() if new == status]
            access.unscoped(OrderLine).filter(pk__in=ids).update(fulfilment_status=status)
        statuses = set(
            access.unscoped(OrderLine)
            .filter(order=order)
            .values_list("fulfilment_status", flat=True)
        )
        if statuses & set(PAST_NO_RETURN):
            cancel_pending_revisions(actor, order)
        if statuses == {S.COMPLETE}:
            order = record_update(
                actor=actor, instance=order, changes={"state": OrderState.FULFILLED},
                expected_version=None,
            )  # fmt: skip
            installed = assets_from(actor=actor, order=order)
            publish(OrderFulfilled(actor=actor, record=order, assets=installed))
        else:
            state = OrderState.OPEN if statuses == {S.OPEN} else OrderState.IN_PROGRESS
            order = record_update(
                actor=actor, instance=order, changes={"state": state}, expected_version=None
            )
    return order


def _depths(lines: Sequence[OrderLine]) -> list[list[OrderLine]]:
    by_pk = {line.pk: line for line in lines}
    depth: dict[int, int] = {}
    for line in lines:  # parents come first (position order)
        depth[line.pk] = depth[line.parent_id] + 1 if line.parent_id in by_pk else 0
    levels: list[list[OrderLine]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for line in lines:
        levels[depth[line.pk]].append(line)
    return levels


def assets_from(*, actor: Actor, order: Order) -> int:
    """ORD-5, ORD-9: Add lines become assets under their parent's asset,
    Update lines change theirs, Delete lines end theirs (inactive, with an
    end date, history kept). One insert per level of the structure; a line
    that already made its asset makes none again."""
    today = timezone.localdate()
    lines = list(access.unscoped(OrderLine).filter(order=order).order_by("position", "pk"))
    made: Mapping[int, int] = dict(
        access.unscoped(Asset).filter(origin__order=order).values_list("origin_id", "pk")
    )
    asset_of: dict[int, int | None] = {line.pk: line.asset_id for line in lines} | dict(made)
    events: list[AssetEvent] = []
    created = 0
    for level in _depths(lines):
        new = [
            Asset(
                customer_id=order.customer_id,
                partner_id=order.partner_id,
                product_id=line.product_id,
                parent_id=asset_of.get(line.parent_id) if line.parent_id else None,
                quantity=line.quantity,
                start_date=today,
                one_time_amount=line.one_time_amount,
                monthly_amount=line.monthly_amount,
                currency=order.currency,
                origin=line,
            )
            for line in level
            if line.action == LineAction.ADD and line.pk not in made
        ]
        Asset.objects.bulk_create(new)
        created += len(new)
        for asset in new:
            asset_of[asset.origin_id] = asset.pk
            events.append(_event(asset.pk, AssetEvent.Kind.INSTALLED, asset.origin, order))
        for line in level:
            if line.action == LineAction.UPDATE:
                access.unscoped(Asset).filter(pk=line.asset_id).update(
                    quantity=line.quantity,
                    one_time_amount=line.one_time_amount,
                    monthly_amount=line.monthly_amount,
                )
                events.append(_event(line.asset_id, AssetEvent.Kind.CHANGED, line, order))
            elif line.action == LineAction.DELETE:
                access.unscoped(Asset).filter(pk=line.asset_id, end_date__isnull=True).update(
                    status=AssetStatus.INACTIVE, end_date=today
                )
                events.append(_event(line.asset_id, AssetEvent.Kind.DISCONNECTED, line, order))
    AssetEvent.objects.bulk_create(events, ignore_conflicts=True)
    return created


def _event(asset_id: int | None, kind: str, line: OrderLine, order: Order) -> AssetEvent:
    return AssetEvent(
        asset_id=asset_id,
        kind=kind,
        on=timezone.localdate(),
        line=line,
        quantity=line.quantity,
        detail=f"{order.number} rev. {order.revision}",
    )
