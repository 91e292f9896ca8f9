"""The portal's lists of the partner's own organization (PRG-2, PC-6,
PRG-13): declared once for the portal page, its files and the portal API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.partners import selectors
from openprm.partners.filters import PartnerContactFilter
from openprm.partners.models import PartnerContact

NAME = ("person__last_name_search",)


def _contacts(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[PartnerContact]:
    return selectors.portal_contact_list(actor=actor, filters=filters)


PORTAL_CONTACTS = ListSpec(
    name="partners.portal_contacts",
    select=_contacts,
    columns=(
        Column("first_name", _("First name"), lambda c: c.person.first_name, shown=False),
        Column("last_name", _("Last name"), lambda c: c.person.last_name, shown=False),
        Column(
            "name",
            _("Name"),
            sort=NAME,
            cell="partners/cells/portal_contact_name.html",
            exported=False,
        ),
        Column("primary", _("Primary"), lambda c: c.is_primary, shown=False),
        Column(
            "organization",
            _("Organization"),
            lambda c: c.partner.account.name,
            sort="partner__account__name_search",
        ),
        Column("level", _("Level"), lambda c: c.get_level_display(), sort="level"),
        Column("role", _("Role"), lambda c: c.role.name if c.role else "", sort="role__name"),
        Column(
            "favorite",
            _("Favorite"),
            lambda c: c.is_favorite,
            cell="partners/cells/portal_favorite.html",
        ),
    ),
    filters=PartnerContactFilter,
    default_sort="name",
    filename="contacts",
)


def _users(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[PartnerContact]:
    return selectors.portal_user_list(actor=actor)


PORTAL_USERS = ListSpec(
    name="partners.portal_users",
    select=_users,
    columns=(
        Column("first_name", _("First name"), lambda c: c.person.first_name, shown=False),
        Column("last_name", _("Last name"), lambda c: c.person.last_name, shown=False),
        Column(
            "name",
            _("Name"),
            lambda c: c.person.full_name,
            sort=NAME,
            link=lambda c: reverse("portal:contact_detail", args=[c.pk]),
            exported=False,
        ),
        Column("username", _("User name"), lambda c: c.user.username if c.user else ""),
        Column("role", _("Role"), lambda c: c.role.name if c.role else "", sort="role__name"),
        Column(
            "user_type",
            _("User type"),
            lambda c: c.get_portal_user_type_display(),
            sort="portal_user_type",
        ),
        Column(
            "active",
            _("Status"),
            lambda c: bool(c.user and c.user.is_active),
            cell="partners/cells/portal_user_state.html",
        ),
        Column("invited", _("Invited"), lambda c: c.invited_at or "", sort="invited_at"),
        Column(
            "last_sign_in",
            _("Last sign-in"),
            lambda c: (c.user.last_login if c.user else None) or "",
            sort="user__last_login",
        ),
        Column("edit", "", cell="partners/cells/portal_user_edit.html", exported=False),
    ),
    default_sort="name",
    sorts={"level": ("level",)},
    filename="users",
)
