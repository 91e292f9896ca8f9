"""Submitting, revising and cancelling orders (ORD-4, ORD-7): a revision is
a complete new version with the same number, the earlier one kept as
read-only history, one pending revision at a time."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openprm.core.actor import Actor
from openprm.core.errors import Conflict, PermissionRefused, ValidationFailed
from openprm.orders.lines import LineSpec
from openprm.orders.models import Order
from openprm.orders.services import (
    kept_specs,
    order_cancel,
    order_diff,
    order_lines_replace,
    order_revise,
    order_submit,
)
from tests.orders.conftest import complete, family

pytestmark = pytest.mark.django_db


def submitted(order: Order, actor: Actor) -> Order:
    return order_submit(actor=actor, order=order, expected_version=order.version)


def kept(order: Order, extra: list[LineSpec]) -> list[LineSpec]:
    return [*kept_specs(order), *extra]


@pytest.fixture
def open_order(stock_order: Callable[..., Order], nw_power: Actor) -> Order:
    return submitted(stock_order(), nw_power)


def test_ord_7_the_next_morning_two_lines_are_added_by_a_complete_new_revision(
    open_order: Order, nw_power: Actor, telemedia: dict[str, Any]
) -> None:
    assert open_order.state == "open"
    revision = order_revise(actor=nw_power, order=open_order)
    assert (revision.number, revision.revision, revision.state) == (open_order.number, 2, "pending")
    assert revision.lines.count() == open_order.lines.count() == 8  # a complete copy
    more = [
        LineSpec(
            product_id=telemedia["LINE"].pk, parent_index=0, option_ids=[telemedia["DATA-5"].pk]
        )
        for _ in range(2)
    ]
    revision = order_lines_replace(
        actor=nw_power, order=revision, lines=kept(revision, more),
        expected_version=revision.version,
    )  # fmt: skip
    revision = submitted(revision, nw_power)
    open_order.refresh_from_db()
    assert (open_order.state, revision.state) == ("superseded", "open")
    assert revision.lines.filter(product=telemedia["LINE"]).count() == 5
    difference = order_diff(actor=nw_power, before=open_order, after=revision)
    assert [c.product for c in difference.added] == ["Family line", "Data pack 5 GB"] * 2
    assert difference.removed == []
    assert difference.changed == []
    assert difference.monthly_change == Decimal("25.60")  # two lines at 12.80 with their pack


def test_ord_7_an_earlier_revision_is_read_only_history(open_order: Order, nw_power: Actor) -> None:
    revision = submitted(order_revise(actor=nw_power, order=open_order), nw_power)
    open_order.refresh_from_db()
    for attempt in (
        lambda: order_revise(actor=nw_power, order=open_order),
        lambda: order_cancel(actor=nw_power, order=open_order, expected_version=open_order.version),
        lambda: order_lines_replace(
            actor=nw_power, order=open_order, lines=[], expected_version=None
        ),
    ):
        with pytest.raises(Conflict):
            attempt()
    assert revision.state == "open"


def test_ord_7_a_second_pending_revision_is_refused_with_409(
    open_order: Order, nw_power: Actor
) -> None:
    first = order_revise(actor=nw_power, order=open_order)
    with pytest.raises(Conflict) as error:
        order_revise(actor=nw_power, order=open_order)
    assert error.value.status == 409
    assert error.value.code == "order_revision_pending"
    assert f"revision 2 of {open_order.number} is already pending" in error.value.message
    assert Order.objects.filter(number=open_order.number).count() == 2
    assert first.state == "pending"


def test_ord_7_an_unsubmitted_order_cannot_be_revised(
    stock_order: Callable[..., Order], nw_power: Actor
) -> None:
    with pytest.raises(Conflict) as error:
        order_revise(actor=nw_power, order=stock_order())
    assert "an unsubmitted order cannot be revised" in error.value.message


def test_ord_2_a_standard_user_cannot_revise(open_order: Order, nw_rep: Actor) -> None:
    with pytest.raises(PermissionRefused) as error:
        order_revise(actor=nw_rep, order=open_order)
    assert "power user" in error.value.message


def test_ord_7_the_product_of_a_line_cannot_change_within_a_revision(
    open_order: Order, nw_power: Actor, telemedia: dict[str, Any]
) -> None:
    revision = order_revise(actor=nw_power, order=open_order)
    specs = kept_specs(revision)
    plan = specs[1]
    specs[1] = LineSpec(product_id=telemedia["LINE"].pk, parent_index=0, line_id=plan.line_id)
    with pytest.raises(ValidationFailed) as error:
        order_lines_replace(
            actor=nw_power, order=revision, lines=specs, expected_version=revision.version
        )
    codes = [problem["code"] for problem in error.value.extra["problems"]]
    assert "order_line_product_changed" in codes
    assert "remove the line and add another" in error.value.message
    assert revision.lines.count() == 8


def test_ord_7_a_revision_is_cancelled_never_deleted_and_the_order_stands(
    open_order: Order, nw_power: Actor
) -> None:
    revision = order_revise(actor=nw_power, order=open_order)
    revision = order_cancel(actor=nw_power, order=revision, expected_version=revision.version)
    open_order.refresh_from_db()
    assert (revision.state, open_order.state) == ("cancelled", "open")
    assert Order.objects.filter(number=open_order.number).count() == 2
    assert order_revise(actor=nw_power, order=open_order).revision == 3


@pytest.mark.parametrize("status", ["committed", "complete"])
def test_ord_7_past_the_point_of_no_return_an_order_cannot_be_revised(
    open_order: Order, nw_power: Actor, manager: Actor, status: str
) -> None:
    order = complete(manager, open_order, status)
    with pytest.raises(Conflict) as error:
        order_revise(actor=nw_power, order=order)
    assert error.value.code == "order_revision_not_allowed"
    assert ("point of no return" if status == "committed" else "Fulfilled") in error.value.message


def test_ord_7_a_cancelled_order_cannot_be_revised(open_order: Order, nw_power: Actor) -> None:
    order = order_cancel(actor=nw_power, order=open_order, expected_version=open_order.version)
    with pytest.raises(Conflict) as error:
        order_revise(actor=nw_power, order=order)
    assert "Cancelled and cannot be revised" in error.value.message


def test_ord_7_cancelling_an_order_cancels_its_pending_revision(
    open_order: Order, nw_power: Actor
) -> None:
    revision = order_revise(actor=nw_power, order=open_order)
    order_cancel(actor=nw_power, order=open_order, expected_version=open_order.version)
    revision.refresh_from_db()
    assert revision.state == "cancelled"


@pytest.mark.parametrize(
    ("status", "revision_state"),
    [("in_progress", "pending"), ("committed", "cancelled"), ("complete", "cancelled")],
)
def test_ord_7_an_order_past_its_point_of_no_return_cancels_its_pending_revision(
    open_order: Order, nw_power: Actor, manager: Actor, status: str, revision_state: str
) -> None:
    """Past that point the revision could never be submitted, so it does not
    wait as a coming change: it is cancelled, and kept. Before it, it stays."""
    revision = order_revise(actor=nw_power, order=open_order)
    complete(manager, open_order, status)
    revision.refresh_from_db()
    assert revision.state == revision_state


def test_ord_4_a_revision_copies_every_line_and_its_structure_in_fixed_statements(
    stock_order: Callable[..., Order], nw_power: Actor, telemedia: dict[str, Any]
) -> None:
    """The copy is the database's work: a 5-line family plan and a 17-line
    one are revised in the same number of statements, and each copy keeps
    its place under the copy of its bundle."""
    counts = []
    for lines in (1, 5):
        order = submitted(stock_order(family(telemedia, lines=lines)), nw_power)
        with CaptureQueriesContext(connection) as queries:
            revision = order_revise(actor=nw_power, order=order)
        counts.append(len(queries))
        copied = {
            (line.key, line.parent.key if line.parent else None, line.quantity, line.monthly_amount)
            for line in revision.lines.select_related("parent")
        }
        original = {
            (line.key, line.parent.key if line.parent else None, line.quantity, line.monthly_amount)
            for line in order.lines.select_related("parent")
        }
        assert copied == original
        assert all(
            line.parent.order_id == revision.pk for line in revision.lines.exclude(parent=None)
        )
        assert (revision.one_time_total, revision.monthly_total) == (
            order.one_time_total,
            order.monthly_total,
        )
    assert counts[0] == counts[1]
