"""Partner applications and recruitment campaigns (PRG-1, PRG-10).

An application is what a prospective partner sent through the public form,
and the state of the channel team's decision on it. The applicant follows
it through a private link carrying `token` (an unguessable value, the only
way in: the applicant has no user). `name_search`, `domain` and `tax_key`
are the normalized forms the duplicate candidates are found by.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openprm.core.bases import VersionedModel
from openprm.customers.models import Account
from openprm.partners.models import PartnerProfile
from openprm.programs.models import Program

MESSAGE_MAX = 2000


class Campaign(VersionedModel):
    """A recruitment campaign whose link (`?campaign=CODE`) the applications
    it brought in record."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("recruitment campaign")
        verbose_name_plural = _("recruitment campaigns")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("recruitment:campaign_edit", args=[self.pk])


class ApplicationState(models.TextChoices):
    """Where a partner application stands (PRG-1), the API's
    `ApplicationState`."""

    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    INFO_REQUESTED = "info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Application(VersionedModel):
    State = ApplicationState

    OPEN = (State.SUBMITTED, State.UNDER_REVIEW, State.INFO_REQUESTED)

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="applications"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    campaign_code = models.CharField(
        _("campaign code"),
        max_length=40,
        blank=True,
        help_text=_("As the link carried it, known or not."),
    )
    company_name = models.CharField(_("company name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    country = CountryField(_("country"))
    website = models.CharField(_("web site"), max_length=200, blank=True)
    domain = models.CharField(max_length=200, editable=False, blank=True, db_index=True)
    tax_id = models.CharField(_("tax id"), max_length=40, blank=True)
    tax_key = models.CharField(max_length=40, editable=False, blank=True, db_index=True)
    address_line1 = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED, db_index=True
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    info_request = models.TextField(_("information requested"), blank=True)
    info_requested_at = models.DateTimeField(null=True, blank=True)
    info_answer = models.TextField(_("applicant's answer"), max_length=MESSAGE_MAX, blank=True)
    reject_reason = models.CharField(_("rejection reason"), max_length=30, blank=True)
    decision_note = models.TextField(_("note to the applicant"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_applications",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    account = models.ForeignKey(
        Account,
        verbose_name=_("existing account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_applications",
        help_text=_("The account the approver linked the application to."),
    )
    partner = models.ForeignKey(
        PartnerProfile,
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    client_address = models.GenericIPAddressField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("partner application")
        verbose_name_plural = _("partner applications")
        indexes = [models.Index(fields=["state", "info_requested_at"], name="rec_app_expiry")]

    def __str__(self) -> str:
        return self.company_name

    def get_absolute_url(self) -> str:
        return reverse("recruitment:application_detail", args=[self.pk])

    def status_path(self) -> str:
        return reverse("portal:application_status", args=[self.token])

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN

    @property
    def contact_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
