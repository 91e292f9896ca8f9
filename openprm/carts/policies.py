"""Who reaches a cart or a quote (ORD-6): its owner, and nobody else — not
the owner's colleagues, not the channel team. Anyone else is answered as if
the record did not exist (404). And who may open the configurator on a
bundle (ORD-2): power users."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.carts import rules
from openprm.carts.errors import CartErrorCode
from openprm.carts.models import Cart, CartLine, Quote, QuoteLine
from openprm.catalog.models import Product, ProductType
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused


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


@access.contributed_check(Product, "configure")
def _configure(actor: Actor, product: Product) -> PermissionRefused | None:
    """ORD-2, ORD-8: the configurator is the power users' (and only builds
    bundles); a standard user is refused with the rule named."""
    if not rules.is_power_user(actor):
        return PermissionRefused(
            _("Configurator: only power users build bundles in the configurator."),
            code=CartErrorCode.CONFIGURATOR_POWER_USERS_ONLY,
        )
    if product.type != ProductType.BUNDLE:
        return PermissionRefused(
            _("Configurator: %(name)s is not a bundle.") % {"name": product.name},
            code=CartErrorCode.NOT_A_BUNDLE_LINE,
        )
    return None
