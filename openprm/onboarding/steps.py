"""The setup checklist (PRG-9): what must be in place before the partners
can work with us, computed from the data and never ticked by hand.

One-time steps are the platform's: an active program with tiers, and the
lookups the partner rules read filled. Profile options are not a step:
every option has a working default, and "reviewed" could only be a tick.

Per-partner steps, in the order they are done:

- partnership: the partner is bound to a program (PRG-3, PRG-4);
- portal organization: the partner is active and has a partner
  administrator contact, who manages its users (PRG-2);
- user access: at least one active portal user;
- invitations sent: a portal user was sent a portal invitation (the
  partners app records each one), or has signed in already;
- first sign-in: a portal user has signed in.
"""

from dataclasses import dataclass

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SetupStep(models.TextChoices):
    """The per-partner steps, in the order they are done; the API's
    `SetupStep`, which the list's `missing` filter and answers carry."""

    PARTNERSHIP = "partnership", _("Partnership")
    ORGANIZATION = "organization", _("Portal organization")
    USER_ACCESS = "user_access", _("User access")
    INVITATIONS = "invitations", _("Invitations sent")
    FIRST_SIGN_IN = "first_sign_in", _("First sign-in")


@dataclass(frozen=True)
class Step:
    key: SetupStep
    todo: str | Promise
    """What to do when the step is missing."""

    @property
    def label(self) -> str | Promise:
        return self.key.label


PARTNERSHIP = SetupStep.PARTNERSHIP
ORGANIZATION = SetupStep.ORGANIZATION
USER_ACCESS = SetupStep.USER_ACCESS
INVITATIONS = SetupStep.INVITATIONS
FIRST_SIGN_IN = SetupStep.FIRST_SIGN_IN

PARTNER_STEPS = (
    Step(PARTNERSHIP, _("Bind the partner to a program")),
    Step(ORGANIZATION, _("Activate the partner and name its partner administrator")),
    Step(USER_ACCESS, _("Give a partner resource a portal user")),
    Step(INVITATIONS, _("Invite a portal user by e-mail")),
    Step(FIRST_SIGN_IN, _("Ask the invited users to sign in")),
)

PROGRAM = "program"
LOOKUPS = ("PARTNERSHIP_STATUS", "DEAL_REJECT_REASON")


def first_url(*names: str, args: tuple[object, ...] = ()) -> str:
    """The first of `names` the installed apps serve: a step links to the
    page that does it, which the programs app may not serve yet."""
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""
