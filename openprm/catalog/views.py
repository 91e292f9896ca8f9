"""The products master pages (ORD-1): the list and the product form."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.catalog import selectors, services, tables
from openprm.catalog.forms import ProductForm
from openprm.catalog.models import Product
from openprm.core.views.generic import RecordForm, RecordList
from openprm.core.views.web import permitted_create


class ProductList(RecordList):
    model = Product
    spec = tables.PRODUCTS
    template_name = "catalog/product_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": permitted_create(self.actor, Product)}


class ProductCreate(RecordForm):
    model = Product
    action = "create"
    form_class = ProductForm
    template_name = "catalog/product_form.html"
    title = _("New product")
    success_message = _("%(name)s is in the catalog.")

    def apply(self, form: Any, record: Any) -> Product:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.product_create(actor=self.actor, data=data)

    def success_url(self, saved: Product) -> str:
        return reverse("catalog:product_list")


class ProductEdit(RecordForm):
    model = Product
    action = "change"
    form_class = ProductForm
    template_name = "catalog/product_form.html"
    title = _("Edit product")
    success_message = _("%(name)s is saved.")
    refusals_to_page = True

    def record(self, pk: int) -> Product:
        product = selectors.product_get(actor=self.actor, pk=pk)
        services.require_change(actor=self.actor, product=product)
        return product

    def form_kwargs(self, record: Product) -> dict[str, Any]:
        initial = {f: getattr(record, f) for f in services.PRODUCT_FIELDS}
        return {"initial": {**initial, "version": record.version}}

    def apply(self, form: Any, record: Product) -> Product:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.product_update(
            actor=self.actor, product=record, changes=data, expected_version=version
        )

    def success_url(self, saved: Product) -> str:
        return reverse("catalog:product_list")
