"""The partners app's blocks of the home pages (core.home): for channel
managers their partners and what waits for them; for partner users their
organization, its people and what they can do next (PRG-7, PRG-9)."""

from typing import Any

from django.db.models import Case, Q, QuerySet, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped, capped_count, grouped_counts
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.selectors import token_list
from openprm.partners.models import PartnerContact, PartnerContactFavorite, PartnerProfile
from openprm.partners.policies.membership import membership
from openprm.partners.selectors import (
    contacts_awaiting_portal_user,
    managed_partners,
    own_organization,
)

NEWEST = 5
WAITING = 5
PEOPLE_SHOWN = 5

ACTIVE = PartnerProfile.Status.ACTIVE
INACTIVE = PartnerProfile.Status.INACTIVE


def _first(rows: Any, size: int) -> tuple[list[Any], int]:
    """The first `size` rows and how many there are (up to TODO_CAP + 1)."""
    first = list(rows[:size])
    return first, capped_count(rows, TODO_CAP) if len(first) == size else len(first)


def _contacts_tab(partner_id: int) -> str:
    return reverse("partners:partner_detail", kwargs={"pk": partner_id}) + "?tab=contacts"


def partner_overview(*, actor: Actor) -> dict[str, Any]:
    """PA-2, PA-3: the partners the channel manager manages, newest first,
    and how many are active (the inactive ones wait in `partner_work`)."""
    partners = managed_partners(actor=actor)
    return {
        "partners": list(partners.order_by("-pk")[:NEWEST]),
        "active": capped_count(partners.filter(status=ACTIVE)),
        "list_url": reverse("partners:partner_list"),
    }


def partner_work(*, actor: Actor) -> dict[str, Any]:
    """PRG-9: what waits for the channel manager: partner resources still
    without a portal user, and inactive partners (PA-3), each counted up to
    TODO_CAP."""
    awaiting, awaiting_count = _first(contacts_awaiting_portal_user(actor=actor), WAITING)
    inactive = managed_partners(actor=actor).filter(status=INACTIVE)
    return {
        "awaiting": [(contact, _contacts_tab(contact.partner_id)) for contact in awaiting],
        "awaiting_count": awaiting_count,
        "inactive": capped_count(inactive, TODO_CAP),
        "inactive_url": reverse("partners:partner_list") + "?status=inactive",
        "new_url": reverse("partners:partner_create"),
    }


def _own_people(actor: Actor) -> QuerySet[PartnerContact]:
    return access.visible(PartnerContact, actor).filter(partner_id=actor.partner_id)


def _people_shown(actor: Actor) -> tuple[list[PartnerContact], PartnerContact | None]:
    """The first people in name order and the primary contact, in one read
    that the organization and people blocks share."""

    def read() -> tuple[list[PartnerContact], PartnerContact | None]:
        people = _own_people(actor)
        first = people.order_by("person__last_name_search", "person__name_search", "pk")
        first = first.values("pk")[:PEOPLE_SHOWN]
        rows = list(
            people.filter(Q(pk__in=first) | Q(is_primary=True))
            .annotate(shown=Case(When(pk__in=first, then=True), default=False))
            .select_related("person", "role")
            .order_by("person__last_name_search", "person__name_search", "pk")
        )
        primary = min((r for r in rows if r.is_primary), key=lambda r: r.pk, default=None)
        return [r for r in rows if r.shown], primary

    return actor.remembered("partners.people_shown", read)


def _people_counts(actor: Actor) -> dict[str, int]:
    """The counts the people and next-steps blocks show, in one statement:
    people by level, who can sign in, who has a user and who not, whether
    the user marked a favorite and holds an access token."""

    def read() -> dict[str, int]:
        return grouped_counts(
            (
                _own_people(actor),
                {
                    **{f"level_{level}": Q(level=level) for level in PartnerContact.Level},
                    "active_users": Q(user__is_active=True),
                    "users": Q(user__isnull=False),
                    "without": Q(user__isnull=True),
                },
            ),
            (capped(access.visible(PartnerContactFavorite, actor), 0), {"favorites": None}),
            (capped(token_list(actor=actor), 0), {"tokens": None}),
        )

    return actor.remembered("partners.people_counts", read)


def portal_organization(*, actor: Actor) -> dict[str, Any]:
    """PRG-7: the partner user's own organization, its primary contact and
    the channel manager who looks after it (the partner's account owner)."""
    partner = own_organization(actor=actor)
    return {
        "partner": partner,
        "primary": _people_shown(actor)[1],
        "manager": partner.account.owner,
        "url": reverse("portal:organization"),
    }


LEVEL_HEADINGS = {
    PartnerContact.Level.CONTACT: gettext_lazy("Contacts"),
    PartnerContact.Level.RESOURCE: gettext_lazy("Resources"),
    PartnerContact.Level.USER: gettext_lazy("Portal users"),
}
"""A count's heading says what is counted, in the plural: the level's own
name ("Partner user") read as a raw label above a number."""


def portal_people(*, actor: Actor) -> dict[str, Any]:
    """PC-2, PRG-2: the organization's people by level, how many can sign
    into the portal, and the first of them in name order."""
    counts = _people_counts(actor)
    return {
        "people": _people_shown(actor)[0],
        "count": sum(counts[f"level_{level}"] for level in PartnerContact.Level),
        "levels": [
            (LEVEL_HEADINGS[level], counts[f"level_{level}"]) for level in PartnerContact.Level
        ],
        "users": counts["active_users"],
        "url": reverse("portal:contact_list"),
    }


def portal_next_steps(*, actor: Actor) -> dict[str, Any]:
    """What the partner user can do next in the portal, from its own data:
    mark favorites (PC-6), manage its organization's users when it is the
    partner administrator (PRG-2), invite the people who have no portal
    user yet through its channel manager, and connect its tools with a
    personal access token (PLAT-1)."""
    own = membership(actor)
    people = _people_counts(actor)
    steps: list[dict[str, Any]] = []
    if not people["favorites"]:
        steps.append(
            {
                "text": _("Mark the colleagues you work with most as favorites."),
                "url": reverse("portal:contact_list"),
                "action": _("Open contacts"),
            }
        )
    if own is not None and own.role is not None and own.role.code == PARTNER_ADMINISTRATOR:
        steps.append(
            {
                "text": ngettext(
                    "You are the partner administrator: manage your organization's "
                    "portal user (power or standard, active or not).",
                    "You are the partner administrator: manage your organization's "
                    "%(count)d portal users (power or standard, active or not).",
                    people["users"],
                )
                % {"count": people["users"]},
                "url": reverse("portal:user_list"),
                "action": _("Manage users"),
            }
        )
    if people["without"]:
        manager = own_organization(actor=actor).account.owner
        steps.append(
            {
                "text": ngettext(
                    "%(count)d of your people cannot sign in yet: ask %(manager)s, "
                    "your channel manager, to give them a portal user.",
                    "%(count)d of your people cannot sign in yet: ask %(manager)s, "
                    "your channel manager, to give them portal users.",
                    people["without"],
                )
                % {
                    "count": people["without"],
                    "manager": manager.display_name if manager else _("your channel manager"),
                },
                "url": f"mailto:{manager.email}" if manager and manager.email else "",
                "action": _("Write to your channel manager"),
            }
        )
    if not people["tokens"]:
        steps.append(
            {
                "text": _("Connect your own tools to the API with a personal access token."),
                "url": reverse("identity:profile"),
                "action": _("Create a token"),
            }
        )
    return {"steps": steps}
