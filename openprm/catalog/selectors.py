"""Reading products, always through the access scope."""

from typing import Any

from django.db.models import QuerySet

from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor


def product_list(*, actor: Actor) -> QuerySet[Product]:
    return access.visible(Product, actor)


def product_get(*, actor: Actor, pk: Any) -> Product:
    return access.get_visible(Product, actor, pk)


def product_choices(*, actor: Actor) -> QuerySet[Product]:
    """What may go on a new line: active products only, whoever asks."""
    return access.visible(Product, actor).filter(is_active=True).order_by("name_search", "pk")
