"""Opportunities, leads and deal registrations (DEAL-1..9).

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
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openprm.core.bases import TimestampedModel, VersionedModel
from openprm.customers.levels import AccessLevel


class Opportunity(VersionedModel):
    """A deal the brand owner works, against a sales account only (DEAL-1)."""

    class Stage(models.TextChoices):
        PROSPECTING = "prospecting", _("Prospecting")
        QUALIFICATION = "qualification", _("Qualification")
        PROPOSAL = "proposal", _("Proposal")
        NEGOTIATION = "negotiation", _("Negotiation")
        WON = "won", _("Closed won")
        LOST = "lost", _("Closed lost")

    name = models.CharField(_("name"), max_length=200)
    account = models.ForeignKey(
        "customers.Account",
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PROSPECTING
    )
    is_open = models.BooleanField(_("open"), default=True, editable=False)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    close_date = models.DateField(_("estimated close date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_opportunities",
    )
    partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    distributor = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("distributor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="distributed_opportunities",
    )
    reseller = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("reseller"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resold_opportunities",
    )
    referring_partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_opportunities",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["account", "is_open"]),
            models.Index(fields=["partner", "is_open"]),
            # A partner's opportunities by stage (the portal home's chart, won
            # revenue in a tier's window) without reading each of its rows.
            models.Index(fields=["partner", "stage", "close_date"]),
            models.Index(fields=["owner", "is_open"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.is_open = self.stage not in (self.Stage.WON, self.Stage.LOST)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("deals:opportunity_detail", args=[self.pk])


class OpportunityLine(TimestampedModel):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["product", "opportunity"])]


class OpportunityTeamMember(TimestampedModel):
    """DEAL-9: internal and partner resources on the deal, with TEAM-1 levels."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="team")
    resource = models.ForeignKey(
        "identity.Resource",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="opportunity_teams",
    )
    access_level = models.CharField(
        _("access level"), max_length=4, choices=AccessLevel.choices, default=AccessLevel.EDIT
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "resource"], name="deals_one_membership_per_resource"
            )
        ]
        indexes = [models.Index(fields=["resource", "opportunity"])]


class DealRegistration(VersionedModel):
    """DEAL-2, DEAL-6: a partner's registered deal and its protection."""

    class State(models.TextChoices):
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


class Lead(VersionedModel):
    """DEAL-1: a lead against a prospect or a sales account; routed to and
    passed between partners (DEAL-4, DEAL-8) until one accepts it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OFFERED = "offered", _("Offered to a partner")
        ACCEPTED = "accepted", _("Accepted")
        CONVERTED = "converted", _("Converted")
        DISQUALIFIED = "disqualified", _("Disqualified")

    name = models.CharField(_("name"), max_length=200)
    account = models.ForeignKey(
        "customers.Account",
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="leads",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    amount = models.DecimalField(_("estimated amount"), max_digits=16, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_leads",
    )
    partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leads",
    )
    referring_partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_leads",
    )
    opportunity = models.OneToOneField(
        Opportunity,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead",
    )

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deals:lead_detail", args=[self.pk])


class LeadOffer(TimestampedModel):
    """One offer of a lead to one partner, by routing or by a partner's pass
    (DEAL-4, DEAL-8). At most one offer of a lead is open at a time."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        TIMED_OUT = "timed_out", _("Not answered in time")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="offers")
    partner = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="lead_offers",
    )
    passed_by = models.ForeignKey(
        "partners.PartnerProfile",
        verbose_name=_("passed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="passed_offers",
    )
    reason = models.CharField(_("why this partner"), max_length=300, blank=True)
    deadline = models.DateTimeField(_("answer by"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = models.CharField(_("decline reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lead"], condition=Q(outcome="open"), name="deals_one_open_offer_per_lead"
            )
        ]
        indexes = [
            models.Index(fields=["partner", "outcome"]),
            models.Index(fields=["outcome", "deadline"]),
        ]
