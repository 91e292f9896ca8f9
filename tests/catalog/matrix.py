"""The catalog's rows of the access matrices that no declaration gives: the
API's writes of products, bundles and price lists, and what the catalog's
lists show (ORD-1): the active products to everyone signed in, partner users
included (they put them on their registrations), every product to those who
maintain the catalog (Manage Products); price lists to their maintainers
(Manage Price Lists) only; the offer, at the list prices, to everyone."""

from django.urls import reverse

from openprm.catalog.models import PriceList, Product
from openprm.core.testing.matrix import html_rows, json_items
from tests import privileges as p
from tests.access.cases import INTERNAL, PARTNER_USERS, Case, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.catalog.world import OFFERED, PRODUCTS

MAINTAINS = {"allowed": p.MANAGE_PRODUCTS}
PRICES = {"allowed": p.MANAGE_PRICE_LISTS, "sees": p.MANAGE_PRICE_LISTS}


def _ids(record: str, family: str, index: int = -1):  # type: ignore[no-untyped-def]
    return lambda w: (w.ids[record][family][index],)


A = "/api/v1"
BUNDLE = f"{A}/products/{{product_id}}"
OPERATIONS = {
    f"POST {A}/products": [
        Case("post", **MAINTAINS, ok=201, body={"code": "W-NEW", "name": "World New"})
    ],
    f"PATCH {A}/products/{{product_id}}": [
        Case(
            "patch",
            of("active_product", "product"),
            **MAINTAINS,
            body=version(Product, "active_product", "product", name="World Firewall 2"),
        ),
        # A retired product is the maintainers' only: 404 to everyone else.
        Case(
            "patch",
            of("retired_product", "product"),
            **MAINTAINS,
            sees=p.MANAGE_PRODUCTS,
            body=version(Product, "retired_product", "product", is_active=True),
        ),
    ],
    f"POST {BUNDLE}/attributes": [
        Case(
            "post",
            of("active_product", "product"),
            **MAINTAINS,
            ok=201,
            body={"name": "Colour", "value": "Black"},
        )
    ],
    f"DELETE {BUNDLE}/attributes/{{attribute_id}}": [
        Case("delete", of("line", "attribute"), **MAINTAINS, ok=204)
    ],
    f"POST {BUNDLE}/options": [
        Case(
            "post",
            of("plan", "product"),
            **MAINTAINS,
            ok=201,
            body=lambda w: {"option_id": w.ids["option"]["product"][0]},
        )
    ],
    f"DELETE {BUNDLE}/options/{{option_link_id}}": [
        Case("delete", of("line", "option_link"), **MAINTAINS, ok=204)
    ],
    f"POST {BUNDLE}/components": [
        Case(
            "post",
            of("bundle", "product"),
            **MAINTAINS,
            ok=201,
            body=lambda w: {"product_id": w.ids["active_product"]["product"][0]},
        )
    ],
    f"PATCH {BUNDLE}/components/{{component_id}}": [
        Case("patch", of("bundle", "component"), **MAINTAINS, body={"max_quantity": 6})
    ],
    f"DELETE {BUNDLE}/components/{{component_id}}": [
        Case("delete", of("bundle", "component"), **MAINTAINS, ok=204)
    ],
    # ORD-8: whoever sees the bundle checks a configuration; it changes nothing.
    f"POST {BUNDLE}/configuration-check": [
        Case(
            "post",
            of("bundle", "product"),
            allowed=INTERNAL | PARTNER_USERS,
            body=lambda w: {"lines": [{"product_id": w.ids["plan"]["product"][0]}]},
        )
    ],
    f"POST {A}/price-lists": [
        Case(
            "post",
            allowed=p.MANAGE_PRICE_LISTS,
            ok=201,
            body={"name": "New list", "currency": "USD"},
        )
    ],
    f"PATCH {A}/price-lists/{{price_list_id}}": [
        Case(
            "patch",
            of("list_prices", "price_list"),
            **PRICES,
            body=version(PriceList, "list_prices", "price_list", name="Renamed"),
        )
    ],
    f"PUT {A}/price-lists/{{price_list_id}}/items": [
        Case(
            "put",
            of("list_prices", "price_list"),
            **PRICES,
            body=lambda w: {
                "product_id": w.ids["active_product"]["product"][0],
                "one_time_price": "12.50",
            },
        )
    ],
    f"DELETE {A}/price-lists/{{price_list_id}}/items/{{item_id}}": [
        Case("delete", of("list_prices", "item"), **PRICES, ok=204)
    ],
}


def products_seen(world: World, actor: str) -> set[str]:
    """ORD-1: every product to the catalog's maintainers, the active ones to
    anyone else."""
    every = actor in holders(world, p.MANAGE_PRODUCTS)
    return {
        str(world.ids[record]["product"][0])
        for record, (_code, active) in PRODUCTS.items()
        if active or every
    }


def products(world: World) -> list[Listed]:
    """The API list for everyone; the page (and its files) is internal."""
    page = reverse("catalog:product_list")
    on_page: Expect = lambda w, a: products_seen(w, a) if a in INTERNAL else None  # noqa: E731
    return [
        Listed(f"{A}/products", json_items(), products_seen),
        Listed(page, html_rows(r"/products/(\d+)/"), on_page),
        *exports(page, "ID", on_page),
    ]


def offer(world: World) -> list[Listed]:
    """ORD-1: the orderable, active products of the list price list, to
    everyone through the API; the portal page to partner users, by code."""
    ids = {str(world.ids[record]["product"][0]) for record in OFFERED}
    codes = {PRODUCTS[record][0] for record in OFFERED}
    return [
        Listed(f"{A}/catalog/offer", json_items(), lambda w, a: ids),
        Listed(
            reverse("portal:catalog"),
            html_rows(r"^(W-[A-Z]+)$"),
            lambda w, a: codes if a in PARTNER_USERS else None,
        ),
    ]


def price_lists(world: World) -> list[Listed]:
    """Every price list to Manage Price Lists holders, none to anyone else
    through the API; the page is theirs only (403 to other internal users)."""
    ids = {str(world.ids["list_prices"]["price_list"][0])}

    def seen(w: World, actor: str) -> set[str]:
        return ids if actor in holders(w, p.MANAGE_PRICE_LISTS) else set()

    page = reverse("catalog:price_list_list")
    on_page: Expect = lambda w, a: seen(w, a) if a in holders(w, p.MANAGE_PRICE_LISTS) else None  # noqa: E731
    return [
        Listed(f"{A}/price-lists", json_items(), seen),
        Listed(page, html_rows(r"/products/price-lists/(\d+)/"), on_page),
        *exports(page, "ID", on_page),
    ]


LISTS: dict[str, ListsOf] = {
    "catalog.products": products,
    "catalog.offer": offer,
    "catalog.price_lists": price_lists,
}
