"""The base of an order page's buttons: the order is read through the
actor's scope (another partner's order is a 404)."""

from openprm.core.views.editing import RecordAction
from openprm.orders import selectors
from openprm.orders.models import Order


class OrderAction(RecordAction):
    model = Order

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)
