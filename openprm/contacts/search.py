"""Contacts in the search box (core.global_search): the All Contacts search
of the contact list (CON-8), by last name or full name prefix."""

from django.urls import reverse
from django.utils.translation import gettext as _

from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import Person
from openprm.contacts.tables import CONTACTS
from openprm.core.actor import Actor
from openprm.core.global_search import Found, Hit, found_in


def _hit(person: Person) -> Hit:
    customers = [r.account.name for r in person.customer_relationships]
    parts = [person.job_title, *customers[:1]]
    if len(customers) > 1:
        parts.append(_("+%(count)d more") % {"count": len(customers) - 1})
    return Hit(
        title=person.full_name,
        detail=" · ".join(part for part in parts if part),
        url=reverse("contacts:contact_detail", kwargs={"pk": person.pk}),
        id=person.pk,
    )


def contact_search(*, actor: Actor, q: str, limit: int) -> Found:
    """CON-8: contacts of a customer the actor may see (TEAM-5), and B2C
    contacts, whose last or full name starts with `q`, in list order."""
    rows = CONTACTS.rows(actor=actor, query={"q": q}, filters=ContactFilter(q=q))
    return found_in(rows, limit=limit, hit=_hit)
