"""Partner profiles, partner contacts and their favorites (PA-1..PA-6, PC-1..PC-6).

A partner is one party (PA-1): the organization is a customers.Account of
type Partner and the one-to-one PartnerProfile adds what only partners have
(managed-partner flag, status, partner-only custom fields). A partner
contact is one contacts.Person (PC-4) with its membership of exactly one
partner (PC-1); the membership also records the level reached (PC-2).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import CustomFieldsModel, TimestampedModel, VersionedModel
from openprm.customers.models import Account
from openprm.partners.catalog import PARTNER_RECORD_TYPE


class PortalUserType(models.TextChoices):
    """PRG-2: the portal commerce type of a partner user; power ranks above standard."""

    POWER = "power", _("Power user")
    STANDARD = "standard", _("Standard user")


PORTAL_USER_TYPE_RANK = {PortalUserType.STANDARD: 0, PortalUserType.POWER: 1}


class PortalUserState(models.TextChoices):
    """PC-2, PRG-7: how far a partner contact's portal user got, from its
    invitation to its first sign-in; the API's `PortalUserState`."""

    NOT_INVITED = "not_invited", _("Not invited")
    INVITED = "invited", _("Invited")
    EXPIRED = "expired", _("Invitation expired")
    PASSWORD_SET = "password_set", _("Password set")
    SIGNED_IN = "signed_in", _("Active")
    DEACTIVATED = "deactivated", _("Deactivated")


class PartnerStatus(models.TextChoices):
    """Whether the brand owner works with the partner (PA-2), the API's
    `PartnerStatus`."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class PartnerContactLevel(models.TextChoices):
    """How far a partner contact was promoted (PC-2), the API's
    `PartnerContactLevel`."""

    CONTACT = "contact", _("Partner contact")
    RESOURCE = "resource", _("Partner resource")
    USER = "user", _("Partner user")


class PartnerProfile(VersionedModel, CustomFieldsModel):
    """PA-1: the partner "subclass" of an account, without a second organization.

    The account counts as a managed partner only when its type is Partner and
    `managed_partner` is Yes (PA-2).
    """

    record_type = PARTNER_RECORD_TYPE

    Status = PartnerStatus

    account = models.OneToOneField(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="partner_profile",
    )
    managed_partner = models.BooleanField(_("managed partner"), default=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    lead_capacity = models.PositiveIntegerField(
        _("lead capacity"),
        default=10,
        help_text=_("How many routed leads the partner works on at once."),
    )
    portal_enabled = models.BooleanField(
        _("portal enabled"),
        default=True,
        help_text=_("Whether the organization's users may sign in to the partner portal."),
    )
    max_portal_user_type = models.CharField(
        _("highest portal user type"),
        max_length=10,
        choices=PortalUserType.choices,
        default=PortalUserType.STANDARD,
        help_text=_("The partner administrator gives its users this type at most."),
    )
    portal_shows_subsidiaries = models.BooleanField(
        _("users see subsidiaries"),
        default=False,
        help_text=_("Whether the organization's users see its subsidiaries' business too."),
    )
    portal_signed_out_at = models.DateTimeField(
        _("portal users signed out"),
        null=True,
        blank=True,
        help_text=_("Sessions started before this time are ended (the portal was switched off)."),
    )

    class Meta:
        ordering = ["account__name_search", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.account.name

    @property
    def is_active_partner(self) -> bool:
        return self.status == self.Status.ACTIVE


class PartnerContact(VersionedModel):
    """PC-1/PC-2: a person working for exactly one partner, at one of three levels.

    `person` is unique, so a person works for one partner only; `resource`
    and `user` are set by the promotions of PC-2. `portal_user_type` is the
    power / standard distinction of PRG-2.
    """

    Level = PartnerContactLevel
    PortalUserType = PortalUserType

    partner = models.ForeignKey(
        PartnerProfile, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    person = models.OneToOneField(
        "contacts.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="partner_contact",
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.CONTACT, db_index=True
    )
    role = models.ForeignKey(
        "identity.Role",
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_contacts",
        limit_choices_to={"for_partners": True},
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    resource = models.OneToOneField(
        "identity.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_contact",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_contact",
    )
    portal_user_type = models.CharField(
        _("portal user type"),
        max_length=10,
        choices=PortalUserType.choices,
        default=PortalUserType.STANDARD,
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        ordering = ["partner", "person__last_name_search", "pk"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(is_primary=True),
                name="partner_contact_one_primary_per_partner",
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class PartnerContactFavorite(TimestampedModel):
    """PC-6: a user's favorite partner contact; favorites are per user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorite_partner_contacts"
    )
    partner_contact = models.ForeignKey(
        PartnerContact, on_delete=models.CASCADE, related_name="favorites"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partner_contact"], name="partner_contact_favorite_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}★{self.partner_contact_id}"


class PortalInvitation(TimestampedModel):
    """PC-2, PRG-2: one invitation e-mail sent to a portal user.

    Only the SHA-256 digest of the link's secret is kept. A link works once
    (`used_at`), for seven days (`expires_at`), and only while it is the
    user's latest: sending again sets `revoked_at` on the earlier ones.
    `renewal_requested_at` remembers when the invitee asked for a new link.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_invitations"
    )
    digest = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent"), db_index=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced"), null=True, blank=True)
    renewal_requested_at = models.DateTimeField(_("new link asked"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("portal invitation")
        verbose_name_plural = _("portal invitations")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.sent_at:%Y-%m-%d}"
