"""An order, one row per revision, and its lines (ORD-3, ORD-4, ORD-7)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel, VersionedModel


class OrderState(models.TextChoices):
    PENDING = "pending", _("Pending")
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    CANCELLED = "cancelled", _("Cancelled")
    SUPERSEDED = "superseded", _("Superseded")


OPEN_STATES = (OrderState.PENDING, OrderState.OPEN, OrderState.IN_PROGRESS)
"""An order in one of these states still changes what the customer will have (ORD-9)."""


class LineAction(models.TextChoices):
    ADD = "add", _("Add")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    UNCHANGED = "unchanged", _("Unchanged")


class FulfilmentStatus(models.TextChoices):
    """A line's way through fulfilment. `COMMITTED` is the point of no
    return (shipped, provisioned): past it the order cannot be revised."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    COMMITTED = "committed", _("Committed")
    COMPLETE = "complete", _("Complete")


PAST_NO_RETURN = (FulfilmentStatus.COMMITTED, FulfilmentStatus.COMPLETE)


class Order(VersionedModel):
    """One revision of an order. Only the latest revision that is not
    cancelled is the order as it stands; earlier ones are `SUPERSEDED`,
    read-only history."""

    number = models.CharField(_("order number"), max_length=20, db_index=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_revisions",
    )
    customer = models.ForeignKey(
        "customers.Account",
        verbose_name=_("customer account"),
        on_delete=models.PROTECT,
        related_name="orders",
        help_text=_("The account the order is for: a customer, or the partner itself (stock)."),
    )
    partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    contact = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    price_list = models.ForeignKey(
        "catalog.PriceList",
        verbose_name=_("price list"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    currency = models.CharField(_("currency"), max_length=3)
    opportunity = models.ForeignKey(
        "deals.Opportunity",
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=OrderState.choices, default=OrderState.PENDING
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    one_time_total = models.DecimalField(
        _("one-time total"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    monthly_total = models.DecimalField(
        _("monthly total"), max_digits=14, decimal_places=2, default=Decimal(0)
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["state", "customer"])]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "revision"], name="orders_order_revision_once"
            ),
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(state="pending"),
                name="orders_one_pending_revision",
                violation_error_message=_(
                    "One pending revision: an order has one pending revision at a time."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} rev. {self.revision}"

    def get_absolute_url(self) -> str:
        return reverse("orders:order_detail", args=[self.pk])

    @property
    def is_history(self) -> bool:
        return self.state == OrderState.SUPERSEDED


class OrderLine(TimestampedModel):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    key = models.UUIDField(_("line key"), default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    action = models.CharField(
        _("action"), max_length=10, choices=LineAction.choices, default=LineAction.ADD
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    asset = models.ForeignKey(
        "orders.Asset",
        verbose_name=_("asset"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order_lines",
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    one_time_price = models.DecimalField(
        _("one-time price"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    monthly_price = models.DecimalField(
        _("monthly price"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    component_discount_percent = models.DecimalField(
        _("bundle discount (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    discount_percent = models.DecimalField(
        _("manual discount (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    one_time_amount = models.DecimalField(
        _("one-time amount"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    monthly_amount = models.DecimalField(
        _("monthly amount"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    fulfilment_status = models.CharField(
        _("fulfilment"),
        max_length=12,
        choices=FulfilmentStatus.choices,
        default=FulfilmentStatus.OPEN,
    )

    class Meta:
        ordering = ["order", "position", "pk"]
        indexes = [
            models.Index(fields=["asset", "order"]),
            # a revision's copy finds each part's copied parent by its key
            models.Index(fields=["order", "key"], name="orders_line_order_key"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="orders_line_quantity_positive",
                violation_error_message=_("A quantity is above 0."),
            ),
            models.CheckConstraint(
                condition=Q(action="add", asset__isnull=True)
                | Q(action__in=("update", "delete", "unchanged"), asset__isnull=False),
                name="orders_line_asset_by_action",
                violation_error_message=_(
                    "Line action: an Add line names no asset; Update, Delete and unchanged lines "
                    "do."
                ),
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0) & Q(discount_percent__lte=100),
                name="orders_line_discount_range",
                violation_error_message=_("A discount is between 0 and 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.product} x {self.quantity}"
