"""The partner lists of the internal screens (PA-2, PC-1): what each shows,
exports, sorts and filters by, declared once for the page, the files, the
background export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.apikit.handlers import CUSTOM_PARAM
from openprm.core.places import region_name
from openprm.core.tables import Column, ListSpec, Query
from openprm.partners import selectors
from openprm.partners.filters import PartnerContactFilter, PartnerFilter
from openprm.partners.models import PartnerContact, PartnerProfile


def custom_params(query: Query) -> dict[str, str]:
    """`custom.<name>=value` searches the account's and the partner's own
    custom fields (PLAT-7)."""
    return {
        key.removeprefix(CUSTOM_PARAM): value
        for key, value in query.items()
        if key.startswith(CUSTOM_PARAM)
    }


def _partners(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[PartnerProfile]:
    return selectors.partner_list(actor=actor, filters=filters, custom=custom_params(query))


PARTNERS = ListSpec(
    name="partners.partners",
    select=_partners,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column(
            "name",
            _("Name"),
            lambda p: p.account.name,
            sort="account__name_search",
            cell="partners/cells/partner_name.html",
        ),
        Column(
            "status",
            _("Status"),
            lambda p: p.get_status_display(),
            sort="status",
            cell="partners/cells/status.html",
        ),
        Column("parent", _("Parent"), lambda p: p.parent_name or ""),
        Column(
            "owner",
            _("Owner"),
            lambda p: p.account.owner.display_name if p.account.owner_id else "",
            shown=False,
        ),
        Column("city", _("City"), lambda p: p.account.city, shown=False),
        Column(
            "region", _("Region"), lambda p: region_name(p.account.region), sort="account__region"
        ),
        Column(
            "country",
            _("Country"),
            lambda p: p.account.country.name,
            sort="account__country",
            exported=False,
        ),
        Column("country_code", _("Country"), lambda p: p.account.country.code or "", shown=False),
        Column("contacts", _("Contacts"), lambda p: p.contact_count),
        Column(
            "custom",
            _("Custom fields"),
            lambda p: {**p.account.custom, **p.custom} or "",
            shown=False,
        ),
    ),
    filters=PartnerFilter,
    default_sort="name",
    filename="partners",
    sorts={"created": ("created_at",)},
)


def _partner_contacts(
    *, actor: Actor, filters: Any, query: Query, partner_id: int, **scope: Any
) -> QuerySet[PartnerContact]:
    """A partner's contacts; a partner the actor may not see is NotFound."""
    partner = selectors.partner_get(actor=actor, pk=partner_id)
    return selectors.partner_contact_list(actor=actor, partner=partner, filters=filters)


PARTNER_CONTACTS = ListSpec(
    name="partners.partner_contacts",
    select=_partner_contacts,
    columns=(
        Column("first_name", _("First name"), lambda c: c.person.first_name, shown=False),
        Column("last_name", _("Last name"), lambda c: c.person.last_name, shown=False),
        Column(
            "name",
            _("Name"),
            sort="person__last_name_search",
            cell="partners/cells/contact_name.html",
            exported=False,
        ),
        Column("primary", _("Primary"), lambda c: c.is_primary, shown=False),
        Column("level", _("Level"), lambda c: c.get_level_display(), sort="level"),
        Column("role", _("Role"), lambda c: c.role.name if c.role else "", sort="role__name"),
        Column("manager", _("Manager"), lambda c: c.manager.person.full_name if c.manager else ""),
        Column(
            "portal_user",
            _("Portal user"),
            lambda c: c.user.username if c.user else "",
            cell="partners/cells/portal_user.html",
        ),
        Column(
            "active_user",
            _("Active user"),
            lambda c: bool(c.user and c.user.is_active),
            shown=False,
        ),
        Column(
            "actions",
            _("Actions"),
            cell="partners/cells/contact_actions.html",
            exported=False,
        ),
    ),
    filters=PartnerContactFilter,
    default_sort="name",
    filename="partner-{partner_id}-contacts",
    row_key=lambda c: f"contact-{slugify(c.person.last_name)}",
)
