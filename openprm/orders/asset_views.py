"""An installed asset's pages, internal and portal (ORD-5, ORD-9): its
facts and history, and the buttons that change installed service: Modify
(a new quantity, options kept, added or removed) and Disconnect. Both
place a pending change order through the same service as the API, and
the new order's page follows, to be submitted there."""

from typing import Any, ClassVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from openprm.core.errors import DomainError
from openprm.core.views.editing import RecordAction, refusal_text
from openprm.core.views.generic import Page, RecordDetail
from openprm.core.views.pages import portal_only
from openprm.orders import selectors, services
from openprm.orders.forms import AssetModifyForm
from openprm.orders.models import Asset, AssetStatus, Order
from openprm.orders.services import AssetChange

# An installed asset is a customer's: internally it sits under Accounts, in
# the portal under the Ordering menu's Service profile.
ACCOUNTS_ENTRY = "customers:account_list"
SERVICE_PROFILE_ENTRY = "portal:own_service_profile"
CHANGE_PLACED = _("A change order on %(name)s is pending: check it, then submit it.")


class AssetDetail(RecordDetail):
    model = Asset
    template_name = "orders/asset_detail.html"
    actions = ("change",)
    area: ClassVar[str] = "orders"
    nav_entry = ACCOUNTS_ENTRY

    def record(self, pk: int) -> Asset:
        return selectors.asset_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Asset, tab: str) -> dict[str, Any]:
        profile = (
            reverse("portal:service_profile", args=[record.customer_id])
            if self.area == "portal"
            else reverse("orders:account_assets", args=[record.customer_id])
        )
        return {
            "asset": record,
            "history": selectors.history_of(actor=self.actor, asset=record),
            "area": self.area,
            "profile_url": profile,
            "active": record.status == AssetStatus.ACTIVE,
        }


class AssetModify(Page):
    """ORD-9: the asset's new quantity and options, as a pending change order."""

    model = Asset
    action = "change"
    template_name = "orders/asset_modify.html"
    area: ClassVar[str] = "orders"
    nav_entry = ACCOUNTS_ENTRY

    def asset(self, pk: int) -> Asset:
        return selectors.asset_to_change(actor=self.actor, pk=pk)

    def form(self, asset: Asset, data: Any = None) -> AssetModifyForm:
        initial = {
            "quantity": asset.quantity.normalize(),
            "options": selectors.option_products_of(actor=self.actor, asset=asset),
        }
        choices = selectors.option_choices(actor=self.actor, asset=asset)
        return AssetModifyForm(data, initial=initial, options=choices)

    def show(self, asset: Asset, form: AssetModifyForm) -> HttpResponse:
        context = {
            "asset": asset,
            "form": form,
            "back_url": reverse(f"{self.area}:asset_detail", args=[asset.pk]),
        }
        return render(self.request, self.template_name, context, status=400 if form.errors else 200)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        asset = self.asset(pk)
        return self.show(asset, self.form(asset))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        asset = self.asset(pk)
        form = self.form(asset, request.POST)
        if form.is_valid():
            change = AssetChange(
                asset.pk,
                quantity=form.cleaned_data["quantity"],
                option_ids=form.cleaned_data["options"],
            )
            try:
                order = services.order_assets_change(actor=self.actor, changes=[change])
            except DomainError as error:
                _show_refusal(form, error)
            else:
                messages.success(request, str(CHANGE_PLACED) % {"name": asset})
                return redirect(reverse(f"{self.area}:order_detail", args=[order.pk]))
        return self.show(asset, form)


# The service's fields of an asset's change, as the Modify form names them.
MODIFY_FIELDS = {"quantity": "quantity", "option_ids": "options"}


def _show_refusal(form: AssetModifyForm, error: DomainError) -> None:
    """A refusal next to the field it is about when every problem names one
    of the form's fields (`changes.<asset>.quantity`), above the form
    otherwise."""
    fields = {key: MODIFY_FIELDS.get(key.rsplit(".", 1)[-1]) for key in error.field_errors}
    if not fields or None in fields.values():
        form.add_error(None, refusal_text(error))
        return
    for key, name in fields.items():
        for message in error.field_errors[key]:
            form.add_error(name, message)


class AssetDisconnect(RecordAction):
    """ORD-9: a pending disconnect order on the asset and everything under it."""

    model = Asset
    action = "change"
    refusal_details = True
    success_message = CHANGE_PLACED
    area: ClassVar[str] = "orders"

    def record(self, pk: int) -> Asset:
        return selectors.asset_get(actor=self.actor, pk=pk)

    def perform(self, record: Asset, form: Any) -> Order:
        change = AssetChange(record.pk, disconnect=True)
        self.order = services.order_assets_change(actor=self.actor, changes=[change])
        return self.order

    def success_url(self, record: Asset) -> str:
        """The new order's page; the asset's page when it was refused."""
        order = getattr(self, "order", None)
        if order is None:
            return reverse(f"{self.area}:asset_detail", args=[record.pk])
        return reverse(f"{self.area}:order_detail", args=[order.pk])


@method_decorator(portal_only, name="dispatch")
class PortalAssetDetail(AssetDetail):
    area = "portal"
    nav_entry = SERVICE_PROFILE_ENTRY


@method_decorator(portal_only, name="dispatch")
class PortalAssetModify(AssetModify):
    area = "portal"
    nav_entry = SERVICE_PROFILE_ENTRY


@method_decorator(portal_only, name="dispatch")
class PortalAssetDisconnect(AssetDisconnect):
    area = "portal"
