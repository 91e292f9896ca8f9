"""An order's lines on its history (PLAT-5, ORD-3, ORD-5, ORD-7): a line
added to or removed from a revision, and a fulfilment status reported,
each show on the order's audit trail naming the line and its product; a
report that changes nothing writes nothing. The trail holds codes, not
the words of the writer's language."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.core.actor import Actor
from openprm.core.audit.selectors import audit_history
from openprm.orders.models import Order
from openprm.orders.services import (
    StatusReport,
    fulfilment_report,
    order_line_add,
    order_line_remove,
    order_revise,
    order_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision(stock_order: Callable[..., Order], nw_power: Actor) -> Order:
    order = stock_order()
    order = order_submit(actor=nw_power, order=order, expected_version=order.version)
    return order_revise(actor=nw_power, order=order)


def latest_changes(actor: Actor, order: Order) -> dict[str, list[Any]]:
    return audit_history(actor=actor, instance=order).first().changes


def test_ord_7_a_line_added_to_and_removed_from_a_revision_shows_in_its_history(
    revision: Order, nw_power: Actor, telemedia: dict[str, Any]
) -> None:
    bundle = revision.lines.get(product__code="FAMILY")
    revision = order_line_add(
        actor=nw_power,
        order=revision,
        product_id=telemedia["LINE"].pk,
        parent_line_id=bundle.pk,
        expected_version=revision.version,
    )
    added = revision.lines.order_by("-pk").first()
    key = f"line.{added.pk}"
    history = audit_history(actor=nw_power, instance=revision)
    lines_entry = next(e for e in history if key in e.changes)
    assert lines_entry.changes[key] == [
        None,
        {
            "product": "LINE",
            "name": "Family line",
            "action": "add",
            "quantity": "1",
            "one_time": "0.00",
            "monthly": "9.60",
            "status": "open",
        },
    ]
    assert len(lines_entry.changes) == 1  # the lines kept as they were are not listed
    revision = order_line_remove(
        actor=nw_power, order=revision, line_id=added.pk, expected_version=revision.version
    )
    removed = next(e for e in audit_history(actor=nw_power, instance=revision) if key in e.changes)
    assert removed.changes[key][1] is None


def test_ord_5_fulfilment_reports_show_in_the_orders_history_once(
    stock_order: Callable[..., Order], nw_power: Actor, manager: Actor
) -> None:
    order = stock_order()
    order = order_submit(actor=nw_power, order=order, expected_version=order.version)
    line = order.lines.get(product__code="FAMILY")
    report = [StatusReport(line.pk, "in_progress")]
    order = fulfilment_report(actor=manager, order=order, reports=report)
    entries = audit_history(actor=manager, instance=order)
    key = f"line.{line.pk}.fulfilment_status"
    assert [e.changes[key] for e in entries if key in e.changes] == [["open", "in_progress"]]
    count = entries.count()
    fulfilment_report(actor=manager, order=order, reports=report)
    assert audit_history(actor=manager, instance=order).count() == count
