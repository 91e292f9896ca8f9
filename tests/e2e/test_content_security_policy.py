"""The strict Content-Security-Policy holds on one page of every page family,
internal and portal, and on the API docs: the browser reports no violation
(no inline script or style, no eval, nothing from another origin), and each
page carries the CSP, Referrer-Policy and Permissions-Policy headers.

The browser reports violations asynchronously, so each page ends with a
deliberate one (a style attribute set on a marker element): once that has
arrived, every earlier violation of the page has too."""

import base64
import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import Browser, Page, Response, expect

from openprm.contacts.services import contact_set_picture
from openprm.customers.models import Account
from openprm.identity.catalog import ADMINISTRATOR, PARTNER_ADMINISTRATOR
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
MARKER = "csp-marker"
MARKER_STYLE = "--csp-marker: 1"
# Chromium names a blocked inline style by its hash in the console message.
MARKER_HASH = base64.b64encode(hashlib.sha256(MARKER_STYLE.encode()).digest()).decode()
RECORD_VIOLATIONS = (
    """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push({
    marker: event.target && event.target.id === "MARKER",
    text: `${event.violatedDirective} blocked ${event.blockedURI}`
      + ` at ${event.sourceFile}:${event.lineNumber}`,
  });
});
"""
).replace("MARKER", MARKER)
PROVOKE_MARKER = (
    (
        """() => {
  const marker = document.createElement("div");
  marker.id = "MARKER";
  document.body.append(marker);
  marker.setAttribute("style", "MARKER_STYLE");
}"""
    )
    .replace("MARKER_STYLE", MARKER_STYLE)
    .replace("MARKER", MARKER)
)


def _violations(page: Page) -> list[str]:
    """The page's violations, waiting for the marker's to arrive first (it
    also proves that the policy is enforced and the listener works)."""
    page.evaluate(PROVOKE_MARKER)
    page.wait_for_function("window.cspViolations.some((v) => v.marker)")
    return page.evaluate("window.cspViolations.filter((v) => !v.marker).map((v) => v.text)")


def _open(page: Page, url: str, ready: Callable[[Page], None]) -> Response:
    response = page.goto(url)
    assert response is not None
    assert response.ok, url
    ready(page)
    return response


def _main(page: Page) -> None:
    expect(page.locator("main#main")).to_be_visible()
    page.wait_for_function("window.htmx !== undefined")


def _picture_shown(page: Page) -> None:
    _main(page)
    page.wait_for_function(
        "(() => { const img = document.querySelector('main img');"
        " return img && img.complete && img.naturalWidth > 0; })()"
    )


def _tree_indented(page: Page) -> None:
    """The hierarchy indents by depth from the stylesheet (it used a style
    attribute, which the policy now blocks)."""
    _main(page)
    depths = page.locator("[data-testid=hierarchy] [data-depth]")
    expect(depths.first).to_be_visible()
    paddings = depths.evaluate_all(
        "(nodes) => nodes.map((n) => parseFloat(getComputedStyle(n).paddingLeft))"
    )
    assert paddings == sorted(paddings), paddings
    assert paddings[0] < paddings[-1], paddings


def _swagger(page: Page) -> None:
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("OpenPRM API")
    expect(page.locator(".opblock").first).to_be_visible()


def _check_pages(
    page: Page, console: list[str], pages: list[tuple[str, Callable[[Page], None]]]
) -> list[str]:
    problems: list[str] = []
    for url, ready in pages:
        response = _open(page, url, ready)
        headers = response.headers
        policy = headers.get("content-security-policy", "")
        for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'"):
            if directive not in policy:
                problems.append(f"{url}: CSP lacks {directive!r}: {policy!r}")
        if headers.get("referrer-policy") != "same-origin":
            problems.append(f"{url}: Referrer-Policy {headers.get('referrer-policy')!r}")
        if "camera=()" not in headers.get("permissions-policy", ""):
            problems.append(f"{url}: Permissions-Policy {headers.get('permissions-policy')!r}")
        problems += [f"{url}: {text}" for text in _violations(page)]
    problems += [f"console: {text}" for text in console]
    console.clear()
    return problems


def _tab(browser: Browser, live_server: Any, console: list[str]) -> Page:
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text and MARKER_HASH not in message.text
            else None
        ),
    )
    return tab


def _sign_in(page: Page, user: User) -> None:
    sign_in(page, user.username, PASSWORD)


def _picture() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def test_no_csp_violation_on_any_page_family(
    browser: Browser,
    live_server: Any,
    make_partner: Callable[..., Any],
    make_portal_user: Callable[..., PartnerContact],
) -> None:
    admin = make_user(ADMINISTRATOR, username="ada", password=PASSWORD, first_name="Ada")
    parent = make_account(admin, "Globex Holding")
    account = make_account(admin, "Globex Berlin", parent=parent)
    make_account(admin, "Globex Mitte", parent=account)
    person = make_contact(admin, "Pictured", account)
    contact_set_picture(actor=as_actor(admin), person=person, upload=_picture())
    partner = make_partner("Northwind")
    territory = Territory.objects.create(name="DACH", territory_type=Territory.Type.PRIME)
    primary = PartnerContact.objects.get(partner=partner, is_primary=True)
    portal_user = make_portal_user(partner, "nw-admin", PARTNER_ADMINISTRATOR, contact=primary).user
    portal_user.set_password(PASSWORD)
    portal_user.save()
    assert Account.objects.filter(parent=account).exists()

    console: list[str] = []
    internal = _tab(browser, live_server, console)
    problems = _check_pages(internal, console, [("/account/sign-in/", _main)])
    _sign_in(internal, admin)
    problems += _check_pages(
        internal,
        console,
        [
            ("/", _main),
            ("/customers/accounts/", _main),
            (f"/customers/accounts/{account.pk}/", _main),
            (f"/customers/accounts/{parent.pk}/?tab=hierarchy", _tree_indented),
            ("/customers/accounts/new/", _main),
            (f"/customers/accounts/{account.pk}/edit/", _main),
            ("/contacts/", _main),
            (f"/contacts/{person.pk}/", _picture_shown),
            ("/contacts/households/", _main),
            ("/partners/", _main),
            (f"/partners/{partner.pk}/", _main),
            (f"/partners/{partner.pk}/?tab=hierarchy", _main),
            ("/territories/", _main),
            (f"/territories/{territory.pk}/", _main),
            (f"/teams/accounts/{account.pk}/", _main),
            ("/imports/", _main),
            ("/imports/new/", _main),
            ("/account/users/", _main),
            ("/account/roles/", _main),
            ("/account/resources/", _main),
            ("/settings/options/", _main),
            ("/settings/lookups/", _main),
            ("/settings/custom-fields/", _main),
            ("/territories/realignment/", _main),
            ("/account/profile/", _main),
            ("/api/v1/docs", _swagger),
        ],
    )

    internal.goto(f"/contacts/{person.pk}/")
    asked: list[str] = []
    internal.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    internal.get_by_role("button", name="Delete", exact=True).click()
    assert asked == ["Delete this contact?"], "the confirmation runs from a static file"
    expect(internal.get_by_role("heading", name="Pictured")).to_be_visible()

    portal = _tab(browser, live_server, console)
    _sign_in(portal, portal_user)
    problems += _check_pages(
        portal,
        console,
        [
            ("/", _main),
            ("/portal/organization/", _main),
            ("/portal/contacts/", _main),
            ("/portal/users/", _main),
        ],
    )
    assert not problems, "\n".join(problems)
