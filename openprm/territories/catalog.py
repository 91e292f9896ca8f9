"""What the territories app declares: its privilege and who holds it."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Privilege, RoleGrant
from openprm.identity.catalog import SALES_ADMINISTRATOR

MANAGE_TERRITORIES = "manage_territories"

PRIVILEGES = (Privilege(MANAGE_TERRITORIES, _("Manage Territories")),)

GRANTS = (RoleGrant(SALES_ADMINISTRATOR, (MANAGE_TERRITORIES,)),)
