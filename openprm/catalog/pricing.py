"""At which prices the caller buys (ORD-1, ORD-6): the price list that
applies to it, and a page of products priced from it.

- A partner user buys at its partnership's tier price list, or at the list
  price list when its tier has none (or it is in no program).
- Ordering for a customer, the customer account's price list applies (the
  caller must see the account: 404 otherwise), else the list prices.
- Everyone else sees the list prices.

One price list applies as a whole: a product that is not on it has no price
for the caller and is not offered. The price list is resolved in at most
three queries and a page of products priced in one more, whatever the
page's length. Tax is out of scope.
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from openprm.catalog import providers
from openprm.catalog.models import PriceList, PriceListAudience, PriceListItem, Product
from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account


@dataclass(frozen=True)
class Price:
    one_time: Decimal
    monthly: Decimal
    currency: str


@dataclass(frozen=True)
class Prices:
    """The price list that applied (None: no price list applies) and the
    price of each product on it, by product id."""

    price_list: PriceList | None
    items: dict[int, Price]

    def __getitem__(self, product_id: int) -> Price:
        return self.items[product_id]

    def get(self, product_id: int) -> Price | None:
        return self.items.get(product_id)


def active_q(day: date) -> Q:
    return (Q(active_from__isnull=True) | Q(active_from__lte=day)) & (
        Q(active_to__isnull=True) | Q(active_to__gte=day)
    )


def _first(audience: Q, day: date) -> PriceList | None:
    """The preferred active price list among the list prices and `audience`:
    the audience's own before the list prices, then the latest start (a
    list without a start date last: PostgreSQL sorts NULL first when
    descending, SQLite last)."""
    preferred = Case(
        When(audience=PriceListAudience.LIST, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        access.unscoped(PriceList)
        .filter(active_q(day) & (Q(audience=PriceListAudience.LIST) | audience))
        .annotate(preferred=preferred)
        .order_by("preferred", F("active_from").desc(nulls_last=True), "-pk")
        .first()
    )


def price_list_for(
    actor: Actor, *, for_customer: int | None = None, on: date | None = None
) -> PriceList | None:
    """The price list `actor` buys at, for itself or for a customer it may see."""
    day = on or timezone.localdate()
    if for_customer is not None:
        customer = access.get_visible(Account, actor, for_customer)
        return _first(Q(audience=PriceListAudience.CUSTOMER, customer_id=customer.pk), day)
    if not actor.is_active:
        return None
    if actor.is_partner:
        if actor.partner_id is None:
            return None
        tier = providers.partner_tier(actor.partner_id)
        if tier is not None:
            return _first(Q(audience=PriceListAudience.TIER, tier_id=tier), day)
    return _first(Q(pk__in=()), day)


def prices_for(
    actor: Actor,
    products: Iterable[Product | int],
    for_customer: int | None = None,
    *,
    on: date | None = None,
) -> Prices:
    """The caller's prices of `products` (a page of them), by product id;
    a product missing from the result is not on the caller's price list."""
    price_list = price_list_for(actor, for_customer=for_customer, on=on)
    if price_list is None:
        return Prices(None, {})
    ids = [p if isinstance(p, int) else p.pk for p in products]
    rows = access.unscoped(PriceListItem).filter(price_list=price_list, product_id__in=ids)
    return Prices(
        price_list,
        {
            product_id: Price(one_time, monthly, price_list.currency)
            for product_id, one_time, monthly in rows.values_list(
                "product_id", "one_time_price", "monthly_price"
            )
        },
    )


WALK_FROM = 5_000
"""A price list holding at least this many products may be walked (see
`priced`)."""
SIZE_KEPT_SECONDS = 300.0
_sizes: dict[int, tuple[float, bool]] = {}


def priced(
    products: QuerySet[Product], price_list: PriceList | None, *, walk: bool = False
) -> QuerySet[Product]:
    """`products` on `price_list` only, each carrying its `one_time_price`,
    `monthly_price` and `currency`, in one query whatever the page's length.

    Two plans. Joined to the list's items, the database reads every item
    and sorts them: right for a small list, a search or an order by price,
    but a page of a 26,000-product list by name costs 8 ms of sorting on
    SQLite. `walk=True` (the caller reads a page in an order of the
    products' own columns, unsearched) walks the products in that order and
    looks each up in the list's unique index, stopping at the page's end:
    0.1 ms. The walk is wrong for a small list, where most products are
    looked up in vain, hence the list's size decides."""
    if price_list is None:
        return products.none()
    currency = Value(price_list.currency, output_field=CharField())
    if not (walk and _holds_many(price_list)):
        return products.filter(price_items__price_list=price_list).annotate(
            one_time_price=F("price_items__one_time_price"),
            monthly_price=F("price_items__monthly_price"),
            currency=currency,
        )
    items = access.unscoped(PriceListItem).order_by()
    item = items.filter(price_list=price_list, product=OuterRef("pk"))
    return products.filter(Exists(item)).annotate(
        one_time_price=Subquery(item.values("one_time_price")[:1]),
        monthly_price=Subquery(item.values("monthly_price")[:1]),
        currency=currency,
    )


def _holds_many(price_list: PriceList) -> bool:
    """Whether `price_list` holds `WALK_FROM` products or more, read at most
    every `SIZE_KEPT_SECONDS` per process: it picks a plan, never a row."""
    now = time.monotonic()
    known = _sizes.get(price_list.pk)
    if known is not None and now - known[0] < SIZE_KEPT_SECONDS:
        return known[1]
    held = access.unscoped(PriceListItem).filter(price_list=price_list).order_by().values("pk")
    many = access.unscoped(PriceListItem).filter(pk__in=held[:WALK_FROM]).count() >= WALK_FROM
    _sizes[price_list.pk] = (now, many)
    return many
