"""An opportunity's product lines through `/api/v1/opportunities/{id}/lines`
and the opportunity page's buttons: one service, the amount always the
lines' total, never the last line removed (DEAL-1, DEAL-9, PLAT-6)."""

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from openprm.catalog.models import Product
from openprm.deals import services
from openprm.deals.models import Opportunity
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _lines_url(opportunity: Opportunity) -> str:
    return f"/api/v1/opportunities/{opportunity.pk}/lines"


def _add(client: Client, opportunity: Opportunity, body: dict[str, Any]) -> Any:
    return client.post(
        _lines_url(opportunity), json.dumps(body, default=str), content_type="application/json"
    )


def test_deal_1_lines_through_the_api_keep_the_amount_the_lines_total(
    api_client_for: Callable[[User], Client],
    channel_manager: User,
    own_deal: Opportunity,
    products: dict[str, Product],
) -> None:
    cam = api_client_for(channel_manager)
    [first] = cam.get(_lines_url(own_deal)).json()
    assert (first["product_code"], first["amount"]) == ("FW-100", "2500.00")
    added = _add(cam, own_deal, {"product_id": products["SW-24"].pk, "quantity": 3, "amount": 900})
    assert added.status_code == 201, added.content
    assert (added.json()["product_name"], added.json()["quantity"]) == ("Switch 24", 3)
    deal = cam.get(f"/api/v1/opportunities/{own_deal.pk}").json()
    assert (deal["amount"], deal["version"]) == ("3400.00", 2)
    removed = cam.delete(f"{_lines_url(own_deal)}/{first['id']}")
    assert removed.status_code == 204
    assert [row["product_code"] for row in cam.get(_lines_url(own_deal)).json()] == ["SW-24"]
    assert cam.get(f"/api/v1/opportunities/{own_deal.pk}").json()["amount"] == "900.00"


def test_deal_1_the_last_line_stays_and_a_bad_line_is_refused(
    api_client_for: Callable[[User], Client],
    channel_manager: User,
    sales_admin: User,
    own_deal: Opportunity,
    products: dict[str, Product],
) -> None:
    cam = api_client_for(channel_manager)
    [only] = own_deal.lines.all()
    last = cam.delete(f"{_lines_url(own_deal)}/{only.pk}")
    assert last.status_code == 409
    assert last.json()["code"] == "last_line"
    Product.objects.filter(pk=products["AP-6"].pk).update(is_active=False)
    inactive = _add(cam, own_deal, {"product_id": products["AP-6"].pk, "amount": "10"})
    assert inactive.status_code == 422
    assert _add(cam, own_deal, {"product_id": products["SW-24"].pk, "amount": 0}).status_code == 422
    assert own_deal.lines.count() == 1
    own_deal.refresh_from_db()
    assert (own_deal.amount, own_deal.version) == (Decimal("2500.00"), 1)
    missing = cam.delete(f"{_lines_url(own_deal)}/{only.pk + 1000}")
    assert missing.status_code == 404


def test_deal_1_a_closed_opportunity_keeps_its_lines(
    api_client_for: Callable[[User], Client],
    channel_manager: User,
    own_deal: Opportunity,
    products: dict[str, Product],
) -> None:
    services.opportunity_set_stage(
        actor=as_actor(channel_manager), opportunity=own_deal, stage="lost", expected_version=1
    )
    cam = api_client_for(channel_manager)
    refused = _add(cam, own_deal, {"product_id": products["SW-24"].pk, "amount": "100"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "opportunity_closed"


def test_deal_9_lines_follow_the_deal_s_access(
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    registered: Opportunity,
    products: dict[str, Product],
) -> None:
    """Its sales rep (on the team at Edit) adds a line; its administrator
    sees the lines but may not add; another partner gets 404."""
    body = {"product_id": products["SW-24"].pk, "amount": "700"}
    assert _add(api_client_for(two_partners["nw_rep"].user), registered, body).status_code == 201
    admin = api_client_for(two_partners["nw_admin"].user)
    assert len(admin.get(_lines_url(registered)).json()) == 2
    assert _add(admin, registered, body).status_code == 403
    contoso = api_client_for(two_partners["co_rep"].user)
    assert contoso.get(_lines_url(registered)).status_code == 404
    assert _add(contoso, registered, body).status_code == 404


def test_deal_1_the_opportunity_page_adds_and_removes_lines(
    client_for: Callable[[User], Client],
    channel_manager: User,
    own_deal: Opportunity,
    products: dict[str, Product],
) -> None:
    web = client_for(channel_manager)
    page = web.get(f"/deals/opportunities/{own_deal.pk}/").content.decode()
    assert "Add the product" in page
    web.post(
        f"/deals/opportunities/{own_deal.pk}/lines/",
        {"product_id": products["AP-6"].pk, "quantity": 2, "amount": "300"},
    )
    own_deal.refresh_from_db()
    assert own_deal.amount == Decimal("2800.00")
    first = own_deal.lines.get(product=products["FW-100"])
    web.post(f"/deals/opportunities/{own_deal.pk}/lines/remove/", {"line_id": first.pk})
    [left] = own_deal.lines.all()
    refused = web.post(
        f"/deals/opportunities/{own_deal.pk}/lines/remove/", {"line_id": left.pk}, follow=True
    )
    assert "keeps at least one product line" in refused.content.decode()
    own_deal.refresh_from_db()
    assert (own_deal.amount, own_deal.lines.count()) == (Decimal("300.00"), 1)
