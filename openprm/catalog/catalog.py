"""What the product catalog declares: who maintains the products master."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Privilege, RoleGrant
from openprm.identity.catalog import SALES_ADMINISTRATOR

MANAGE_PRODUCTS = "manage_products"

PRIVILEGES = (Privilege(MANAGE_PRODUCTS, _("Manage Products")),)

GRANTS = (RoleGrant(SALES_ADMINISTRATOR, (MANAGE_PRODUCTS,)),)
