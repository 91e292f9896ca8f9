"""The orders app's rows of the access matrices that no declaration gives
(ORD-2, ORD-3, ORD-5, ORD-9): the API's writes, and what its lists show.

Order managers (Manage Orders) see every order and asset; a partner user
sees its organization's only (404 for another's); every partner user edits,
submits and cancels its organization's pending orders, a power user (the
world's Northwind administrator) also revises them and changes installed
assets; fulfilment is the order managers'."""

from django.urls import reverse

from openprm.core.testing.matrix import html_rows, json_items
from openprm.orders.catalog import MANAGE_ORDERS
from openprm.orders.models import Order
from tests.access.cases import EVERYONE, INTERNAL, PARTNER_USERS, Case, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.orders.world import ORDERS

A = "/api/v1"
NW = frozenset({"nw_admin", "nw_rep"})
CO = frozenset({"co_admin"})
MANAGERS = MANAGE_ORDERS


def _line(world: World) -> dict[str, object]:
    return {"product_id": world.ids["active_product"]["product"][0], "quantity": "1"}


def _order(world: World) -> dict[str, object]:
    return {
        "customer_id": world.ids["own"]["account"][0],
        "price_list_id": world.ids["list_prices"]["price_list"][0],
        "lines": [_line(world)],
    }


def _lines(world: World) -> dict[str, object]:
    row = Order.objects.get(pk=world.ids["co_order"]["order"][0])
    return {"version": row.version, "lines": [_line(world)]}


def _report(world: World) -> dict[str, object]:
    order = Order.objects.get(pk=world.ids["nw_order"]["order"][0])
    return {"reports": [{"line_id": order.lines.get().pk, "status": "in_progress"}]}


def _asset_change(world: World) -> dict[str, object]:
    return {
        "price_list_id": world.ids["list_prices"]["price_list"][0],
        "changes": [{"asset_id": world.ids["nw_asset"]["asset"][0], "quantity": "3"}],
    }


OPERATIONS = {
    # Internal users order for an account they see; partner users cannot see
    # the world's sales account (404), nor may users without Manage Orders.
    f"POST {A}/orders": [
        Case("post", allowed=MANAGERS, sees=INTERNAL, ok=201, body=_order),
    ],
    f"PUT {A}/orders/{{order_id}}/lines": [
        Case(
            "put", of("co_order", "order"), allowed=(CO, MANAGERS), sees=(CO, MANAGERS), body=_lines
        ),
    ],
    f"POST {A}/orders/{{order_id}}/submit": [
        Case(
            "post",
            of("co_order", "order"),
            allowed=(CO, MANAGERS),
            sees=(CO, MANAGERS),
            body=version(Order, "co_order", "order"),
        ),
    ],
    f"POST {A}/orders/{{order_id}}/cancel": [
        Case(
            "post",
            of("co_order", "order"),
            allowed=(CO, MANAGERS),
            sees=(CO, MANAGERS),
            body=version(Order, "co_order", "order"),
        ),
    ],
    # ORD-2: revising is a power user's; nw_rep is a standard user (403).
    f"POST {A}/orders/{{order_id}}/revisions": [
        Case(
            "post",
            of("nw_order", "order"),
            allowed=(frozenset({"nw_admin"}), MANAGERS),
            sees=(NW, MANAGERS),
            ok=201,
        ),
    ],
    f"POST {A}/orders/{{order_id}}/fulfilment": [
        Case("post", of("nw_order", "order"), allowed=MANAGERS, sees=(NW, MANAGERS), body=_report),
    ],
    # ORD-9: a change order on an asset; creating an order is asked first, so
    # internal users without Manage Orders get 403 before the asset is read.
    f"POST {A}/asset-orders": [
        Case(
            "post",
            allowed=(frozenset({"nw_admin"}), MANAGERS),
            sees=EVERYONE - CO,
            ok=201,
            body=_asset_change,
        ),
    ],
}

PAGES = {
    "orders:order_fulfil": [
        Case(
            "post",
            of("nw_order", "order"),
            allowed=MANAGERS,
            sees=MANAGERS,
            ok=302,
            body={"status": "in_progress"},
        ),
    ],
}


def orders_seen(world: World, actor: str) -> set[str]:
    """Every order to an order manager; its organization's to a partner user."""
    manager = actor in holders(world, MANAGERS)
    org = actor.split("_")[0] if actor in PARTNER_USERS else None
    return {
        str(world.ids[record]["order"][0])
        for record, (owner, _state) in ORDERS.items()
        if manager or owner == org
    }


def orders(world: World) -> list[Listed]:
    page = reverse("orders:order_list")

    def on_page(w: World, a: str) -> set[str] | None:
        return orders_seen(w, a) if a in holders(w, MANAGERS) else None

    return [
        Listed(f"{A}/orders", json_items(), orders_seen),
        Listed(page, html_rows(r"/orders/(\d+)/"), on_page),
        *exports(page, "ID", on_page),
    ]


def portal_orders(world: World) -> list[Listed]:
    on_page: Expect = lambda w, a: orders_seen(w, a) if a in PARTNER_USERS else None  # noqa: E731
    return [Listed(reverse("portal:order_list"), html_rows(r"/portal/orders/(\d+)/"), on_page)]


def assets(world: World) -> list[Listed]:
    def seen(w: World, actor: str) -> set[str]:
        if actor in holders(w, MANAGERS) or actor in NW:
            return {str(w.ids["nw_asset"]["asset"][0])}
        return set()

    return [Listed(f"{A}/assets", json_items(), seen)]


LISTS: dict[str, ListsOf] = {
    "orders.orders": orders,
    "orders.portal_orders": portal_orders,
    "orders.assets": assets,
}
