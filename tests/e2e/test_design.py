"""The design system on every page family, for every role (issue 14).

Each role opens its page families in Chromium; every page is photographed
(into pytest's temporary folder, for a person to look at, never committed),
checked by axe-core, which must find no serious or critical accessibility
violation, and must load its stylesheets and scripts from the app itself,
never from another origin. At a phone's width the navigation collapses
behind its toggle and no page scrolls sideways.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from openprm.catalog.services import product_create
from openprm.deals.services import (
    LineIn,
    registration_approve,
    registration_create,
    registration_submit,
)
from openprm.identity.catalog import (
    ADMINISTRATOR,
    CHANNEL_ACCOUNT_MANAGER,
    PARTNER_ADMINISTRATOR,
    PARTNER_SALES_REPRESENTATIVE,
    SALESPERSON,
)
from openprm.identity.models import User
from openprm.partners.models import PartnerContact
from openprm.territories.models import Territory
from tests.contacts.helpers import make_account, make_contact
from tests.e2e.conftest import TIMEOUT_MS, sign_in
from tests.factories import as_actor, make_user
from tests.partners.conftest import make_partner, make_portal_user

__all__ = ["make_partner", "make_portal_user"]

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"
AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""
ASSETS = """() => [...document.querySelectorAll("link[href], script[src]")]
  .map((e) => e.getAttribute(e.tagName === "LINK" ? "href" : "src"))"""
THEME_KEY = "openprm-theme"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@dataclass(frozen=True)
class World:
    users: dict[str, User]
    pages: dict[str, list[str]]


@pytest.fixture
def world(
    make_partner: Callable[..., Any], make_portal_user: Callable[..., PartnerContact]
) -> World:
    """One user per role and a record of each kind its pages show."""
    admin = make_user(ADMINISTRATOR, username="ada", password=PASSWORD, first_name="Ada")
    rep = make_user(SALESPERSON, username="sid", password=PASSWORD, first_name="Sid")
    cam = make_user(CHANNEL_ACCOUNT_MANAGER, username="cleo", password=PASSWORD, first_name="Cleo")
    parent = make_account(rep, "Globex Holding")
    account = make_account(rep, "Globex Berlin", parent=parent)
    person = make_contact(rep, "Müller", account, first_name="Hans", email="hans@globex.example")
    partner = make_partner("Northwind")
    territory = Territory.objects.create(name="DACH", territory_type=Territory.Type.PRIME)
    primary = PartnerContact.objects.get(partner=partner, is_primary=True)
    portal_users = {
        "nw-admin": make_portal_user(partner, "nw-admin", PARTNER_ADMINISTRATOR, contact=primary),
        "nw-rep": make_portal_user(partner, "nw-rep", PARTNER_SALES_REPRESENTATIVE),
    }
    for contact in portal_users.values():
        contact.user.set_password(PASSWORD)
        contact.user.save()
    product = product_create(actor=as_actor(admin), data={"code": "FW-1", "name": "Firewall"})
    rep = as_actor(portal_users["nw-rep"].user)

    def submitted(title: str, customer: str, days: int, quantity: int, amount: int) -> Any:
        data = {"title": title, "customer_name": customer, "country": "DE"}
        data["close_date"] = timezone.localdate() + dt.timedelta(days=days)
        lines = [LineIn(product.pk, quantity, Decimal(amount))]
        draft = registration_create(actor=rep, data=data, lines=lines)
        return registration_submit(actor=rep, registration=draft, expected_version=draft.version)

    registration = submitted("Globex firewall", "Globex", 30, 1, 900)
    approved = submitted("Globex Berlin switches", "Globex Berlin", 45, 2, 1800)
    approved = registration_approve(
        actor=as_actor(admin),
        registration=approved,
        account_id=account.pk,
        expected_version=approved.version,
    )
    assert approved.opportunity_id is not None
    deal_pages = [
        reverse("portal:registration_list"),
        reverse("portal:registration_create"),
        reverse("portal:registration_detail", args=[registration.pk]),
        reverse("portal:lead_list"),
        reverse("portal:opportunity_list"),
        reverse("portal:opportunity_detail", args=[approved.opportunity_id]),
        reverse("portal:performance"),
    ]
    account_pages = [
        reverse("customers:account_list"),
        reverse("customers:account_detail", args=[account.pk]),
        f"{reverse('customers:account_detail', args=[parent.pk])}?tab=hierarchy",
        reverse("customers:account_edit", args=[account.pk]),
        reverse("contacts:account_contacts", args=[account.pk]),
        reverse("teams:account_team", args=[account.pk]),
        reverse("territories:account_territories", args=[account.pk]),
        reverse("contacts:contact_list"),
        reverse("contacts:contact_detail", args=[person.pk]),
        reverse("contacts:contact_create"),
    ]
    shared = [reverse("home"), reverse("identity:profile"), reverse("exports:job_list")]
    portal = [
        reverse("portal:organization"),
        reverse("portal:contact_list"),
        reverse("portal:user_list"),
        reverse("portal:contact_detail", args=[primary.pk]),
    ]
    users_admin = [
        reverse("portal:user_invite"),
        reverse("portal:user_edit", args=[portal_users["nw-rep"].pk]),
    ]
    return World(
        users={
            "admin": admin,
            "sales-rep": rep,
            "channel-manager": cam,
            **{name: contact.user for name, contact in portal_users.items()},
        },
        pages={
            "admin": [
                *shared,
                reverse("customers:account_list"),
                reverse("customers:account_delete", args=[account.pk]),
                reverse("customers:deleted_account_list"),
                reverse("customers:legal_entity_list"),
                reverse("contacts:household_list"),
                reverse("territories:territory_list"),
                reverse("territories:territory_detail", args=[territory.pk]),
                reverse("territories:realignment"),
                reverse("imports:job_list"),
                reverse("imports:job_new"),
                reverse("identity:user_list"),
                reverse("identity:user_detail", args=[rep.pk]),
                reverse("identity:user_create"),
                reverse("identity:role_list"),
                reverse("identity:resource_list"),
                reverse("core:option_list"),
                reverse("core:lookup_list"),
                reverse("core:lookup_detail", args=["REASON_CODE"]),
                reverse("core:custom_field_list"),
                reverse("core:custom_field_create"),
                reverse("catalog:product_list"),
                reverse("catalog:product_create"),
                "/no-such-page/",
            ],
            "sales-rep": [*shared, *account_pages, reverse("core:option_list")],
            "channel-manager": [
                *shared,
                reverse("partners:partner_list"),
                reverse("partners:partner_detail", args=[partner.pk]),
                f"{reverse('partners:partner_detail', args=[partner.pk])}?tab=contacts",
                reverse("partners:partner_create"),
                reverse("partners:partner_portal", args=[partner.pk]),
                reverse("territories:territory_list"),
                reverse("deals:registration_list"),
                reverse("deals:registration_detail", args=[registration.pk]),
                reverse("deals:opportunity_list"),
                reverse("deals:lead_list"),
                reverse("deals:partner_deals", args=[partner.pk]),
            ],
            "nw-admin": [*shared, *portal, *users_admin, reverse("customers:account_list")],
            "nw-rep": [*shared, *portal, *deal_pages],
        },
    )


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def tab(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    contexts = []

    def open_tab(*, width: int = 1366, theme: str = "light") -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 900},
            # axe-core is injected as an inline script, which the CSP blocks
            # (test_content_security_policy.py checks the policy itself).
            bypass_csp=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        # The first page starts in `theme`; a choice made in the user menu stays.
        context.add_init_script(
            f"localStorage.getItem('{THEME_KEY}') || localStorage.setItem('{THEME_KEY}', '{theme}')"
        )
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def _problems(page: Page, url: str) -> list[str]:
    """What axe-core finds serious on the page, and every stylesheet or
    script it loads from another origin."""
    page.add_script_tag(path=str(AXE))
    problems = [
        f"{url}: {v['impact']} {v['id']} ({v['help']}) at {v['targets']}"
        for v in page.evaluate(RUN_AXE)
        if v["impact"] in BLOCKING_IMPACTS
    ]
    problems += [
        f"{url}: loads {asset} from another origin"
        for asset in page.evaluate(ASSETS)
        if not asset.startswith("/") or asset.startswith("//")
    ]
    return problems


@pytest.mark.parametrize(
    ("role", "theme"),
    [
        ("admin", "light"),
        ("admin", "dark"),
        ("sales-rep", "light"),
        ("channel-manager", "light"),
        ("nw-admin", "light"),
        ("nw-rep", "dark"),
    ],
)
def test_every_page_family_is_accessible_and_self_hosted(
    world: World, tab: Callable[..., Page], shots: Path, role: str, theme: str
) -> None:
    page = tab(theme=theme)
    page.goto("/account/sign-in/")
    problems = _problems(page, "/account/sign-in/")
    sign_in(page, world.users[role].username, PASSWORD)
    assert page.evaluate("document.documentElement.dataset.bsTheme") == theme
    for number, url in enumerate(world.pages[role]):
        page.goto(url)
        expect(page.locator("main#main")).to_be_visible()
        page.screenshot(path=shots / f"{role}-{theme}-{number:02}.png", full_page=True)
        problems += _problems(page, url)
    assert not problems, "\n".join(problems)


def test_api_docs_load_nothing_from_another_origin(
    world: World, tab: Callable[..., Page], live_server: Any
) -> None:
    """The API docs' Swagger UI comes from the app's static files (ninja):
    the browser asks nothing of another origin."""
    page = tab()
    sign_in(page, world.users["admin"].username, PASSWORD)
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:"))
            else foreign.append(request.url)
        ),
    )
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("OpenPRM API")
    assert not foreign, foreign


@pytest.mark.parametrize("role", ["sales-rep", "nw-admin"])
def test_at_a_phones_width_the_menu_collapses_and_nothing_overflows(
    world: World, tab: Callable[..., Page], shots: Path, role: str
) -> None:
    page = tab(width=375)
    sign_in(page, world.users[role].username, PASSWORD)
    menu = page.get_by_role("navigation", name="Main")
    toggle = page.get_by_role("button", name="Menu", exact=True)
    expect(toggle).to_be_visible()
    expect(menu).to_be_hidden()
    toggle.click()
    expect(menu.get_by_role("link", name="Home")).to_be_visible()
    wide = []
    for number, url in enumerate(world.pages[role]):
        page.goto(url)
        expect(page.locator("main#main")).to_be_visible()
        page.screenshot(path=shots / f"{role}-phone-{number:02}.png", full_page=True)
        if overflow := page.evaluate(OVERFLOW):
            wide.append(f"{url}: {overflow}px wider than the screen")
    assert not wide, "\n".join(wide)


def test_the_theme_chosen_in_the_user_menu_is_remembered(
    world: World, tab: Callable[..., Page]
) -> None:
    """Dark mode: the theme follows the system until the user picks one in
    the user menu, then stays on every page."""
    page = tab(theme="auto")
    page.emulate_media(color_scheme="dark")
    sign_in(page, world.users["sales-rep"].username, PASSWORD)
    html = page.locator("html")
    expect(html).to_have_attribute("data-bs-theme", "dark")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Light").click()
    expect(html).to_have_attribute("data-bs-theme", "light")
    page.goto(reverse("customers:account_list"))
    expect(html).to_have_attribute("data-bs-theme", "light")
    page.get_by_test_id("user-menu").click()
    expect(page.get_by_role("button", name="Light")).to_have_attribute("aria-pressed", "true")
