"""The cart's rows of the access matrices that no declaration gives (ORD-6):
its writes, through the portal API and the portal pages, answer partner
users only (404 to internal users), the configurator power users only; a
cart line or quote answers its owner only (404 to everyone else,
colleagues included); the quotes list shows the caller's own quotes."""

from django.urls import reverse

from openprm.core.testing.matrix import html_rows, json_items
from tests.access.cases import PARTNER_USERS, Case, of
from tests.access.lists import Listed
from tests.access.world import World
from tests.carts.world import QUOTES

P = "/api/v1/portal"
PARTNERS = {"allowed": PARTNER_USERS, "sees": PARTNER_USERS}
OWNER = {"allowed": frozenset({"nw_admin"}), "sees": frozenset({"nw_admin"})}
LINE = of("nw_admin_cart", "cart_line")
QUOTE = of("nw_admin_quote", "quote")
BUNDLE = of("bundle", "product")
POWER = {"allowed": frozenset({"nw_admin"}), "sees": PARTNER_USERS}


def _product(world: World) -> dict[str, int]:
    return {"product_id": world.ids["active_product"]["product"][0]}


def _configuration(world: World) -> dict[str, object]:
    """The world bundle's plan and one line."""
    return {
        "components": [
            {"product_id": world.ids["plan"]["product"][0]},
            {"product_id": world.ids["line"]["product"][0]},
        ]
    }


OPERATIONS = {
    f"PUT {P}/cart/shopping-for": [Case("put", **PARTNERS, body={})],
    f"POST {P}/cart/lines": [Case("post", **PARTNERS, ok=201, body=_product)],
    f"PATCH {P}/cart/lines/{{line_id}}": [Case("patch", LINE, **OWNER, body={"quantity": "2"})],
    f"DELETE {P}/cart/lines/{{line_id}}": [Case("delete", LINE, **OWNER)],
    f"POST {P}/cart/quote": [Case("post", **PARTNERS, ok=201, body={})],
    f"POST {P}/cart/checkout": [Case("post", **PARTNERS, ok=201, body={})],
    f"POST {P}/quotes/{{quote_id}}/cart": [Case("post", QUOTE, **OWNER, body={"replace": True})],
    f"POST {P}/quotes/{{quote_id}}/order": [Case("post", QUOTE, **OWNER, ok=201, body={})],
    # ORD-2: the configurator is the power users' (Northwind's administrator,
    # tests/orders/world.py); other partner users get 403, internal users 404.
    # The world's plan is not on its price list: the power user passes access
    # and meets the price-list rule (422).
    f"POST {P}/bundles/{{product_id}}/configuration": [
        Case("post", BUNDLE, **POWER, body=_configuration)
    ],
    f"POST {P}/bundles/{{product_id}}/cart": [
        Case("post", BUNDLE, **POWER, ok=422, body=_configuration)
    ],
}

PAGES = {
    "portal:cart_line_add": [Case("post", **PARTNERS, ok=302, body=_product)],
    "portal:cart_shop_for": [Case("post", **PARTNERS, ok=302, body={})],
    "portal:cart_quote": [Case("post", **PARTNERS, ok=302, body={})],
    "portal:cart_checkout": [Case("post", **PARTNERS, ok=302, body={})],
}


def quotes_seen(world: World, actor: str) -> set[str] | None:
    """Its own quotes to a partner user; the portal list is not an internal
    user's (404)."""
    if actor not in PARTNER_USERS:
        return None
    return {str(world.ids[q]["quote"][0]) for q, owner in QUOTES.items() if owner == actor}


def quotes(world: World) -> list[Listed]:
    return [
        Listed(f"{P}/quotes", json_items(), quotes_seen),
        Listed(reverse("portal:quote_list"), html_rows(r"/portal/quotes/(\d+)/"), quotes_seen),
    ]


LISTS = {"carts.quotes": quotes}
