"""Account team members and their access levels (TEAM-1, TEAM-2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.customers.levels import AccessLevel


class TeamMemberSource(models.TextChoices):
    """How a member joined the team (TER-3), the API's `TeamMemberSource`."""

    MANUAL = "manual", _("Manual")
    TERRITORY = "territory", _("Territory")


class AccountTeamMember(VersionedModel):
    """A resource or user on an account's sales team (CUS-5, TEAM-1).

    `source` Territory marks members added by territory assignment; a
    reassignment removes those no territory covers any more unless `locked`
    (TER-3). Manual members stay until a Full member removes them.
    """

    Source = TeamMemberSource

    account = models.ForeignKey(
        "customers.Account",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="team_members",
    )
    resource = models.ForeignKey(
        "identity.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="account_teams",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="account_teams",
    )
    access_level = models.CharField(
        _("access level"), max_length=4, choices=AccessLevel.choices, default=AccessLevel.EDIT
    )
    locked = models.BooleanField(_("locked"), default=False)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )

    class Meta:
        ordering = ["account", "pk"]
        verbose_name = _("account team member")
        verbose_name_plural = _("account team members")
        constraints = [
            models.CheckConstraint(
                condition=Q(resource__isnull=False) | Q(user__isnull=False),
                name="team_member_resource_or_user",
            ),
            models.UniqueConstraint(
                fields=["account", "resource"],
                condition=Q(resource__isnull=False),
                name="team_member_unique_resource",
            ),
            models.UniqueConstraint(
                fields=["account", "user"],
                condition=Q(user__isnull=False),
                name="team_member_unique_user",
            ),
        ]

    def __str__(self) -> str:
        return str(self.resource or self.user)

    @property
    def display_name(self) -> str:
        if self.resource is not None:
            return self.resource.name
        return self.user.display_name if self.user else ""
