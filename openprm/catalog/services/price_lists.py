"""Price lists and their items (Manage Price Lists)."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.catalog import providers, selectors
from openprm.catalog.errors import CatalogErrorCode
from openprm.catalog.models import (
    PriceList,
    PriceListAudience,
    PriceListItem,
)
from openprm.catalog.services.products import unknown_fields
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_delete, record_update
from openprm.customers.models import Account

PRICE_LIST_FIELDS = frozenset(
    {"name", "currency", "audience", "tier_id", "customer_id", "active_from", "active_to"}
)


def _price_list_values(actor: Actor, data: Mapping[str, Any]) -> dict[str, Any]:
    """The audience names exactly what it needs; a customer must be one the
    maintainer sees, a tier one the programs app knows."""
    unknown_fields(data, PRICE_LIST_FIELDS)
    values = dict(data)
    if "currency" in values:
        values["currency"] = (values["currency"] or "").strip().upper()
        if len(values["currency"]) != 3 or not values["currency"].isalpha():
            raise ValidationFailed(
                field_errors={"currency": [_("A currency is a 3-letter ISO code, like EUR.")]}
            )
    audience = values.get("audience")
    if audience is not None:
        if audience != PriceListAudience.TIER:
            values["tier_id"] = None
        if audience != PriceListAudience.CUSTOMER:
            values["customer_id"] = None
    tier = values.get("tier_id")
    if tier is not None and tier not in dict(providers.tier_choices()):
        raise ValidationFailed(
            field_errors={"tier_id": [_("No such partner tier.")]},
            code=CatalogErrorCode.UNKNOWN_TIER,
        )
    customer = values.get("customer_id")
    if customer is not None:
        access.get_visible(Account, actor, customer)
    return values


def price_list_create(*, actor: Actor, data: Mapping[str, Any]) -> PriceList:
    access.require_create(actor, PriceList)
    return record_create(actor=actor, instance=PriceList(**_price_list_values(actor, data)))


def price_list_update(
    *,
    actor: Actor,
    price_list: PriceList,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> PriceList:
    access.require(actor, "change", price_list)
    return record_update(
        actor=actor,
        instance=price_list,
        changes=_price_list_values(actor, changes),
        expected_version=expected_version,
    )


def require_price_list_change(*, actor: Actor, price_list: PriceList) -> None:
    access.require(actor, "change", price_list)


def item_set(
    *,
    actor: Actor,
    price_list: PriceList,
    product_id: int,
    one_time_price: Decimal = Decimal(0),
    monthly_price: Decimal = Decimal(0),
) -> PriceListItem:
    """A product's prices on the list: added, or replaced when it is there."""
    access.require(actor, "change", price_list)
    product = selectors.product_get(actor=actor, pk=product_id)
    prices = {"one_time_price": one_time_price, "monthly_price": monthly_price}
    with transaction.atomic():
        existing = (
            PriceListItem.objects.select_for_update()
            .filter(price_list=price_list, product=product)
            .first()
        )
        if existing is not None:
            return record_update(
                actor=actor, instance=existing, changes=prices, expected_version=None
            )
        return record_create(
            actor=actor, instance=PriceListItem(price_list=price_list, product=product, **prices)
        )


def item_remove(*, actor: Actor, price_list: PriceList, item: PriceListItem) -> None:
    access.require(actor, "change", price_list)
    record_delete(actor=actor, instance=item)
