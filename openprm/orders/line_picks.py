"""What the Add a line form of an order offers (ORD-1, ORD-3, ORD-8): the
products a line may take at the order's price list — sellable today,
orderable on their own or a component of a bundle on the order — found by
name or code with their prices; the options those products take; and the
order's bundle lines a component goes under. The options are read for the
product chosen (the form asks for them when its product changes). The service re-checks every
submitted id, so a picker only helps: it never decides."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog import pricing
from openprm.catalog import selectors as catalog_selectors
from openprm.catalog.models import BundleComponent, Product, ProductOption, ProductType, sellable_q
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.money import money
from openprm.orders.models import Order, OrderLine


@dataclass(frozen=True)
class Pick:
    """One match as the picker lists it."""

    pk: int
    label: str
    detail: str


def _bundle_lines(actor: Actor, order: Order) -> QuerySet[OrderLine]:
    return access.visible(OrderLine, actor).filter(
        order=order, parent__isnull=True, product__type=ProductType.BUNDLE
    )


def _priced_products(actor: Actor, order: Order) -> QuerySet[Product]:
    day = timezone.localdate()
    products = catalog_selectors.product_list(actor=actor).filter(sellable_q(day))
    return pricing.priced(products, order.price_list)


def line_products(*, actor: Actor, order: Order) -> QuerySet[Product]:
    """Products a new line of `order` may take, with their prices."""
    bundles = _bundle_lines(actor, order).values("product_id")
    components = access.unscoped(BundleComponent).filter(bundle_id__in=bundles).values("product_id")
    return (
        _priced_products(actor, order)
        .exclude(type=ProductType.OPTION)
        .filter(Q(is_orderable=True) | Q(pk__in=components))
        .order_by("name_search", "pk")
    )


def price_text(product: Product, currency: str) -> str:
    """A priced product's charges as a line shows them: one-time, monthly."""
    parts = []
    if product.one_time_price or not product.monthly_price:
        parts.append(money(product.one_time_price or Decimal(0), currency))
    if product.monthly_price:
        parts.append(_("%(amount)s monthly") % {"amount": money(product.monthly_price, currency)})
    return " + ".join(parts)


def _pick(product: Product, order: Order) -> Pick:
    detail = " · ".join((product.code, price_text(product, order.price_list.currency)))
    return Pick(product.pk, product.name, detail)


def line_product_matches(*, actor: Actor, order: Order, q: str) -> QuerySet[Product]:
    """Products a new line may take whose name or code starts with `q`."""
    products = line_products(actor=actor, order=order)
    if not q.strip():
        return products
    return products.filter(catalog_selectors.name_or_code_q(q))


def line_product_pick(*, actor: Actor, order: Order, q: str, limit: int) -> list[Pick]:
    """The picker's matches, by name, with code and prices."""
    return [_pick(p, order) for p in line_product_matches(actor=actor, order=order, q=q)[:limit]]


def line_product_label(*, actor: Actor, order: Order, pk: object) -> str | None:
    """The name the picker shows for a chosen product id."""
    product = line_products(actor=actor, order=order).filter(pk=pk).first()
    return product.name if product is not None else None


def line_option_choices(*, actor: Actor, order: Order, product_id: object) -> list[tuple[int, str]]:
    """The options of one product a line may take, priced, by name: read
    for the product chosen, never the whole price list's."""
    if not str(product_id or "").isdigit():
        return []
    owner = line_products(actor=actor, order=order).filter(pk=int(str(product_id))).values("pk")
    options = access.unscoped(ProductOption).filter(product_id__in=owner).values("option_id")
    priced = _priced_products(actor, order).filter(pk__in=options).order_by("name_search", "pk")
    return [(p.pk, f"{p.name} · {_pick(p, order).detail}") for p in priced]


def bundle_line_choices(*, actor: Actor, order: Order) -> list[tuple[int, str]]:
    """The order's bundle lines a component may go under."""
    lines = _bundle_lines(actor, order).select_related("product").order_by("position", "pk")
    return [(line.pk, f"{line.product.name} #{line.pk}") for line in lines]
