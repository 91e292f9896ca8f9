"""The installed assets orders produce, and their history (ORD-5, ORD-9)."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel
from openprm.orders.models.orders import OrderLine


class AssetStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class Asset(TimestampedModel):
    """A product installed at a customer (or at the partner itself) by a
    fulfilled order (ORD-5); `parent` keeps the bundle's structure.
    Disconnected assets stay, inactive with an end date (ORD-9)."""

    customer = models.ForeignKey(
        "customers.Account",
        verbose_name=_("customer account"),
        on_delete=models.PROTECT,
        related_name="assets",
    )
    partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    status = models.CharField(
        _("status"), max_length=10, choices=AssetStatus.choices, default=AssetStatus.ACTIVE
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    one_time_amount = models.DecimalField(
        _("one-time amount"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    monthly_amount = models.DecimalField(
        _("monthly amount"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    currency = models.CharField(_("currency"), max_length=3)
    origin = models.ForeignKey(
        OrderLine,
        verbose_name=_("installed by"),
        on_delete=models.PROTECT,
        related_name="installed_assets",
    )

    class Meta:
        ordering = ["customer", "pk"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        indexes = [models.Index(fields=["customer", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["origin"], name="orders_asset_once_per_line"),
            models.CheckConstraint(
                condition=Q(status="active", end_date__isnull=True)
                | Q(status="inactive", end_date__isnull=False),
                name="orders_asset_end_date_when_inactive",
                violation_error_message=_("An inactive asset has an end date; an active one not."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.name} x {self.quantity}"

    def get_absolute_url(self) -> str:
        return reverse("orders:asset_detail", args=[self.pk])


class ServiceProfileState(models.TextChoices):
    """Where an item of a customer's service profile stands (ORD-5), the
    API's `ServiceProfileState`."""

    INSTALLED = "installed", _("Installed")
    ADDING = "adding", _("Being added")
    CHANGING = "changing", _("Being changed")
    DISCONNECTING = "disconnecting", _("Being disconnected")


class AssetEventKind(models.TextChoices):
    """What happened to an asset (ORD-5), the API's `AssetEventKind`."""

    INSTALLED = "installed", _("Installed")
    CHANGED = "changed", _("Changed")
    DISCONNECTED = "disconnected", _("Disconnected")


class AssetEvent(TimestampedModel):
    """An asset's history: installed, changed, disconnected, each by an order line."""

    Kind = AssetEventKind

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("date"))
    line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="asset_events")
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["asset", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "line"], name="orders_asset_event_once")
        ]
