"""The real URLs plus the products' pages written as a new app would write
them, with no template of their own: the shared default pages draw them
(test_default_pages.py)."""

from typing import Any

from django.urls import include, path

from openprm.alerts import tables as alert_tables
from openprm.alerts.models import Alert
from openprm.catalog import selectors, services, tables
from openprm.catalog.models import Product
from openprm.config.urls import urlpatterns as real_urlpatterns
from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import html_errors
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS

FIELDS = ("code", "name", "family", "is_active")


class ProductList(RecordList):
    model = Product
    spec = tables.PRODUCTS


class AlertList(RecordList):
    """A list whose filters are enums (priority, target), drawn by the
    default page rather than the alerts app's own template."""

    model = Alert
    spec = alert_tables.ALERTS
    privilege = MANAGE_PARTNER_PROGRAMS


class ProductDetail(RecordDetail):
    model = Product
    fields = FIELDS
    actions = ("change",)

    def record(self, pk: int) -> Product:
        return selectors.product_get(actor=self.actor, pk=pk)


class ProductCreate(RecordForm):
    model = Product
    action = "create"
    fields = FIELDS

    def apply(self, form: Any, record: None) -> Product:
        return services.product_create(actor=self.actor, data=form.cleaned_data)


class ProductEdit(RecordForm):
    model = Product
    action = "change"
    fields = FIELDS

    def record(self, pk: int) -> Product:
        return selectors.product_get(actor=self.actor, pk=pk)

    def apply(self, form: Any, record: Product) -> Product:
        changes = dict(form.cleaned_data)
        version = changes.pop("version")
        return services.product_update(
            actor=self.actor, product=record, changes=changes, expected_version=version
        )


probe = [
    path("", ProductList.as_view(), name="product_list"),
    path("new/", ProductCreate.as_view(), name="product_create"),
    path("<int:pk>/", html_errors(ProductDetail.as_view()), name="product_detail"),
    path("<int:pk>/edit/", html_errors(ProductEdit.as_view()), name="product_edit"),
    path("alerts/", AlertList.as_view(), name="alert_list"),
]

urlpatterns = [*real_urlpatterns, path("default-probe/", include((probe, "probe")))]
