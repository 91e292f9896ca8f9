"""What the product catalog declares: who maintains the products master,
its bundles, and the price lists."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Privilege, RoleGrant
from openprm.identity.catalog import SALES_ADMINISTRATOR

MANAGE_PRODUCTS = "manage_products"
MANAGE_PRICE_LISTS = "manage_price_lists"

PRIVILEGES = (
    Privilege(MANAGE_PRODUCTS, _("Manage Products")),
    Privilege(MANAGE_PRICE_LISTS, _("Manage Price Lists")),
)

GRANTS = (RoleGrant(SALES_ADMINISTRATOR, (MANAGE_PRODUCTS, MANAGE_PRICE_LISTS)),)
