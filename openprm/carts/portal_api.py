"""The portal JSON API of the cart and quotes (ORD-2, ORD-6, ORD-8), at
/api/v1/portal/…: the partner user's own cart (there is one per user),
its lines, saving it as a quote, checkout, and its quotes; anyone without
a partner membership gets 404. Refusals are problem JSON naming the rule; a
changed price answers 409 `prices_changed` with the changes and the
`price_token` that confirms them."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from openprm.carts import checkout, configurator, lines, pages, selectors, services, tables
from openprm.carts.models import Cart, Quote
from openprm.carts.schemas import (
    BundleConfigurationIn,
    BundlePreviewOut,
    CartConfirmIn,
    CartLineIn,
    CartLineUpdateIn,
    CartOrderOut,
    CartOut,
    CartShoppingForIn,
    QuoteListItemOut,
    QuoteOut,
    QuoteToCartIn,
)
from openprm.core.actor import Actor
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.core.errors import NotFound

router = Router()


def shopper(request: HttpRequest) -> Actor:
    """The partner user calling; the cart is a portal feature (404 to others)."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    if actor.partner_id is None:
        raise NotFound()
    return actor


@router.get("/portal/cart", response=CartOut)
@reads(Cart)
def cart_detail(request: HttpRequest) -> Any:
    """The caller's cart, made on first use for its own organization."""
    return pages.cart_summary(actor=shopper(request))


@router.put("/portal/cart/shopping-for", response=CartOut)
def cart_shop_for(request: HttpRequest, payload: CartShoppingForIn) -> Any:
    """ORD-6: for the own organization (no customer) or a customer account
    the caller sees, with its contact, price list and opportunity."""
    services.cart_shop_for(actor=shopper(request), **payload.model_dump())
    return pages.cart_summary(actor=shopper(request))


@router.post("/portal/cart/lines", response={201: CartOut})
def cart_line_add(request: HttpRequest, payload: CartLineIn) -> Status[Any]:
    data = payload.model_dump()
    lines.line_add(actor=shopper(request), **data)
    return Status(201, pages.cart_summary(actor=shopper(request)))


@router.patch("/portal/cart/lines/{line_id}", response=CartOut)
def cart_line_update(request: HttpRequest, line_id: RecordId, payload: CartLineUpdateIn) -> Any:
    lines.line_update(actor=shopper(request), line_id=line_id, **payload.model_dump())
    return pages.cart_summary(actor=shopper(request))


@router.delete("/portal/cart/lines/{line_id}", response=CartOut)
def cart_line_remove(request: HttpRequest, line_id: RecordId) -> Any:
    lines.line_remove(actor=shopper(request), line_id=line_id)
    return pages.cart_summary(actor=shopper(request))


@router.post("/portal/cart/quote", response={201: QuoteOut})
def cart_save_quote(request: HttpRequest, payload: CartConfirmIn) -> Status[Any]:
    """ORD-6: a numbered quote with a valid-until date, prices frozen as
    quoted; the cart is emptied."""
    quote = checkout.cart_save_quote(actor=shopper(request), **payload.model_dump())
    return Status(201, pages.quote_summary(actor=shopper(request), quote=quote))


@router.post("/portal/cart/checkout", response={201: CartOrderOut})
def cart_checkout(request: HttpRequest, payload: CartConfirmIn) -> Status[Any]:
    """ORD-6: the cart becomes an order, its prices re-checked first."""
    order = checkout.cart_checkout(actor=shopper(request), **payload.model_dump())
    return Status(201, pages.order_answer(order))


@router.get("/portal/quotes", response=list[QuoteListItemOut])
@reads(Quote)
@paginate(PagePagination)
def quote_list(
    request: HttpRequest, sort: sort_choices(tables.QUOTES.sortable) = tables.QUOTES.default_sort
) -> Any:
    """The caller's own quotes, newest first."""
    return tables.QUOTES.rows(actor=shopper(request), query=request.GET, sort=sort)


@router.get("/portal/quotes/{quote_id}", response=QuoteOut)
@reads(Quote)
def quote_detail(request: HttpRequest, quote_id: RecordId) -> Any:
    quote = selectors.quote_get(actor=shopper(request), pk=quote_id)
    return pages.quote_summary(actor=shopper(request), quote=quote)


@router.post("/portal/quotes/{quote_id}/cart", response=CartOut)
def quote_to_cart(request: HttpRequest, quote_id: RecordId, payload: QuoteToCartIn) -> Any:
    """ORD-6: the quote's lines back in the cart; a cart holding lines is
    replaced only with `replace`."""
    checkout.quote_to_cart(actor=shopper(request), quote_id=quote_id, replace=payload.replace)
    return pages.cart_summary(actor=shopper(request))


@router.post("/portal/quotes/{quote_id}/order", response={201: CartOrderOut})
def quote_order(request: HttpRequest, quote_id: RecordId, payload: CartConfirmIn) -> Status[Any]:
    """ORD-6: an open quote within its validity becomes an order."""
    order = checkout.quote_order(actor=shopper(request), quote_id=quote_id, **payload.model_dump())
    return Status(201, pages.order_answer(order))


@router.post("/portal/bundles/{product_id}/configuration", response=BundlePreviewOut)
def bundle_configuration_preview(
    request: HttpRequest, product_id: RecordId, payload: BundleConfigurationIn
) -> Any:
    """ORD-2, ORD-8: the configurator, for power users (403 to standard
    users): every rule the configuration breaks and its price; nothing is
    saved."""
    return configurator.preview(
        actor=shopper(request), product_id=product_id, **payload.model_dump()
    )


@router.post("/portal/bundles/{product_id}/cart", response={201: CartOut})
def bundle_configuration_to_cart(
    request: HttpRequest, product_id: RecordId, payload: BundleConfigurationIn
) -> Status[Any]:
    """ORD-2, ORD-8: the configured bundle into the cart (power users)."""
    actor = shopper(request)
    configurator.add_to_cart(actor=actor, product_id=product_id, **payload.model_dump())
    return Status(201, pages.cart_summary(actor=actor))
