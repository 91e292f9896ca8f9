"""An order's History tab (PLAT-5, ORD-3, ORD-4, ORD-7): the revision's
audit trail on the internal and the portal order page, a page at a time;
a revision that a submitted one supersedes, and a pending revision
cancelled with its order, each leave an entry. Assertions use codes and
the labels the models give them, never words typed here."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from openprm.core.actor import Actor
from openprm.core.audit.selectors import audit_history
from openprm.core.audit.services import audit_parts
from openprm.core.money import money
from openprm.identity.models import User
from openprm.orders.history import HISTORY_PER_PAGE
from openprm.orders.models import FulfilmentStatus, Order, OrderState
from openprm.orders.services import (
    StatusReport,
    fulfilment_report,
    order_cancel,
    order_line_add,
    order_line_remove,
    order_revise,
    order_submit,
)
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_order(stock_order: Callable[..., Order], nw_power: Actor) -> Order:
    order = stock_order()
    return order_submit(actor=nw_power, order=order, expected_version=order.version)


def state_changes(actor: Actor, order: Order) -> list[list[str]]:
    return [
        e.changes["state"]
        for e in audit_history(actor=actor, instance=order)
        if "state" in e.changes
    ]


def test_ord_4_the_superseded_revision_records_its_supersession(
    open_order: Order, nw_power: Actor
) -> None:
    revision = order_revise(actor=nw_power, order=open_order)
    order_submit(actor=nw_power, order=revision, expected_version=revision.version)
    assert state_changes(nw_power, open_order)[0] == [OrderState.OPEN, OrderState.SUPERSEDED]


def test_ord_7_a_pending_revision_cancelled_with_its_order_records_it(
    open_order: Order, nw_power: Actor
) -> None:
    revision = order_revise(actor=nw_power, order=open_order)
    open_order.refresh_from_db()
    order_cancel(actor=nw_power, order=open_order, expected_version=open_order.version)
    assert state_changes(nw_power, revision)[0] == [OrderState.PENDING, OrderState.CANCELLED]
    assert state_changes(nw_power, open_order)[0] == [OrderState.OPEN, OrderState.CANCELLED]


def test_ord_5_the_internal_order_page_shows_fulfilment_on_its_history_tab(
    client_for: Callable[[User], Client], sales_admin: User, manager: Actor, open_order: Order
) -> None:
    line = open_order.lines.get(product__code="FAMILY")
    fulfilment_report(
        actor=manager,
        order=open_order,
        reports=[StatusReport(line.pk, FulfilmentStatus.IN_PROGRESS)],
    )
    url = reverse("orders:order_detail", args=[open_order.pk])
    page = client_for(sales_admin).get(f"{url}?tab=history").content.decode()
    assert 'data-testid="order-history"' in page
    assert 'data-testid="order-lines"' not in page  # the Details tab's lines are not drawn
    assert f"#{line.pk} {line.product.name}" in page
    assert str(FulfilmentStatus.IN_PROGRESS.label) in page
    # created, submitted, the line reported, the order in progress
    assert page.count('data-testid="history-entry"') == 4


def test_ord_3_the_portal_history_tab_pages_through_line_changes(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], nw_power: Actor,
    stock_order: Callable[..., Order], telemedia: dict[str, Any],
) -> None:  # fmt: skip
    order = stock_order()
    bundle = order.lines.get(product__code="FAMILY")
    for _ in range(HISTORY_PER_PAGE // 4 + 1):  # two entries each: the line, the totals
        order = order_line_add(
            actor=nw_power, order=order, product_id=telemedia["LINE"].pk,
            parent_line_id=bundle.pk, expected_version=order.version,
        )  # fmt: skip
        added = order.lines.order_by("-pk").first()
        order = order_line_remove(
            actor=nw_power, order=order, line_id=added.pk, expected_version=order.version
        )
    client = client_for(two_partners["nw_admin"].user)
    url = reverse("portal:order_detail", args=[order.pk])
    first = client.get(f"{url}?tab=history").content.decode()
    assert first.count('data-testid="history-entry"') == HISTORY_PER_PAGE
    assert f"#{added.pk} {added.product.name}" in first
    assert money(order.monthly_total, order.currency) in first  # the totals in their currency
    assert 'rel="next"' in first
    second = client.get(f"{url}?tab=history&page=2").content.decode()
    total = audit_history(actor=nw_power, instance=order).count()
    assert HISTORY_PER_PAGE < total < 2 * HISTORY_PER_PAGE
    assert second.count('data-testid="history-entry"') == total - HISTORY_PER_PAGE
    assert 'rel="prev"' in second


def test_ord_3_another_partners_order_history_is_not_found(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], open_order: Order
) -> None:
    client = client_for(two_partners["co_rep"].user)
    url = reverse("portal:order_detail", args=[open_order.pk])
    assert client.get(f"{url}?tab=history").status_code == 404


def _history_table(client: Client, url: str) -> str:
    page = client.get(f"{url}?tab=history").content.decode()
    return page[page.index('data-testid="order-history"') :]


def test_prg_7_the_portal_history_names_the_brand_owner_by_name_and_another_partner_by_no_name(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], open_order: Order,
    manager: Actor, sales_admin: User,
) -> None:  # fmt: skip
    """PRG-7: on its own order's History a partner user reads the brand
    owner's order manager by full name, never by sign-in name, and an entry
    written by a user of another partner organization (a shared deal's
    team member, DEAL-9; written here straight to the trail, as no service
    lets another partner touch an order) as "Another partner", without that
    person's sign-in or full name. The brand owner's people read every
    author by name, as before."""
    User.objects.filter(pk=sales_admin.pk).update(first_name="Samantha", last_name="Seller")
    line = open_order.lines.get(product__code="FAMILY")
    fulfilment_report(
        actor=manager,
        order=open_order,
        reports=[StatusReport(line.pk, FulfilmentStatus.IN_PROGRESS)],
    )
    stranger = two_partners["co_rep"].user
    audit_parts(
        actor=as_actor(stranger),
        instance=open_order,
        changes={"monthly_total": [str(open_order.monthly_total), "1.00"]},
    )
    stranger_name = stranger.get_full_name()
    assert stranger_name
    portal = _history_table(
        client_for(two_partners["nw_admin"].user),
        reverse("portal:order_detail", args=[open_order.pk]),
    )
    assert "<td>Samantha Seller</td>" in portal
    assert sales_admin.username not in portal
    assert f"<td>{gettext('Another partner')}</td>" in portal
    assert stranger.username not in portal
    assert stranger_name not in portal
    internal = _history_table(
        client_for(sales_admin), reverse("orders:order_detail", args=[open_order.pk])
    )
    assert f"<td>{stranger_name}</td>" in internal
    assert f"<td>{two_partners['nw_admin'].user.get_full_name()}</td>" in internal
    assert "<td>Samantha Seller</td>" in internal
