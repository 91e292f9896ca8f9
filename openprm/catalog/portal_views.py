"""The catalog in the portal (ORD-1): what the partner may order, at its
prices; the portal app mounts it under /portal/ as `portal:catalog`."""

from django.utils.decorators import method_decorator

from openprm.catalog import tables
from openprm.catalog.models import Product
from openprm.core.views.generic import RecordList
from openprm.core.views.pages import portal_only


@method_decorator(portal_only, name="dispatch")
class PortalCatalog(RecordList):
    """Browse and search; a product not on the partner's price list is not shown."""

    model = Product
    spec = tables.OFFER
    template_name = "catalog/portal/catalog.html"
