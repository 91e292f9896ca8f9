"""The deals pages for partners and the channel team (DEAL-2, DEAL-3,
DEAL-4, DEAL-5, DEAL-7, PRG-7)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.catalog.models import Product
from openprm.catalog.services import product_create
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import DealRegistration, Lead
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db
Register = Callable[..., DealRegistration]


def _form(products: dict[str, Product], **extra: str) -> dict[str, str]:
    return {
        "title": "Acme network",
        "customer_name": "Acme Corp",
        "country": "US",
        "close_date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "currency": "USD",
        "line-0-product": str(products["FW-100"].pk),
        "line-0-quantity": "2",
        "line-0-amount": "5000",
        **extra,
    }


def test_deal_2_partner_registers_a_draft_then_submits_it(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], products: dict[str, Product]
) -> None:
    web = client_for(two_partners["nw_rep"].user)
    form = web.get("/portal/registrations/new/")
    assert form.status_code == 200
    assert "protects the deal for 90 days" in form.content.decode()
    saved = web.post("/portal/registrations/new/", _form(products, save="1"))
    registration = DealRegistration.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == f"/portal/registrations/{registration.pk}/"
    assert registration.state == DealRegistration.State.DRAFT
    page = web.get(saved["Location"]).content.decode()
    assert "Submit for approval" in page
    web.post(f"/portal/registrations/{registration.pk}/submit/", {"version": registration.version})
    registration.refresh_from_db()
    assert registration.state == DealRegistration.State.SUBMITTED
    page = web.get(f"/portal/registrations/{registration.pk}/").content.decode()
    assert "under review" in page
    listing = web.get("/portal/registrations/").content.decode()
    assert registration.number in listing


def test_deal_6_a_bad_line_stays_on_the_form_with_its_message(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], products: dict[str, Product]
) -> None:
    web = client_for(two_partners["nw_rep"].user)
    answer = web.post(
        "/portal/registrations/new/", _form(products, **{"line-0-amount": "0", "submit": "1"})
    )
    assert answer.status_code == 200
    assert "Line 1: The amount must be more than zero." in answer.content.decode()
    assert not DealRegistration.objects.exists()


def test_deal_2_the_registration_form_finds_products_by_name_or_code(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], products: dict[str, Product]
) -> None:
    """The form lists no catalog; its pickers find a product as one types,
    never an inactive one, and answer only those who may register."""
    products["AP-6"].is_active = False
    products["AP-6"].save()
    web = client_for(two_partners["nw_rep"].user)
    assert "Switch 24" not in web.get("/portal/registrations/new/").content.decode()
    url = "/portal/registrations/new/products/?field=line-1-product&line-1-product_search="
    by_code = web.get(url + "sw-2").content.decode()
    assert "Switch 24" in by_code
    assert "Firewall" not in by_code
    assert "No match." in web.get(url + "acc").content.decode()


def test_deal_2_an_edit_form_searches_products_from_its_registration_s_url(
    client_for: Callable[[User], Client], register: Register, two_partners: dict[str, Any]
) -> None:
    """Editing a draft, the pickers ask the registration's own address,
    which answers those who may change it: its partner's rep finds a
    product; another partner gets 404, as for the registration itself."""
    draft = register("nw")
    web = client_for(two_partners["nw_rep"].user)
    url = f"/portal/registrations/{draft.pk}/products/"
    assert url in web.get(f"/portal/registrations/{draft.pk}/edit/").content.decode()
    search = url + "?field=line-1-product&line-1-product_search=sw-2"
    assert "Switch 24" in web.get(search).content.decode()
    assert client_for(two_partners["co_rep"].user).get(search).status_code == 404


def test_deal_2_without_javascript_a_typed_name_or_code_is_the_line_s_product(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    products: dict[str, Product],
    sales_admin: User,
) -> None:
    """A name or code naming one active product is that product (an exact
    one even when longer ones start with it); a vague or unknown one is
    refused on its own line, the typed text kept."""
    web = client_for(two_partners["nw_rep"].user)
    typed = {
        "line-0-product": "",
        "line-0-product_search": "fw-100",
        "line-1-product_search": "Switch 24",
        "line-1-amount": "300",
    }
    saved = web.post("/portal/registrations/new/", _form(products, save="1", **typed))
    assert saved.status_code == 302
    lines = DealRegistration.objects.get().lines.order_by("amount")
    assert [line.product.code for line in lines] == ["SW-24", "FW-100"]
    registration = DealRegistration.objects.get()
    edit = web.get(f"/portal/registrations/{registration.pk}/edit/").content.decode()
    assert 'value="Firewall 100"' in edit
    vague = {**typed, "line-1-product_search": "Fire", "line-2-product_search": "Router"}
    products["SW-24"].name = "Firewall switch"
    products["SW-24"].save()
    answer = web.post("/portal/registrations/new/", _form(products, save="1", **vague))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert 'data-testid="line-1-error">Several records start with “Fire”' in page
    assert 'data-testid="line-2-error">Nothing you can see starts with “Router”' in page
    assert 'value="Router"' in page
    assert DealRegistration.objects.count() == 1
    product_create(actor=as_actor(sales_admin), data={"code": "FW-1000", "name": "Firewall 1000"})
    exact = {"line-0-product_search": "Firewall 100", "line-1-product_search": "FW-1000"}
    web.post("/portal/registrations/new/", _form(products, save="1", **{**typed, **exact}))
    lines = DealRegistration.objects.latest("pk").lines.order_by("amount")
    assert [line.product.code for line in lines] == ["FW-1000", "FW-100"]


def test_deal_1_new_opportunity_lines_are_picked_by_name_or_code(
    client_for: Callable[[User], Client],
    channel_manager: User,
    customer: Account,
    products: dict[str, Product],
) -> None:
    cam = client_for(channel_manager)
    assert "Switch 24" not in cam.get("/deals/opportunities/new/").content.decode()
    url = "/deals/opportunities/new/products/?field=line-0-product&line-0-product_search=swi"
    assert "Switch 24" in cam.get(url).content.decode()
    answer = cam.post(
        "/deals/opportunities/new/",
        {
            "account_id": customer.pk,
            "name": "Acme switches",
            "close_date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
            "currency": "USD",
            "line-0-product_search": "SW-24",
            "line-0-quantity": "3",
            "line-0-amount": "900",
        },
    )
    assert answer.status_code == 302
    assert customer.opportunities.get().lines.get().product == products["SW-24"]


def test_deal_7_review_page_shows_conflicts_and_approval_rejects_the_other(
    client_for: Callable[[User], Client],
    register: Register,
    channel_manager: User,
    customer: Account,
) -> None:
    earlier = register("nw", submit=True)
    later = register("co", submit=True)
    web = client_for(channel_manager)
    queue = web.get("/deals/registrations/?state=submitted").content.decode()
    assert f'data-testid="conflicts-{earlier.pk}"' in queue
    review = web.get(f"/deals/registrations/{earlier.pk}/").content.decode()
    assert later.number in review
    assert "same customer name and country" in review
    answer = web.post(
        f"/deals/registrations/{earlier.pk}/approve/",
        {"version": earlier.version, "account_id": customer.pk, "reject_others": "on"},
    )
    assert answer.status_code == 302
    later.refresh_from_db()
    assert later.state == DealRegistration.State.REJECTED


def test_prg_7_partners_reach_no_internal_deal_page_and_not_each_other(
    client_for: Callable[[User], Client], register: Register, two_partners: dict[str, Any]
) -> None:
    mine = register("nw", submit=True)
    web = client_for(two_partners["co_rep"].user)
    for path in (
        "/deals/registrations/",
        f"/deals/registrations/{mine.pk}/",
        "/deals/opportunities/",
        "/deals/leads/",
        "/products/",
        f"/portal/registrations/{mine.pk}/",
        f"/portal/registrations/{mine.pk}/edit/",
    ):
        assert web.get(path).status_code == 404, path
    assert mine.number not in web.get("/portal/registrations/").content.decode()


def test_ord_1_only_catalog_managers_are_offered_and_open_the_product_form(
    client_for: Callable[[User], Client], sales_admin: User, salesperson: User
) -> None:
    assert "New product" in client_for(sales_admin).get("/products/").content.decode()
    sales = client_for(salesperson)
    assert "New product" not in sales.get("/products/").content.decode()
    assert sales.get("/products/new/").status_code == 403


def test_deal_4_lead_page_ranks_partners_and_routes(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    lead = services.lead_create(
        actor=as_actor(channel_manager), account_id=customer.pk, name="Wi-Fi for Acme"
    )
    web = client_for(channel_manager)
    page = web.get(f"/deals/leads/{lead.pk}/").content.decode()
    assert "Northwind" in page
    assert "0 of 10 leads in work" in page
    web.post(
        f"/deals/leads/{lead.pk}/route/",
        {"version": lead.version, "partner_id": two_partners["nw"].pk},
    )
    lead.refresh_from_db()
    assert lead.status == Lead.Status.OFFERED
    portal = client_for(two_partners["nw_rep"].user).get("/portal/leads/").content.decode()
    assert "Wi-Fi for Acme" in portal
    assert "Accept" in portal


def test_deal_5_performance_pages(
    client_for: Callable[[User], Client],
    register: Register,
    two_partners: dict[str, Any],
    channel_manager: User,
) -> None:
    register("nw", submit=True)
    tab = client_for(channel_manager).get(f"/deals/partners/{two_partners['nw'].pk}/")
    assert tab.status_code == 200
    assert 'data-testid="stat-registrations">1<' in tab.content.decode()
    own = client_for(two_partners["nw_rep"].user).get("/portal/performance/")
    assert 'data-testid="stat-registrations">1<' in own.content.decode()
    other = client_for(two_partners["co_rep"].user).get("/portal/performance/")
    assert 'data-testid="stat-registrations">0<' in other.content.decode()


def test_deal_9_a_partner_resource_on_the_team_opens_the_deal_to_its_organization(
    client_for: Callable[[User], Client],
    register: Register,
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    registration = register("nw", submit=True)
    registration = services.registration_approve(
        actor=as_actor(channel_manager),
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    opportunity = registration.opportunity
    contoso = client_for(two_partners["co_rep"].user)
    assert opportunity.name not in contoso.get("/portal/opportunities/").content.decode()
    web = client_for(channel_manager)
    resource = two_partners["co_rep"].resource
    web.post(
        f"/deals/opportunities/{opportunity.pk}/team/",
        {"resource_id": resource.pk, "access_level": "view"},
    )
    assert opportunity.team.filter(resource=resource).exists()
    assert opportunity.name in contoso.get("/portal/opportunities/").content.decode()
    member = opportunity.team.get(resource=resource)
    web.post(f"/deals/opportunities/{opportunity.pk}/team/remove/", {"member_id": member.pk})
    assert opportunity.name not in contoso.get("/portal/opportunities/").content.decode()
