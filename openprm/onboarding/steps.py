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

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    key: str
    label: str | Promise
    todo: str | Promise
    """What to do when the step is missing."""


PARTNERSHIP = "partnership"
ORGANIZATION = "organization"
USER_ACCESS = "user_access"
INVITATIONS = "invitations"
FIRST_SIGN_IN = "first_sign_in"

PARTNER_STEPS = (
    Step(PARTNERSHIP, _("Partnership"), _("Bind the partner to a program")),
    Step(
        ORGANIZATION,
        _("Portal organization"),
        _("Activate the partner and name its partner administrator"),
    ),
    Step(USER_ACCESS, _("User access"), _("Give a partner resource a portal user")),
    Step(INVITATIONS, _("Invitations sent"), _("Invite a portal user by e-mail")),
    Step(FIRST_SIGN_IN, _("First sign-in"), _("Ask the invited users to sign in")),
)
STEP_KEYS = tuple(step.key for step in PARTNER_STEPS)

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
