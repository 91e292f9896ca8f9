"""Deal registrations and their product lines.

A deal registration is the partner's claim on a deal; approved, it gives the
partner protection until `protection_ends` and is linked to the opportunity
the brand owner works. Conflict keys (DEAL-7) are stored normalized and
indexed with the state, so the check at submission and approval reads a few
index entries however many registrations exist. (Partial indexes on the live
states would be smaller, but SQLite cannot use them for a query whose states
are bound parameters, as the ORM writes them.)
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openprm.core.bases import TimestampedModel, VersionedModel
from openprm.deals.models.opportunities import Opportunity


class RegistrationState(models.TextChoices):
    """Where a deal registration stands (DEAL-2, DEAL-6), the API's
    `RegistrationState`."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for more information")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class DealRegistration(VersionedModel):
    """DEAL-2, DEAL-6: a partner's registered deal and its protection."""

    State = RegistrationState

    number = models.CharField(_("number"), max_length=12, unique=True, null=True, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner owner"),
        on_delete=models.PROTECT,
        related_name="owned_registrations",
    )
    channel_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("channel manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_registrations",
    )
    title = models.CharField(_("deal name"), max_length=200)
    account = models.ForeignKey(
        "customers.Account",
        verbose_name=_("customer account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    customer_name = models.CharField(_("customer name"), max_length=200, blank=True)
    customer_key = models.CharField(max_length=200, blank=True, editable=False)
    country = CountryField(_("country"), blank=True)
    web_domain = models.CharField(_("web domain"), max_length=200, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, default=0, editable=False
    )
    close_date = models.DateField(_("estimated close date"))
    description = models.TextField(_("description"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    first_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first approver"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reject_reason = models.CharField(_("rejection reason"), max_length=40, blank=True)
    decision_note = models.TextField(_("note to the partner"), blank=True)
    conflict_note = models.TextField(_("reason for approving despite a conflict"), blank=True)
    protection_starts = models.DateField(_("protected from"), null=True, blank=True)
    protection_ends = models.DateField(_("protected until"), null=True, blank=True)
    extensions_used = models.PositiveSmallIntegerField(_("extensions used"), default=0)
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )

    LIVE = (State.SUBMITTED, State.RETURNED, State.APPROVED)
    PENDING = (State.SUBMITTED, State.RETURNED)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("deal registration")
        verbose_name_plural = _("deal registrations")
        indexes = [
            models.Index(fields=["account", "state"], name="deals_reg_by_account"),
            models.Index(fields=["tax_id", "state"], name="deals_reg_by_tax_id"),
            models.Index(fields=["web_domain", "state"], name="deals_reg_by_domain"),
            models.Index(fields=["customer_key", "country", "state"], name="deals_reg_by_name"),
            models.Index(fields=["partner", "state"]),
            models.Index(fields=["state", "protection_ends"]),
            models.Index(fields=["state", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.number or self.title

    def get_absolute_url(self) -> str:
        return reverse("deals:registration_detail", args=[self.pk])

    @property
    def customer_label(self) -> str:
        return self.account.name if self.account_id else self.customer_name


class RegistrationLine(TimestampedModel):
    registration = models.ForeignKey(
        DealRegistration, on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["registration", "product"])]
