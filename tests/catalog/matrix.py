"""The catalog's rows of the access matrices that no declaration gives: the
API's writes of products, and what the product list shows (ORD-1): the
active products to everyone signed in, partner users included (they put
them on their registrations), every product to those who maintain the
catalog (Manage Products)."""

from django.urls import reverse

from openprm.catalog.models import Product
from openprm.core.testing.matrix import html_rows, json_items
from tests import privileges as p
from tests.access.cases import INTERNAL, Case, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.catalog.world import PRODUCTS

MAINTAINS = {"allowed": p.MANAGE_PRODUCTS}

A = "/api/v1"
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


LISTS: dict[str, ListsOf] = {"catalog.products": products}
