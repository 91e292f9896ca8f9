"""Fulfilment (ORD-5): line statuses reported by an order manager or a
fulfilment system, and a fulfilled order turned into installed assets.

A report is idempotent: the status a line already has changes nothing, so a
fulfilment system may send the same report twice. A line moves forward
only, except back from In progress to Open; Committed is the point of no
return. When every line is Complete the order is Fulfilled and its lines
become assets with the bundle's structure, each asset and each change in
its history recorded once, whatever retries happen.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_update
from openprm.orders import asset_store
from openprm.orders.errors import OrderErrorCode
from openprm.orders.events import OrderFulfilled
from openprm.orders.line_audit import audit_statuses
from openprm.orders.models import (
    PAST_NO_RETURN,
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


def _checked(current: dict[int, str], reports: Sequence[StatusReport]) -> dict[int, str]:
    """The new status of each line that changes; every illegal report
    refused. `current` is each line of the order with its status."""
    changes: dict[int, str] = {}
    errors: dict[str, list[str]] = {}
    for index, report in enumerate(reports):
        if report.line_id not in current:
            errors[f"reports.{index}.line_id"] = [_("This line is not a line of the order.")]
            continue
        if report.status not in S.values:
            errors[f"reports.{index}.status"] = [_("Choose a fulfilment status.")]
            continue
        was = changes.get(report.line_id, current[report.line_id])
        if report.status == was:
            continue
        if report.status not in ALLOWED[S(was)]:
            errors[f"reports.{index}.status"] = [
                _("Fulfilment transition: a line cannot go from %(old)s back to %(new)s.")
                % {"old": S(was).label, "new": S(report.status).label}
            ]
            continue
        changes[report.line_id] = report.status
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
        current = dict(
            access.unscoped(OrderLine).filter(order=order).values_list("pk", "fulfilment_status")
        )
        changes = _checked(current, reports)
        if not changes:
            return order
        if order.state == OrderState.FULFILLED:
            raise _refuse_state(order)
        audit_statuses(actor=actor, order=order, before=current, changes=changes)
        for status in set(changes.values()):
            ids = [pk for pk, new in changes.items() if new == status]
            access.unscoped(OrderLine).filter(pk__in=ids).update(fulfilment_status=status)
        statuses = set((current | changes).values())  # the order is locked: no other report
        if statuses & set(PAST_NO_RETURN):
            cancel_pending_revisions(actor, order)
        state = OrderState.OPEN if statuses == {S.OPEN} else OrderState.IN_PROGRESS
        if statuses == {S.COMPLETE}:
            state = OrderState.FULFILLED
        # Only the state changes, to one that is never Pending: the order's
        # other fields are as stored, so there is nothing to validate again.
        order = record_update(
            actor=actor, instance=order, changes={"state": state}, expected_version=None,
            clean=False,
        )  # fmt: skip
        if state == OrderState.FULFILLED:
            installed = assets_from(order=order)
            publish(OrderFulfilled(actor=actor, record=order, assets=installed))
    return order


def _depths(lines: Sequence[tuple[int, int | None]]) -> list[list[int]]:
    """The order's line ids by their depth in the bundle structure; `lines`
    are (id, parent id) in position order, parents first."""
    depth: dict[int, int] = {}
    for pk, parent_id in lines:
        depth[pk] = depth[parent_id] + 1 if parent_id in depth else 0
    levels: list[list[int]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for pk, _parent_id in lines:
        levels[depth[pk]].append(pk)
    return levels


def assets_from(*, order: Order) -> int:
    """ORD-5, ORD-9: Add lines become assets under their parent's asset,
    Update lines change theirs, Delete lines end theirs (inactive, with an
    end date, history kept). One insert per level of the structure and one
    statement for each of the rest, whatever the number of lines; a line
    that already made its asset makes none again."""
    today = timezone.localdate()
    rows = list(
        access.unscoped(OrderLine)
        .filter(order=order)
        .order_by("position", "pk")
        .values_list("pk", "parent_id", "action")
    )
    adds = {pk for pk, _parent, action in rows if action == LineAction.ADD}
    created = 0
    for level in _depths([(pk, parent_id) for pk, parent_id, _action in rows]):
        created += asset_store.install(order, [pk for pk in level if pk in adds], today)
    asset_store.change(order, {action for _pk, _parent, action in rows}, today)
    asset_store.record_history(order, today)
    return created
