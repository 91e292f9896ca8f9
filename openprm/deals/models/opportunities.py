"""Opportunities, their product lines and their sales teams."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel, VersionedModel
from openprm.customers.levels import AccessLevel


class OpportunityStage(models.TextChoices):
    """How far an opportunity got (DEAL-1), the API's `OpportunityStage`."""

    PROSPECTING = "prospecting", _("Prospecting")
    QUALIFICATION = "qualification", _("Qualification")
    PROPOSAL = "proposal", _("Proposal")
    NEGOTIATION = "negotiation", _("Negotiation")
    WON = "won", _("Closed won")
    LOST = "lost", _("Closed lost")


class Opportunity(VersionedModel):
    """A deal the brand owner works, against a sales account only (DEAL-1)."""

    Stage = OpportunityStage

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
            # Its pipeline and won revenue per currency (the program page,
            # Performance, a partner's Deals tab) from the index alone,
            # already grouped; the account is there for the internal
            # reader's access check, which reads it on every row.
            models.Index(
                fields=["partner", "currency", "stage", "is_open", "amount", "account"],
                name="opportunity_partner_revenue",
            ),
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
