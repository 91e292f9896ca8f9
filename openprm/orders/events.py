"""Business events of orders, for their timelines (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class OrderPlaced(Event):
    code = "order_placed"
    label = _("Order placed")
    number: str


@dataclass(frozen=True, kw_only=True)
class OrderSubmitted(Event):
    code = "order_submitted"
    label = _("Order submitted")
    revision: int


@dataclass(frozen=True, kw_only=True)
class OrderRevised(Event):
    code = "order_revised"
    label = _("Revision started")
    revision: int


@dataclass(frozen=True, kw_only=True)
class OrderCancelled(Event):
    code = "order_cancelled"
    label = _("Order cancelled")
    revision: int


@dataclass(frozen=True, kw_only=True)
class OrderFulfilled(Event):
    code = "order_fulfilled"
    label = _("Order fulfilled")
    assets: int
