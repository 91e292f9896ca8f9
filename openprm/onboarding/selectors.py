"""Reading the setup checklist (PRG-9), set-based: one query marks every
partner's steps, whatever the number of partners; the one-time steps are
one query each. Manage Partners."""

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.lookups.models import LookupValue
from openprm.core.privileges import require_privilege
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.onboarding import steps as s
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.programs.models import Partnership, Program

ACTIVE = PartnerProfile.Status.ACTIVE


@dataclass(frozen=True)
class OneTimeStep:
    key: str
    label: str
    done: bool
    detail: str
    url: str


def one_time_steps(*, actor: Actor) -> list[OneTimeStep]:
    """The platform's steps: an active program with a tier a partner can
    hold, and each lookup the partner rules read with an active value."""
    require_privilege(actor, MANAGE_PARTNERS)
    programs = (
        access.visible(Program, actor).filter(is_active=True, tiers__is_retired=False).distinct()
    )
    filled = set(
        access.visible(LookupValue, actor)
        .filter(lookup_type__code__in=s.LOOKUPS, active=True)
        .values_list("lookup_type__code", flat=True)
        .distinct()
    )
    found = [
        OneTimeStep(
            s.PROGRAM,
            _("An active program with tiers"),
            programs.exists(),
            _("Partners join a program at its entry tier; its tiers set their rewards."),
            s.first_url("programs:program_list"),
        )
    ]
    labels = {
        "PARTNERSHIP_STATUS": _("Partnership statuses filled"),
        "DEAL_REJECT_REASON": _("Reasons to reject a deal registration filled"),
    }
    found += [
        OneTimeStep(
            code,
            labels[code],
            code in filled,
            _("The lookup %(code)s needs at least one active value.") % {"code": code},
            s.first_url("core:lookup_detail", args=(code,)),
        )
        for code in s.LOOKUPS
    ]
    return found


def _step_conditions(actor: Actor) -> dict[str, Any]:
    """Per partner, whether each fact behind a step holds (an EXISTS each)."""
    contacts = access.visible(PartnerContact, actor).filter(partner_id=OuterRef("pk"))
    portal_users = contacts.filter(user__isnull=False, user__is_active=True)
    return {
        "has_partnership": Exists(
            access.visible(Partnership, actor).filter(partner_id=OuterRef("pk"))
        ),
        "has_administrator": Exists(contacts.filter(role__code=PARTNER_ADMINISTRATOR)),
        "has_portal_user": Exists(portal_users),
        "has_invitation": Exists(
            portal_users.filter(
                Q(user__portal_invitations__isnull=False) | Q(user__last_login__isnull=False)
            )
        ),
        "has_signed_in": Exists(portal_users.filter(user__last_login__isnull=False)),
    }


STEP_DONE = {
    s.PARTNERSHIP: Q(has_partnership=True),
    s.ORGANIZATION: Q(status=ACTIVE, has_administrator=True),
    s.USER_ACCESS: Q(has_portal_user=True),
    s.INVITATIONS: Q(has_invitation=True),
    s.FIRST_SIGN_IN: Q(has_signed_in=True),
}
ALL_DONE = reduce(operator.and_, STEP_DONE.values())


def _with_steps(actor: Actor) -> QuerySet[PartnerProfile]:
    return (
        access.visible(PartnerProfile, actor)
        .select_related("account")
        .annotate(**_step_conditions(actor))
    )


def incomplete_partners(
    *, actor: Actor, missing: s.SetupStep | None = None
) -> QuerySet[PartnerProfile]:
    """The partners whose setup is incomplete, or those missing one step:
    the channel team's work list (Manage Partners)."""
    require_privilege(actor, MANAGE_PARTNERS)
    rows = _with_steps(actor)
    if missing in STEP_DONE:
        return rows.exclude(STEP_DONE[missing])
    return rows.exclude(ALL_DONE)


def first_incomplete(*, actor: Actor, shown: int, cap: int) -> tuple[list[PartnerProfile], int]:
    """The newest `shown` incomplete partners with their step flags, and how
    many there are (up to `cap` + 1), for the home block. The five EXISTS
    conditions are built once: one statement reads the flags of up to
    `cap` + 1 partners, a plain one loads the few shown."""
    flags = list(_step_conditions(actor))
    head = list(
        incomplete_partners(actor=actor).order_by("-pk").values_list("pk", *flags)[: cap + 1]
    )
    by_pk = {row[0]: dict(zip(flags, row[1:], strict=True)) for row in head[:shown]}
    partners = access.visible(PartnerProfile, actor).filter(pk__in=by_pk).select_related("account")
    first = sorted(partners, key=lambda partner: -partner.pk)
    for partner in first:
        for flag, value in by_pk[partner.pk].items():
            setattr(partner, flag, value)
    return first, len(head)


def partner_steps(*, actor: Actor, pk: Any) -> PartnerProfile:
    """One partner with the facts of its steps, for whoever sees the
    partner (404 otherwise)."""
    return access.get_visible(PartnerProfile, actor, pk, _with_steps(actor))
