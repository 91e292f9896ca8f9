"""Expiry reminders of certifications (PRG-12): the holder and the partner
administrator hear 60, 30 and 7 days before a certification expires, each
reminder once, with the tier requirement the certification counts towards.

Expiry itself needs no job: a certification's status is read from its dates
(models.HeldStatus). The reminders are one set-based pass that can run
again without sending anything twice: a certification records the nearest
reminder sent (`reminded_days`), and one found late gets only the nearest.
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openprm.core import access
from openprm.core.notifications.services import Message, notify_many
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.partners.models import PartnerContact
from openprm.programs.models import Partnership, TierRequirement
from openprm.trainings.models import HeldCertification

REMINDER_DAYS = (7, 30, 60)
INDICATOR = "certified_people"
CHUNK = 5_000


def certifications_remind(today: dt.date | None = None) -> int:
    """Send the reminders due on `today`; the number of certifications reminded."""
    today = today or timezone.localdate()
    due: list[tuple[HeldCertification, int]] = []
    with transaction.atomic():
        for days in REMINDER_DAYS:
            found = list(
                access.unscoped(HeldCertification)
                .filter(
                    Q(reminded_days__isnull=True) | Q(reminded_days__gt=days),
                    revoked_on__isnull=True,
                    expires_on__gte=today,
                    expires_on__lte=today + dt.timedelta(days=days),
                )
                .select_related("holder__person", "certification")
            )
            ids = [held.pk for held in found]
            for start in range(0, len(ids), CHUNK):
                access.unscoped(HeldCertification).filter(pk__in=ids[start : start + CHUNK]).update(
                    reminded_days=days
                )
            due += [(held, days) for held in found]
    notify_many(_messages(due))
    return len(due)


def _messages(due: list[tuple[HeldCertification, int]]) -> list[Message]:
    """One message per recipient and reminder: the holder's own
    certifications, the administrator's people's."""
    partners = {held.holder.partner_id for held, _days in due}
    admins = _administrators(partners)
    supports = _supports(partners, {held.certification.code for held, _days in due})
    lines: dict[tuple[int, int], list[str]] = defaultdict(list)
    for held, days in due:
        line = _line(held, supports.get((held.holder.partner_id, held.certification.code), []))
        recipients = {held.holder.user_id, *admins.get(held.holder.partner_id, ())}
        for recipient in recipients - {None}:
            lines[(recipient, days)].append(line)
    link = reverse("portal:trainings")
    return [
        Message(recipient, _title(days), "\n".join(sorted(found)), link)
        for (recipient, days), found in lines.items()
    ]


def _title(days: int) -> str:
    return ngettext(
        "A certification expires within %(days)s days",
        "Certifications expire within %(days)s days",
        days,
    ) % {"days": days}


def _line(held: HeldCertification, supports: Iterable[str]) -> str:
    text = _("%(person)s: %(certification)s expires on %(date)s.") % {
        "person": held.holder.person.full_name,
        "certification": held.certification,
        "date": formats.date_format(held.expires_on),
    }
    counts = "; ".join(supports)
    return f"{text} {_('It counts towards %(tiers)s.') % {'tiers': counts}}" if counts else text


def _administrators(partner_ids: set[int]) -> dict[int, set[int]]:
    """Each partner's administrators with a portal user."""
    found: dict[int, set[int]] = defaultdict(set)
    for partner, user in (
        access.unscoped(PartnerContact)
        .filter(
            partner_id__in=partner_ids,
            role__code=PARTNER_ADMINISTRATOR,
            user__isnull=False,
            user__is_active=True,
        )
        .values_list("partner_id", "user_id")
    ):
        found[partner].add(user)
    return found


def _supports(partner_ids: set[int], codes: set[str]) -> dict[tuple[int, str], list[str]]:
    """PRG-12: the tier requirements of each partner's program that count
    people holding a certification ("Gold: 2 certified people")."""
    programs = dict(
        access.unscoped(Partnership)
        .filter(partner_id__in=partner_ids)
        .values_list("partner_id", "program_id")
    )
    requirements = list(
        access.unscoped(TierRequirement)
        .filter(
            indicator=INDICATOR,
            parameter__in=[*codes, ""],
            tier__program_id__in=set(programs.values()),
            tier__is_retired=False,
        )
        .select_related("tier")
        .order_by("tier__rank")
    )
    found: dict[tuple[int, str], list[str]] = defaultdict(list)
    for partner, program in programs.items():
        for code in codes:
            for requirement in requirements:
                if requirement.tier.program_id == program and requirement.parameter in (code, ""):
                    found[(partner, code)].append(_requirement(requirement))
    return found


def _requirement(requirement: TierRequirement) -> str:
    people = math.ceil(requirement.threshold)
    return ngettext(
        "%(tier)s: %(people)s certified person",
        "%(tier)s: %(people)s certified people",
        people,
    ) % {"tier": requirement.tier.name, "people": people}
