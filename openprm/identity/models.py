"""Users, job roles, privileges, resources and personal access tokens (PLAT-1, PLAT-2)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel, VersionedModel


class Privilege(models.Model):
    """A privilege an app declares (core.catalog), stored so roles can refer to it."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleKind(models.TextChoices):
    """Job or duty role (PLAT-2), the API's `RoleKind`."""

    JOB = "job", _("Job role")
    DUTY = "duty", _("Duty role")


class Role(VersionedModel):
    """A job or duty role; it grants privileges to the users who hold it."""

    Kind = RoleKind

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.JOB)
    for_partners = models.BooleanField(
        _("partner role"), default=False, help_text=_("Held by partner (portal) users.")
    )
    privileges = models.ManyToManyField(Privilege, blank=True, related_name="roles")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserType(models.TextChoices):
    """Internal staff or a partner (portal) user, the API's `UserType`."""

    INTERNAL = "internal", _("Internal")
    PARTNER = "partner", _("Partner")


class User(AbstractUser, VersionedModel):
    """A sign-in identity. `user_type` separates internal staff from partner
    (portal) users; which partner a portal user belongs to is recorded by the
    partners app, never taken from a request."""

    UserType = UserType

    user_type = models.CharField(
        _("user type"), max_length=10, choices=UserType.choices, default=UserType.INTERNAL
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users")

    class Meta:
        ordering = ["username"]

    @property
    def is_partner_user(self) -> bool:
        return self.user_type == self.UserType.PARTNER

    @property
    def display_name(self) -> str:
        """The name people read: the full name, else the e-mail address (which
        says who it is), and only then the sign-in name."""
        return self.get_full_name() or self.email or self.username


class Resource(VersionedModel):
    """A person who does work — an employee or a partner resource.

    `manager` builds the management hierarchy through which managers inherit
    the access of the people below them (TEAM-4).
    """

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resource",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    is_partner_resource = models.BooleanField(_("partner resource"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AccessToken(TimestampedModel):
    """A personal access token for the API (PLAT-1).

    Only a SHA-256 digest is stored; the token itself is shown once. A token
    works only while its user is active, checked on every request.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
