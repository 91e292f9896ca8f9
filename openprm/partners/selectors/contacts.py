"""Reads of partner contacts for the channel team, and the partner user's
own organization."""

from typing import Any

from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
)

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound
from openprm.customers.models import Account
from openprm.identity.models import Role
from openprm.partners.filters import PartnerContactFilter
from openprm.partners.models import (
    PartnerContact,
    PartnerContactFavorite,
    PartnerProfile,
)
from openprm.partners.policies.membership import membership
from openprm.partners.selectors.partners import partner_get

CONTACT_SORTS: dict[str, str] = {
    "name": "person__last_name_search",
    "level": "level",
    "role": "role__name",
}


def partner_contact_list(
    *,
    actor: Actor,
    partner: PartnerProfile | None = None,
    filters: PartnerContactFilter | None = None,
) -> QuerySet[PartnerContact]:
    """Visible partner contacts with person, role, manager and user in one
    query, and whether the actor marked each as a favorite (PC-6)."""
    contacts = (
        access.visible(PartnerContact, actor)
        .select_related("partner__account", "person", "role", "manager__person", "user")
        .annotate(
            is_favorite=Exists(
                PartnerContactFavorite.objects.filter(
                    user_id=actor.pk, partner_contact=OuterRef("pk")
                )
            )
        )
    )
    if partner is not None:
        contacts = contacts.filter(partner_id=partner.pk)
    if filters is not None:
        contacts = filters.filter(contacts)
    return contacts


def partner_contact_get(*, actor: Actor, pk: Any) -> PartnerContact:
    return access.get_visible(PartnerContact, actor, pk, partner_contact_list(actor=actor))


def partner_contact_get_to(*, actor: Actor, pk: Any, action: str) -> PartnerContact:
    """The partner contact for a page that does `action` on it (promote it,
    change its role, delete it): 404 when invisible, 403 when the actor may
    see it but not do that."""
    contact = partner_contact_get(actor=actor, pk=pk)
    access.require(actor, action, contact)
    return contact


def favorite_partner_contacts(*, actor: Actor) -> QuerySet[PartnerContact]:
    """PC-6: the actor's favorites."""
    return partner_contact_list(actor=actor).filter(is_favorite=True)


def partner_roles() -> QuerySet[Role]:
    """Partner job roles, reference data every partner form offers."""
    return access.unscoped(Role).filter(for_partners=True).order_by("name")


def own_partner(*, actor: Actor) -> PartnerProfile:
    """PRG-7: the portal user's own organization, from its membership.

    Read once per request and kept on the actor (never on its user): a
    portal page asks for it from its view, its columns and its selectors.
    NotFound (an internal user) is not kept, so it is raised every time."""
    own = membership(actor)
    return actor.remembered(
        "partners.own_partner",
        lambda: partner_get(actor=actor, pk=own.partner_id if own is not None else None),
    )


def own_organization(*, actor: Actor) -> PartnerProfile:
    """PRG-7: the portal user's own organization as its membership row holds
    it — with its account and channel manager, read with the actor, so a
    page that shows its name and manager asks nothing more (`own_partner`
    adds the partner list's counts). NotFound for anyone else, as for a
    partner that is not a managed partner."""
    own = membership(actor)
    if own is None or not (
        own.partner.managed_partner
        and own.partner.account.account_type == Account.AccountType.PARTNER
    ):
        raise NotFound
    return own.partner


def contacts_awaiting_portal_user(*, actor: Actor) -> QuerySet[PartnerContact]:
    """PC-2, PRG-9: partner resources of active partners who have no portal
    user yet, the next setup step a channel manager takes for them."""
    return (
        access.visible(PartnerContact, actor)
        .filter(
            level=PartnerContact.Level.RESOURCE,
            user__isnull=True,
            partner__status=PartnerProfile.Status.ACTIVE,
        )
        .select_related("person", "partner__account", "role")
        .order_by("-pk")
    )
