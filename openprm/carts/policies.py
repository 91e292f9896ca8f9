"""Who reaches a cart or a quote (ORD-6): its owner, and nobody else — not
the owner's colleagues, not the channel team. Anyone else is answered as if
the record did not exist (404)."""

from django.db.models import QuerySet

from openprm.carts.models import Cart, CartLine, Quote, QuoteLine
from openprm.core import access
from openprm.core.actor import Actor


def _own(rows: QuerySet, actor: Actor, owner: str = "owner_id") -> QuerySet:  # type: ignore[type-arg]
    return rows.filter(**{owner: actor.pk}) if actor.is_active else rows.none()


@access.policy(Cart)
class CartPolicy(access.Policy[Cart]):
    def view(self, rows: QuerySet[Cart], actor: Actor) -> QuerySet[Cart]:
        return _own(rows, actor)

    def change(self, rows: QuerySet[Cart], actor: Actor) -> QuerySet[Cart]:
        """Also the rule of its lines, saving it as a quote and checking out."""
        return _own(rows, actor)


@access.register(CartLine)
def _cart_lines(rows: QuerySet[CartLine], actor: Actor) -> QuerySet[CartLine]:
    """A line is seen with its cart."""
    return _own(rows, actor, "cart__owner_id")


@access.policy(Quote)
class QuotePolicy(access.Policy[Quote]):
    def view(self, rows: QuerySet[Quote], actor: Actor) -> QuerySet[Quote]:
        return _own(rows, actor)

    def order(self, rows: QuerySet[Quote], actor: Actor) -> QuerySet[Quote]:
        """Also the rule of turning it back into a cart."""
        return _own(rows, actor)


@access.register(QuoteLine)
def _quote_lines(rows: QuerySet[QuoteLine], actor: Actor) -> QuerySet[QuoteLine]:
    return _own(rows, actor, "quote__owner_id")
