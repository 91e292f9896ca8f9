"""Leads and the offers that route them to partners."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel, VersionedModel
from openprm.deals.models.opportunities import Opportunity


class LeadStatus(models.TextChoices):
    """Where a lead is on its way to a partner (DEAL-4, DEAL-8), the API's
    `LeadStatus`."""

    NEW = "new", _("New")
    OFFERED = "offered", _("Offered to a partner")
    ACCEPTED = "accepted", _("Accepted")
    CONVERTED = "converted", _("Converted")
    DISQUALIFIED = "disqualified", _("Disqualified")


class Lead(VersionedModel):
    """DEAL-1: a lead against a prospect or a sales account; routed to and
    passed between partners (DEAL-4, DEAL-8) until one accepts it."""

    Status = LeadStatus

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
