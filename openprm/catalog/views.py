"""The catalog pages (ORD-1, ORD-8): products with their bundle components,
options and attributes; price lists with their items."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.catalog import providers, selectors, services, tables
from openprm.catalog.catalog import MANAGE_PRICE_LISTS
from openprm.catalog.forms import (
    AttributeForm,
    ComponentForm,
    ItemForm,
    OptionForm,
    PriceListForm,
    ProductForm,
)
from openprm.catalog.models import PriceList, PriceListAudience, Product, ProductType
from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordList
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
        return saved.get_absolute_url()


class ProductEdit(RecordForm):
    """The product form, with the product's attributes and options and, for
    a bundle, its components below it."""

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

    def extra_context(self, form: Any, record: Product) -> dict[str, Any]:
        return {
            "attributes": selectors.attributes_of(actor=self.actor, product=record),
            "options": selectors.options_of(actor=self.actor, product=record),
            "components": selectors.components_of(actor=self.actor, bundle=record)
            if record.type == ProductType.BUNDLE
            else None,
        }

    def apply(self, form: Any, record: Product) -> Product:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.product_update(
            actor=self.actor, product=record, changes=data, expected_version=version
        )

    def success_url(self, saved: Product) -> str:
        return reverse("catalog:product_list")


class _ProductPart(RecordForm):
    """A form adding a part to a product (a change of the product)."""

    model = Product
    action = "change"
    template_name = "catalog/part_form.html"
    refusals_to_page = True
    context_object_name = "product"

    def record(self, pk: int) -> Product:
        product = selectors.product_get(actor=self.actor, pk=pk)
        services.require_change(actor=self.actor, product=product)
        return product

    def success_url(self, saved: Any) -> str:
        return reverse("catalog:product_detail", args=[self.kwargs["pk"]])


class ComponentAdd(_ProductPart):
    form_class = ComponentForm
    title = _("Add a bundle component")
    success_message = _("%(name)s is in the bundle.")

    def form_kwargs(self, record: Product) -> dict[str, Any]:
        return {"products": selectors.product_choices(actor=self.actor).exclude(type="bundle")}

    def apply(self, form: Any, record: Product) -> Any:
        data = dict(form.cleaned_data)
        return services.component_add(
            actor=self.actor, bundle=record, product_id=data.pop("product").pk, **data
        )


class OptionAdd(_ProductPart):
    form_class = OptionForm
    title = _("Add an option")
    success_message = _("%(name)s is added.")

    def form_kwargs(self, record: Product) -> dict[str, Any]:
        return {"options": selectors.product_choices(actor=self.actor).filter(type="option")}

    def apply(self, form: Any, record: Product) -> Any:
        return services.option_add(
            actor=self.actor, product=record, option_id=form.cleaned_data["option"].pk
        )


class AttributeSet(_ProductPart):
    form_class = AttributeForm
    title = _("Set an attribute")
    success_message = _("%(name)s is set.")

    def apply(self, form: Any, record: Product) -> Any:
        return services.attribute_set(actor=self.actor, product=record, **form.cleaned_data)


class PriceListList(RecordList):
    model = PriceList
    spec = tables.PRICE_LISTS
    privilege = MANAGE_PRICE_LISTS
    template_name = "catalog/price_list_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "can_create": permitted_create(self.actor, PriceList),
            "audiences": PriceListAudience.choices,
        }


class PriceListCreate(RecordForm):
    model = PriceList
    action = "create"
    form_class = PriceListForm
    template_name = "catalog/price_list_form.html"
    title = _("New price list")
    success_message = _("%(name)s is created.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {"tiers": providers.tier_choices()}

    def apply(self, form: Any, record: Any) -> PriceList:
        return services.price_list_create(actor=self.actor, data=form.values())


class PriceListEdit(RecordForm):
    """The price list form with its items below it."""

    model = PriceList
    action = "change"
    form_class = PriceListForm
    template_name = "catalog/price_list_form.html"
    title = _("Edit price list")
    success_message = _("%(name)s is saved.")
    refusals_to_page = True

    def record(self, pk: int) -> PriceList:
        price_list = selectors.price_list_get(actor=self.actor, pk=pk)
        services.require_price_list_change(actor=self.actor, price_list=price_list)
        return price_list

    def form_kwargs(self, record: PriceList) -> dict[str, Any]:
        initial = {f: getattr(record, f) for f in services.PRICE_LIST_FIELDS}
        return {
            "tiers": providers.tier_choices(),
            "initial": {**initial, "version": record.version},
        }

    def extra_context(self, form: Any, record: PriceList) -> dict[str, Any]:
        return {"items": selectors.items_of(actor=self.actor, price_list=record)[:500]}

    def apply(self, form: Any, record: PriceList) -> PriceList:
        return services.price_list_update(
            actor=self.actor,
            price_list=record,
            changes=form.values(),
            expected_version=form.cleaned_data["version"],
        )


class ItemSet(RecordForm):
    """A product's prices on a price list (a change of the price list)."""

    model = PriceList
    action = "change"
    form_class = ItemForm
    template_name = "catalog/part_form.html"
    title = _("Set a product's prices")
    success_message = _("The prices of %(name)s are saved.")
    refusals_to_page = True
    context_object_name = "price_list"

    def record(self, pk: int) -> PriceList:
        price_list = selectors.price_list_get(actor=self.actor, pk=pk)
        services.require_price_list_change(actor=self.actor, price_list=price_list)
        return price_list

    def form_kwargs(self, record: PriceList) -> dict[str, Any]:
        return {"products": selectors.product_choices(actor=self.actor)}

    def apply(self, form: Any, record: PriceList) -> Any:
        data = dict(form.cleaned_data)
        return services.item_set(
            actor=self.actor, price_list=record, product_id=data.pop("product").pk, **data
        )

    def success_url(self, saved: Any) -> str:
        return reverse("catalog:price_list_detail", args=[self.kwargs["pk"]])
