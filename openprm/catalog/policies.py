"""Who sees and maintains products (ORD-1).

Every signed-in user — partner users included, who put products on their
registrations and orders — sees the active products; those who maintain the
catalog (Manage Products) also see the inactive ones and change them.
"""

from django.db.models import QuerySet

from openprm.catalog.catalog import MANAGE_PRODUCTS
from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege, missing_privilege


@access.policy(Product)
class ProductPolicy(access.Policy[Product]):
    def view(self, rows: QuerySet[Product], actor: Actor) -> QuerySet[Product]:
        if actor.is_internal and has_privilege(actor, MANAGE_PRODUCTS):
            return rows
        return rows.filter(is_active=True)

    def check_change(self, actor: Actor, product: Product) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_PRODUCTS)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_PRODUCTS)
