"""Partners in the search box (core.global_search): for internal users the
partner list's search; for partner users their own organization and its
people only (PRG-7), linked to their portal pages."""

from django.urls import reverse

from openprm.core.actor import Actor
from openprm.core.global_search import Found, Hit, found_in
from openprm.partners.filters import PartnerContactFilter
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.selectors import own_partner, partner_contact_list, partner_name_search


def _place(partner: PartnerProfile) -> str:
    account = partner.account
    place = ", ".join(part for part in (account.city, account.country.name) if part)
    return " · ".join(part for part in (partner.get_status_display(), place) if part)


def partner_search(*, actor: Actor, q: str, limit: int) -> Found:
    """PA-2: managed partners the actor may see, by name prefix."""
    return found_in(
        partner_name_search(actor=actor, q=q),
        limit=limit,
        hit=lambda p: Hit(
            p.account.name,
            _place(p),
            reverse("partners:partner_detail", kwargs={"pk": p.pk}),
            p.pk,
        ),
    )


def portal_organization_search(*, actor: Actor, q: str, limit: int) -> Found:
    """PRG-7: the partner user's own organization when its name matches."""
    return found_in(
        partner_name_search(actor=actor, q=q),
        limit=limit,
        hit=lambda p: Hit(p.account.name, _place(p), reverse("portal:organization"), p.pk),
    )


def _person_hit(contact: PartnerContact) -> Hit:
    person = contact.person
    detail = contact.role.name if contact.role else contact.get_level_display()
    return Hit(
        person.full_name, detail, reverse("portal:contact_detail", args=[contact.pk]), contact.pk
    )


def portal_people_search(*, actor: Actor, q: str, limit: int) -> Found:
    """PRG-7, PC-1: the people of the partner user's own organization whose
    last or full name starts with `q` (the portal contact list's search)."""
    contacts = partner_contact_list(
        actor=actor, partner=own_partner(actor=actor), filters=PartnerContactFilter(q=q)
    ).order_by("person__last_name_search", "person__name_search", "pk")
    return found_in(contacts, limit=limit, hit=_person_hit)
